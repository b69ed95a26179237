import { PermanentMessageError } from '../kafka.errors';
import { createKafkaClient, type KafkaClient } from '../kafka-client';
import { CapturingLogger, FAST_GROUP, RawTopics, testSettings, waitFor } from '../test-support/integration';
import { testContract } from '../test-support/test-contract';

// Malformed and refused messages go to the dead-letter topic with their original bytes; the consumer goes on.
const suffix = Math.random().toString(36).slice(2, 10);
const contracts = {
  single: testContract(`test.${suffix}.single`),
  batch: testContract(`test.${suffix}.batch`),
};
const group = (name: string) => `test-${suffix}-${name}`;

let client: KafkaClient;
let raw: RawTopics;

beforeAll(async () => {
  const settings = testSettings(new CapturingLogger());
  client = createKafkaClient(settings);
  raw = new RawTopics(settings);
  await client.ensureTopics(Object.values(contracts), { partitions: 1, replicationFactor: 1 });
});

afterAll(async () => {
  await client.deleteTopics(Object.values(contracts).flatMap((c) => [c.topic, c.dlq]));
  await client.close();
  await raw.close();
});

describe('dead-lettering on a real broker', () => {
  it('parks unreadable, invalid and refused messages with their original bytes and the reason, then goes on', async () => {
    const contract = contracts.single;
    const notJson = Buffer.from([0x7b, 0xff, 0x00, 0x01]);
    await raw.send(contract.topic, [
      { key: 'k-bytes', value: notJson, headers: { origin: Buffer.from('sensor-7'), 'x-correlation-id': 'corr-dlq' } },
      { key: 'k-ok1', value: '{"id":"ok1","n":1}', headers: {} },
      { key: 'k-bad', value: '{"id":"bad","n":"one"}', headers: {} },
      { key: 'k-refused', value: '{"id":"refused","n":3}', headers: {} },
      { key: null, value: '{"id":"ok2","n":4}', headers: {} },
    ]);

    const handled: string[] = [];
    let refusals = 0;
    const before = new Date();
    const consumer = client.consumer({
      groupId: group('single'),
      contract,
      fromBeginning: true,
      ...FAST_GROUP,
      handle: async (m) => {
        if (m.value.id === 'refused') {
          refusals += 1;
          throw new PermanentMessageError('no such tenant');
        }
        handled.push(m.value.id);
      },
    });
    await consumer.start();
    await waitFor(
      'the last commit',
      async () => (await client.committedOffsets(group('single'), contract.topic)).get(0) === '5',
    );
    await consumer.stop();

    expect(handled).toEqual(['ok1', 'ok2']);
    expect(refusals).toBe(1);

    const parked = await raw.read(contract.dlq, 3);
    expect(parked.map((m) => m.key?.toString())).toEqual(['k-bytes', 'k-bad', 'k-refused']);
    expect(parked[0]?.value).toEqual(notJson);
    expect(parked[1]?.value?.toString()).toBe('{"id":"bad","n":"one"}');

    const headers = parked.map((m) => Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, String(v)])));
    expect(headers[0]).toMatchObject({
      origin: 'sensor-7',
      'x-correlation-id': 'corr-dlq',
      'keel-dlq-source-topic': contract.topic,
      'keel-dlq-source-partition': '0',
      'keel-dlq-source-offset': '0',
      'keel-dlq-consumer-group': group('single'),
    });
    expect(headers[0]?.['keel-dlq-reason']).toMatch(/^value is not valid JSON: /);
    expect(headers[1]?.['keel-dlq-reason']).toMatch(/violates contract .*n/);
    expect(headers[1]?.['keel-dlq-source-offset']).toBe('2');
    expect(headers[2]?.['keel-dlq-reason']).toBe('handler refused the message: no such tenant');
    const failedAt = new Date(String(headers[2]?.['keel-dlq-failed-at']));
    expect(failedAt.getTime()).toBeGreaterThanOrEqual(before.getTime());
    expect(failedAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('hands a batch handler only the valid messages, in order, after parking the others', async () => {
    const contract = contracts.batch;
    await raw.send(contract.topic, [
      { key: 'a', value: '{"id":"a","n":1}', headers: {} },
      { key: 'x', value: 'oops', headers: {} },
      { key: 'b', value: '{"id":"b","n":2}', headers: {} },
      { key: 'c', value: '{"id":"c","n":3}', headers: {} },
    ]);

    const batches: string[][] = [];
    const consumer = client.consumer({
      groupId: group('batch'),
      contract,
      fromBeginning: true,
      ...FAST_GROUP,
      handleBatch: async (messages) => void batches.push(messages.map((m) => m.value.id)),
    });
    await consumer.start();
    await waitFor(
      'the last commit',
      async () => (await client.committedOffsets(group('batch'), contract.topic)).get(0) === '4',
    );
    await consumer.stop();

    expect(batches.flat()).toEqual(['a', 'b', 'c']);
    const parked = await raw.read(contract.dlq, 1);
    expect(parked.map((m) => m.value?.toString())).toEqual(['oops']);
  });
});
