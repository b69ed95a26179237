import { onTopic, type TopicContract } from '@keel/contracts';
import { createKafkaClient, type KafkaClient } from '@keel/kafka';
import { uniqueName } from './unique-name';

export const TEST_KAFKA_BROKERS = (process.env.KEEL_TEST_KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

export interface TestTopics<C extends TopicContract> {
  /** The contracts with the same schemas on topics of this test file's own (`test.<topic>_<random>`). */
  contracts: C[];
  kafka: KafkaClient;
  /** Deletes the topics and their dead-letter twins, then closes the client. */
  cleanup(): Promise<void>;
}

/** A copy of a contract on a topic no other test file uses (the `.dlq` twin follows). */
export function isolatedContract<C extends TopicContract>(contract: C): C {
  return onTopic(contract, `test.${uniqueName(contract.topic.replace(/\./g, '_'))}`);
}

/** Creates isolated copies of the given contracts' topics on the real broker, for one test file. */
export async function createTestTopics<C extends TopicContract>(
  contracts: C[],
  partitions = 1,
): Promise<TestTopics<C>> {
  const kafka = createKafkaClient({ brokers: TEST_KAFKA_BROKERS, clientId: uniqueName('keel_test') });
  const isolated = contracts.map(isolatedContract);
  await kafka.ensureTopics(isolated, { partitions, replicationFactor: 1 });
  return {
    contracts: isolated,
    kafka,
    cleanup: async () => {
      await kafka.deleteTopics(isolated.flatMap((c) => [c.topic, c.dlq])).catch(() => undefined);
      await kafka.close();
    },
  };
}
