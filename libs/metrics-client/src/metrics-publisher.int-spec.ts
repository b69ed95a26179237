import { metricsTopic, type MetricsBatch } from '@keel/contracts';
import type { ReceivedMessage } from '@keel/kafka';
import { createTestTopics, TEST_KAFKA_BROKERS, uniqueName, type TestTopics } from '@keel/testing';
import { createMetricsPublisher } from './create-metrics-publisher';

let topics: TestTopics<typeof metricsTopic>;

beforeAll(async () => {
  topics = await createTestTopics([metricsTopic]);
});

afterAll(async () => {
  await topics.cleanup();
});

/** Reads the isolated topic from the start through the contract, as the ingest consumer would. */
async function consume(expectedSamples: number): Promise<ReceivedMessage<MetricsBatch>[]> {
  const [contract] = topics.contracts;
  if (!contract) throw new Error('no isolated topic');
  const received: ReceivedMessage<MetricsBatch>[] = [];
  let count = 0;
  let done: () => void = () => undefined;
  const complete = new Promise<void>((resolve) => (done = resolve));
  const consumer = topics.kafka.consumer({
    groupId: uniqueName('metrics_client_test'),
    contract,
    fromBeginning: true,
    handle: async (message) => {
      received.push(message);
      count += message.value.samples.length;
      if (count >= expectedSamples) done();
    },
  });
  await consumer.start();
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`only ${count} of ${expectedSamples} samples arrived`)), 30_000).unref(),
  );
  try {
    await Promise.race([complete, timeout]);
  } finally {
    await consumer.stop();
  }
  return received;
}

describe('createMetricsPublisher on the real broker', () => {
  it('publishes validated batches, split under the size limit, that the contract consumer accepts', async () => {
    const [contract] = topics.contracts;
    const source = uniqueName('svc');
    const publisher = createMetricsPublisher({ brokers: TEST_KAFKA_BROKERS, source, contract, flushIntervalMs: 0 });
    const ts = Date.now();
    await publisher.publishPerformance(
      {
        apiResponseTime: { p50: 100, p95: 400, p99: 1200 },
        databaseQueryTime: { average: 5, max: 90 },
        websocketLatency: { average: 20, max: Number.POSITIVE_INFINITY },
      },
      { service: source },
      ts,
    );
    await publisher.publish([{ name: 'stale_probe', labels: {}, value: Number.NaN, timestampMs: ts }]);
    // About 3 MB of samples: must travel as several messages, each within the broker's default limit.
    const wide = Array.from({ length: 3000 }, (_, i) => ({
      name: 'wide_series',
      labels: { i: String(i), pad: 'p'.repeat(1000) },
      value: i,
      timestampMs: ts,
    }));
    await publisher.publish(wide);
    await publisher.close();
    expect(publisher.published.samples).toBe(3008);
    expect(publisher.published.messages).toBeGreaterThanOrEqual(3);

    const messages = await consume(3008);
    expect(messages).toHaveLength(publisher.published.messages);
    expect(new Set(messages.map((m) => m.key))).toEqual(new Set([source]));
    const samples = messages.flatMap((m) => m.value.samples);
    expect(samples[0]).toEqual({
      name: 'api_response_time_seconds',
      type: 'summary',
      labels: { service: source, quantile: '0.5' },
      value: 0.1,
      timestampMs: ts,
    });
    expect(samples.find((s) => s.name === 'websocket_latency_seconds_max')?.value).toBe(Number.POSITIVE_INFINITY);
    expect(samples.find((s) => s.name === 'stale_probe')?.value).toBeNaN();
    expect(samples.filter((s) => s.name === 'wide_series').map((s) => s.value)).toEqual(wide.map((s) => s.value));
    expect(messages.every((m) => m.value.source === source && m.headers['keel-contract-version'] === '1')).toBe(true);
  });
});
