import {
  MAX_MESSAGE_BYTES,
  parseContract,
  metricsTopic,
  type MetricsBatchInput,
  type SampleInput,
} from '@keel/contracts';
import { InvalidSampleError, MetricsBufferFullError } from './metrics-client.errors';
import { KAFKA_RECORD_HEADROOM_BYTES, MetricsPublisher, type PublisherLimits } from './metrics-publisher';

/** Records what would go to Kafka; `failNext` makes the next sends reject like a broker outage. */
class RecordingSender {
  readonly sent: MetricsBatchInput[] = [];
  failNext = 0;
  readonly send = async (batch: MetricsBatchInput): Promise<void> => {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('broker unavailable');
    }
    const parsed = parseContract(metricsTopic, batch);
    if (!parsed.ok) throw new Error(`invalid batch sent: ${parsed.reason}`);
    this.sent.push(batch);
  };
}

function setup(limits: PublisherLimits = {}) {
  const sender = new RecordingSender();
  const warnings: string[] = [];
  const logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (msg: string) => warnings.push(msg),
    error: () => undefined,
  };
  const publisher = new MetricsPublisher('billing', sender.send, { flushIntervalMs: 0, ...limits }, logger);
  return { sender, publisher, warnings };
}

function up(i: number): SampleInput {
  return { name: 'up', labels: { i: String(i) }, value: i };
}

describe('MetricsPublisher', () => {
  it('buffers until flush, then sends one message with the source', async () => {
    const { sender, publisher } = setup();
    await publisher.publish([up(1), up(2)]);
    expect(sender.sent).toEqual([]);
    await publisher.flush();
    expect(sender.sent).toEqual([{ source: 'billing', sentAt: expect.any(String), samples: [up(1), up(2)] }]);
    expect(publisher.published).toEqual({ samples: 2, messages: 1 });
  });

  it('sends as soon as a message is full, splitting at the sample limit', async () => {
    const { sender, publisher } = setup({ maxSamplesPerMessage: 3 });
    await publisher.publish([up(1), up(2)]);
    await publisher.publish([up(3), up(4), up(5), up(6), up(7)]);
    expect(sender.sent.map((b) => b.samples.length)).toEqual([3, 3, 1]);
    expect(sender.sent.flatMap((b) => b.samples)).toEqual([1, 2, 3, 4, 5, 6, 7].map(up));
  });

  it(`keeps each message under ${MAX_MESSAGE_BYTES - KAFKA_RECORD_HEADROOM_BYTES} bytes by default`, async () => {
    const { sender, publisher } = setup();
    const big = Array.from({ length: 3000 }, (_, i) => ({ ...up(i), labels: { i: String(i), pad: 'x'.repeat(1000) } }));
    await publisher.publish(big);
    await publisher.flush();
    expect(sender.sent.length).toBeGreaterThan(2);
    for (const batch of sender.sent) {
      expect(Buffer.byteLength(JSON.stringify(batch))).toBeLessThanOrEqual(
        MAX_MESSAGE_BYTES - KAFKA_RECORD_HEADROOM_BYTES,
      );
    }
    expect(publisher.published.samples).toBe(3000);
  });

  it('refuses a call with an invalid sample, naming it, and takes none of its samples', async () => {
    const { sender, publisher } = setup();
    const bad = [up(1), { name: 'bad-name', labels: {}, value: 1 }];
    await expect(publisher.publish(bad)).rejects.toThrow(InvalidSampleError);
    await expect(publisher.publish(bad)).rejects.toThrow('sample [1]: name: must match ^[a-zA-Z_:][a-zA-Z0-9_:]*$');
    await publisher.flush();
    expect(sender.sent).toEqual([]);
  });

  it('sends numeric NaN and infinities in their Prometheus spelling', async () => {
    const { sender, publisher } = setup();
    await publisher.publish([
      { name: 'x', labels: {}, value: Number.NaN },
      { name: 'y', labels: {}, value: -Infinity },
    ]);
    await publisher.flush();
    expect(sender.sent[0]?.samples.map((s) => s.value)).toEqual(['NaN', '-Inf']);
  });

  it('keeps unsent samples in order when Kafka fails, and sends them on the next flush', async () => {
    const { sender, publisher } = setup({ maxSamplesPerMessage: 2 });
    await publisher.publish([up(1)]);
    sender.failNext = 1;
    await publisher.publish([up(2), up(3)]); // auto-flush fails: no rejection, samples kept
    await publisher.publish([up(4)]);
    await publisher.flush();
    expect(sender.sent.flatMap((b) => b.samples)).toEqual([1, 2, 3, 4].map(up));
    expect(publisher.published).toEqual({ samples: 4, messages: 2 });
  });

  it('rejects flush() when Kafka fails and keeps the samples', async () => {
    const { sender, publisher } = setup();
    await publisher.publish([up(1)]);
    sender.failNext = 1;
    await expect(publisher.flush()).rejects.toThrow('broker unavailable');
    await publisher.flush();
    expect(sender.sent.flatMap((b) => b.samples)).toEqual([up(1)]);
  });

  it('refuses more samples than its bound while Kafka is down', async () => {
    const { sender, publisher, warnings } = setup({ maxBufferedSamples: 4, maxSamplesPerMessage: 2 });
    sender.failNext = 100;
    await publisher.publish([up(1), up(2), up(3)]);
    await expect(publisher.publish([up(4), up(5)])).rejects.toThrow(MetricsBufferFullError);
    expect(warnings[0]).toBe('metrics send failed; samples kept for the next flush');
  });

  it('flushes on its own after flushIntervalMs', async () => {
    const { sender, publisher } = setup({ flushIntervalMs: 20 });
    await publisher.publish([up(1)]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(sender.sent).toHaveLength(1);
    await publisher.close();
  });

  it('maps the seed interfaces through the builders, stamped with the time given', async () => {
    const { sender, publisher } = setup();
    const ts = Date.UTC(2026, 10, 26);
    await publisher.publishErrors(
      {
        httpErrors: { '4xx': 1, '5xx': 2, total: 3 },
        websocketErrors: { connectionFailures: 0, messageFailures: 0, timeoutErrors: 0 },
        databaseErrors: { connectionErrors: 0, queryErrors: 0, timeoutErrors: 0 },
      },
      { service: 'billing' },
      ts,
    );
    await publisher.close();
    const samples = sender.sent[0]?.samples ?? [];
    expect(samples).toHaveLength(9);
    expect(samples[1]).toEqual({
      name: 'http_errors_total',
      type: 'counter',
      value: 2,
      labels: { service: 'billing', class: '5xx' },
      timestampMs: ts,
    });
  });

  it('flushes on close and refuses samples afterwards', async () => {
    const { sender, publisher } = setup();
    await publisher.publish([up(1)]);
    await publisher.close();
    expect(sender.sent).toHaveLength(1);
    await expect(publisher.publish([up(2)])).rejects.toThrow('metrics publisher for source billing is closed');
  });
});
