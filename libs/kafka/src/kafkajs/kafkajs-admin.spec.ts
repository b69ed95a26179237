import type { Kafka } from 'kafkajs';
import { KafkajsAdmin } from './kafkajs-admin';

type Metadata = { topics: Array<{ name: string; partitions: Array<{ partitionId: number; leader: number }> }> };

/** A kafkajs Admin whose metadata answers are scripted: an error to throw, or an answer to give. */
function scriptedAdmin(answers: Array<Error | Metadata>) {
  const calls = { createTopics: [] as unknown[], fetchTopicMetadata: 0 };
  const admin = {
    connect: async () => undefined,
    createTopics: async (request: unknown) => {
      calls.createTopics.push(request);
      return true;
    },
    fetchTopicMetadata: async () => {
      const answer = answers[Math.min(calls.fetchTopicMetadata, answers.length - 1)];
      calls.fetchTopicMetadata += 1;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return { admin: new KafkajsAdmin({ admin: () => admin } as unknown as Kafka), calls };
}

const protocolError = (type: string): Error => Object.assign(new Error(`kafka says ${type}`), { type });
const led = (leader: number): Metadata => ({ topics: [{ name: 't', partitions: [{ partitionId: 0, leader }] }] });
const spec = [{ topic: 't', partitions: 1, replicationFactor: 1 }];

describe('KafkajsAdmin.createTopics', () => {
  it('waits through "not hosted yet" and "no leader yet" answers until every partition has a leader', async () => {
    const { admin, calls } = scriptedAdmin([
      protocolError('UNKNOWN_TOPIC_OR_PARTITION'),
      // As kafkajs throws it after its own retries: the cause inside.
      Object.assign(new Error('retries exceeded'), { originalError: protocolError('LEADER_NOT_AVAILABLE') }),
      led(-1),
      led(0),
    ]);
    await admin.createTopics(spec);
    expect(calls.fetchTopicMetadata).toBe(4);
    expect(calls.createTopics).toEqual([expect.objectContaining({ waitForLeaders: false })]);
  });

  it('fails at once on any other error', async () => {
    const { admin, calls } = scriptedAdmin([protocolError('TOPIC_AUTHORIZATION_FAILED'), led(0)]);
    await expect(admin.createTopics(spec)).rejects.toThrow('kafka says TOPIC_AUTHORIZATION_FAILED');
    expect(calls.fetchTopicMetadata).toBe(1);
  });
});
