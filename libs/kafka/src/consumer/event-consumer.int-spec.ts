import { currentCorrelationId, runWithContext } from '@keel/context';
import { createKafkaClient, type KafkaClient } from '../kafka-client';
import {
  CapturingLogger,
  deferred,
  FAST_GROUP,
  RawTopics,
  sleep,
  testSettings,
  waitFor,
} from '../test-support/integration';
import { testContract, type TestEvent } from '../test-support/test-contract';
import type { ReceivedMessage } from './consumer-options';

// Delivery semantics on the real broker: commit after success, retry then pause, graceful stop, correlation.
const suffix = Math.random().toString(36).slice(2, 10);
const contracts = {
  retry: testContract(`test.${suffix}.retry`),
  pause: testContract(`test.${suffix}.pause`),
  stop: testContract(`test.${suffix}.stop`),
  correlation: testContract(`test.${suffix}.correlation`),
  echo: testContract(`test.${suffix}.echo`),
};
const group = (name: string) => `test-${suffix}-${name}`;

let client: KafkaClient;
let raw: RawTopics;
const logger = new CapturingLogger();

beforeAll(async () => {
  const settings = testSettings(logger);
  client = createKafkaClient(settings);
  raw = new RawTopics(settings);
  await client.ensureTopics(Object.values(contracts), { partitions: 1, replicationFactor: 1 });
});

afterAll(async () => {
  await client.deleteTopics(Object.values(contracts).flatMap((c) => [c.topic, c.dlq]));
  await client.close();
  await raw.close();
});

describe('EventConsumer on a real broker', () => {
  it('commits only after the handler succeeded, retrying it meanwhile, and a restarted member does not get it again', async () => {
    const contract = contracts.retry;
    const publisher = client.publisher();
    await publisher.publish(contract, { id: 'm1', n: 1 });

    let calls = 0;
    const committedWhileFailing: number[] = [];
    const handled = deferred<ReceivedMessage<TestEvent>>();
    const first = client.consumer({
      groupId: group('retry'),
      contract,
      fromBeginning: true,
      maxRetries: 3,
      retryBackoffMs: 100,
      ...FAST_GROUP,
      handle: async (message) => {
        calls += 1;
        if (calls <= 2) {
          committedWhileFailing.push((await client.committedOffsets(group('retry'), contract.topic)).size);
          throw new Error('database unavailable');
        }
        handled.resolve(message);
      },
    });
    await first.start();
    const message = await handled.promise;
    expect(message.value).toEqual({ id: 'm1', n: 1, note: '' });
    await waitFor(
      'the commit',
      async () => (await client.committedOffsets(group('retry'), contract.topic)).get(0) === '1',
    );
    expect(calls).toBe(3);
    expect(committedWhileFailing).toEqual([0, 0]);
    expect(logger.lines.filter((l) => l.msg === 'message handling failed, retrying')).toHaveLength(2);
    await first.stop();

    await publisher.publish(contract, { id: 'm2', n: 2 });
    const seen: string[] = [];
    const second = client.consumer({
      groupId: group('retry'),
      contract,
      fromBeginning: true,
      ...FAST_GROUP,
      handle: async (m) => void seen.push(m.value.id),
    });
    await second.start();
    await waitFor('m2', () => seen.length > 0);
    await second.stop();
    // Same partition, so a redelivered m1 would have come before m2.
    expect(seen).toEqual(['m2']);
    expect((await client.committedOffsets(group('retry'), contract.topic)).get(0)).toBe('2');
  });

  it('pauses the partition when the retries run out and tries the same message again later, skipping nothing', async () => {
    const contract = contracts.pause;
    await client.publisher().publishBatch(contract, [{ value: { id: 'a', n: 1 } }, { value: { id: 'b', n: 2 } }]);

    const failures: number[] = [];
    const handled: { id: string; at: number }[] = [];
    const consumer = client.consumer({
      groupId: group('pause'),
      contract,
      fromBeginning: true,
      maxRetries: 1,
      retryBackoffMs: 50,
      pauseOnFailureMs: 1000,
      ...FAST_GROUP,
      handle: async (m) => {
        if (m.value.id === 'a' && failures.length < 2) {
          failures.push(Date.now());
          throw new Error('database unavailable');
        }
        handled.push({ id: m.value.id, at: Date.now() });
      },
    });
    await consumer.start();
    await waitFor('both messages', () => handled.length === 2);
    await waitFor(
      'the commit',
      async () => (await client.committedOffsets(group('pause'), contract.topic)).get(0) === '2',
    );
    await consumer.stop();

    expect(handled.map((h) => h.id)).toEqual(['a', 'b']);
    expect(failures).toHaveLength(2);
    // The third attempt came from the broker again after the pause, not from the retry loop.
    expect(Number(handled[0]?.at) - Number(failures[1])).toBeGreaterThanOrEqual(950);
    expect(logger.lines.some((l) => l.msg.startsWith('message handling keeps failing; pausing'))).toBe(true);
  });

  it('stop() lets the message in hand finish and commits it, and takes no further message', async () => {
    const contract = contracts.stop;
    await client.publisher().publishBatch(contract, [{ value: { id: 'x1', n: 1 } }, { value: { id: 'x2', n: 2 } }]);

    const started = deferred();
    const finished: string[] = [];
    const consumer = client.consumer({
      groupId: group('stop'),
      contract,
      fromBeginning: true,
      ...FAST_GROUP,
      handle: async (m) => {
        started.resolve();
        await sleep(800);
        finished.push(m.value.id);
      },
    });
    await consumer.start();
    await started.promise;
    await consumer.stop();
    expect(finished).toEqual(['x1']);
    expect(consumer.running).toBe(false);
    expect((await client.committedOffsets(group('stop'), contract.topic)).get(0)).toBe('1');

    const seen: string[] = [];
    const next = client.consumer({
      groupId: group('stop'),
      contract,
      ...FAST_GROUP,
      handle: async (m) => void seen.push(m.value.id),
    });
    await next.start();
    await waitFor('x2', () => seen.length > 0);
    await next.stop();
    expect(seen).toEqual(['x2']);
  });

  it('runs the handler in the correlation context of the message, which further publishes carry', async () => {
    const contract = contracts.correlation;
    await runWithContext({ correlationId: 'corr-int-1' }, () =>
      client.publisher().publish(contract, { id: 'with', n: 1 }),
    );
    // A message from a producer that sets no correlation header.
    await raw.send(contract.topic, [{ key: 'without', value: '{"id":"without","n":2}', headers: {} }]);

    const seen: { id: string; fromMessage: string; inContext: string | undefined }[] = [];
    const consumer = client.consumer({
      groupId: group('correlation'),
      contract,
      fromBeginning: true,
      ...FAST_GROUP,
      handle: async (m) => {
        seen.push({ id: m.value.id, fromMessage: m.correlationId, inContext: currentCorrelationId() });
        await client.publisher().publish(contracts.echo, { id: `echo-${m.value.id}`, n: m.value.n });
      },
    });
    await consumer.start();
    await waitFor('both messages', () => seen.length === 2);
    await consumer.stop();

    expect(seen[0]).toEqual({ id: 'with', fromMessage: 'corr-int-1', inContext: 'corr-int-1' });
    expect(seen[1]?.fromMessage).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen[1]?.inContext).toBe(seen[1]?.fromMessage);

    const echoes = await raw.read(contracts.echo.topic, 2);
    expect(echoes.map((e) => String(e.headers['x-correlation-id']))).toEqual(['corr-int-1', seen[1]?.fromMessage]);
  });
});
