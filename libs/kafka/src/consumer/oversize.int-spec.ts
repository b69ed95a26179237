import { createKafkaClient, type KafkaClient } from '../kafka-client';
import { CapturingLogger, FAST_GROUP, RawTopics, testSettings, waitFor } from '../test-support/integration';
import { testContract } from '../test-support/test-contract';

// A message larger than its contract allows (5 MB against a 1 MiB limit) reaches the consumer — the topic's
// broker settings come from the contract — and is dead-lettered with its size as the reason; the next one is handled.
const suffix = Math.random().toString(36).slice(2, 10);
const MIB = 1024 * 1024;
const contract = {
  ...testContract(`test.${suffix}.oversize`),
  maxMessageBytes: MIB,
  topicConfig: { 'max.message.bytes': String(16 * MIB) },
};
const groupId = `test-${suffix}-oversize`;

let client: KafkaClient;
let raw: RawTopics;

beforeAll(async () => {
  const settings = testSettings(new CapturingLogger());
  client = createKafkaClient(settings);
  raw = new RawTopics(settings);
  await client.ensureTopics([contract], { partitions: 1, replicationFactor: 1 });
});

afterAll(async () => {
  await client.deleteTopics([contract.topic, contract.dlq]);
  await client.close();
  await raw.close();
});

describe('an oversize message on a real broker', () => {
  it('is dead-lettered with its size, and the consumer goes on', async () => {
    const huge = JSON.stringify({ id: 'huge', n: 1, padding: 'x'.repeat(5 * MIB) });
    await raw.send(contract.topic, [
      { key: 'k-huge', value: huge, headers: {} },
      { key: 'k-ok', value: '{"id":"ok","n":2}', headers: {} },
    ]);
    const handled: string[] = [];
    const consumer = client.consumer({
      groupId,
      contract,
      fromBeginning: true,
      ...FAST_GROUP,
      handle: async (m) => void handled.push(m.value.id),
    });
    await consumer.start();
    await waitFor(
      'the last commit',
      async () => (await client.committedOffsets(groupId, contract.topic)).get(0) === '2',
    );
    await consumer.stop();

    expect(handled).toEqual(['ok']);
    const [parked] = await raw.read(contract.dlq, 1);
    expect(parked?.value?.length).toBe(Buffer.byteLength(huge));
    expect(String(parked?.headers['keel-dlq-reason'])).toBe(
      `message of ${Buffer.byteLength(huge)} bytes exceeds the limit of ${MIB} bytes of ${contract.topic}`,
    );
  });
});
