import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { metricsTopic, type MetricsBatchInput } from '@keel/contracts';
import {
  createTestSchema,
  createTestTopics,
  TEST_DATABASE_URL,
  TEST_KAFKA_BROKERS,
  type TestSchema,
  type TestTopics,
} from '@keel/testing';
import { createMetricsApp } from '../bootstrap';
import { eventually, migrateMetricsSchema, metricsTestConfig, queryStore } from '../test/metrics-test-env';
import { RestorableProxy } from '../test/restorable-proxy';
import { RawTopics } from '@keel/kafka';

type Contract = typeof metricsTopic;

function batchOf(source: string, samples: MetricsBatchInput['samples']): MetricsBatchInput {
  return { source, sentAt: new Date().toISOString(), samples };
}

describe('metrics ingest: Kafka → PostgreSQL', () => {
  let schema: TestSchema;
  let topics: TestTopics<Contract>;
  let contract: Contract;
  let proxy: RestorableProxy;
  let app: INestApplication;
  let base: string;
  let raw: RawTopics;
  const now = Date.now();

  const publish = (...batches: MetricsBatchInput[]): Promise<void> =>
    topics.kafka.publisher().publishBatch(
      contract,
      batches.map((value) => ({ value })),
    );

  async function storedValues(name: string): Promise<{ t: number; value: number; labels: Record<string, string> }[]> {
    const rows = await queryStore<{ t: string; value: number; labels: Record<string, string> }>(
      schema.name,
      `SELECT x.t, x.value, s.labels FROM samples x JOIN series s ON s.id = x.series_id WHERE s.name = $1 ORDER BY x.t, s.labels::text`,
      [name],
    );
    return rows.map((row) => ({ ...row, t: Number(row.t) }));
  }

  const countOf = async (name: string): Promise<number> => (await storedValues(name)).length;

  async function metric(line: string): Promise<number> {
    const text = await (await fetch(`${base}/metrics`)).text();
    const found = text.split('\n').find((l) => l.startsWith(`${line} `));
    return found === undefined ? Number.NaN : Number(found.slice(line.length + 1));
  }

  beforeAll(async () => {
    schema = await createTestSchema('metrics_ingest');
    await migrateMetricsSchema(schema.name);
    topics = await createTestTopics([metricsTopic], 3);
    contract = topics.contracts[0] as Contract;
    const target = new URL(TEST_DATABASE_URL);
    proxy = await RestorableProxy.start(target.hostname, Number(target.port || 5432));
    const proxied = new URL(TEST_DATABASE_URL);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    app = await createMetricsApp(
      metricsTestConfig(schema.name, contract.topic, {
        DATABASE_URL: proxied.toString(),
        METRICS_INGEST_CONSUMERS: '2',
      }),
      { ingest: true },
    );
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    raw = new RawTopics({ brokers: TEST_KAFKA_BROKERS, clientId: 'metrics-ingest-test' });
  });

  afterAll(async () => {
    await raw?.close();
    await app?.close();
    await proxy?.cut();
    await topics?.cleanup();
    await schema?.drop();
  });

  it('stores every sample of the published batches, with its series, value and timestamp', async () => {
    const batches = [0, 1, 2].map((i) =>
      batchOf(`svc-${i}`, [
        { name: 'ingest_basic_total', labels: { instance: `i${i}`, job: 'api' }, value: i, timestampMs: now - 1000 },
        { name: 'ingest_basic_total', labels: { instance: `i${i}`, job: 'api' }, value: i + 0.5, timestampMs: now },
        { name: 'ingest_basic_total', labels: { instance: `i${i}`, job: 'web' }, value: '+Inf', timestampMs: now },
      ]),
    );
    await publish(...batches);
    await eventually(async () => ((await countOf('ingest_basic_total')) === 9 ? true : undefined), 30_000, '9 samples');
    const stored = await storedValues('ingest_basic_total');
    expect(stored.filter((s) => s.labels.instance === 'i1' && s.labels.job === 'api')).toEqual([
      { t: now - 1000, value: 1, labels: { instance: 'i1', job: 'api' } },
      { t: now, value: 1.5, labels: { instance: 'i1', job: 'api' } },
    ]);
    expect(stored.filter((s) => s.labels.job === 'web').map((s) => s.value)).toEqual([Infinity, Infinity, Infinity]);
    const series = await queryStore<{ n: string }>(
      schema.name,
      `SELECT count(*) AS n FROM series WHERE name = 'ingest_basic_total'`,
    );
    expect(series[0]?.n).toBe('6');
    expect(await metric('keel_ingest_samples_total')).toBeGreaterThanOrEqual(9);
  });

  it('uses the batch sentAt for a sample without a timestamp', async () => {
    const sentAt = new Date(now - 5000).toISOString();
    await publish({ source: 'no-ts', sentAt, samples: [{ name: 'ingest_sent_at', labels: {}, value: 3 }] });
    const stored = await eventually(async () => {
      const rows = await storedValues('ingest_sent_at');
      return rows.length === 1 ? rows : undefined;
    });
    expect(stored[0]?.t).toBe(Date.parse(sentAt));
  });

  it('stores a redelivered sample once (same series and timestamp), even with another value', async () => {
    const sample = { name: 'ingest_dedup_total', labels: { job: 'api' }, timestampMs: now };
    await publish(batchOf('dup', [{ ...sample, value: 1 }]), batchOf('dup', [{ ...sample, value: 1 }]));
    await publish(
      batchOf('dup', [
        { ...sample, value: 2 },
        { ...sample, timestampMs: now + 1, value: 3 },
      ]),
    );
    await eventually(async () => ((await countOf('ingest_dedup_total')) === 2 ? true : undefined));
    await publish(batchOf('dup', [{ name: 'ingest_dedup_marker', labels: {}, value: 0, timestampMs: now }]));
    await eventually(async () => ((await countOf('ingest_dedup_marker')) === 1 ? true : undefined));
    expect((await storedValues('ingest_dedup_total')).map((s) => [s.t - now, s.value])).toEqual([
      [0, 1],
      [1, 3],
    ]);
    expect(await metric('keel_ingest_duplicate_samples_total')).toBeGreaterThanOrEqual(2);
  });

  it('rejects late and future samples with a counted reason and stores the rest of the batch', async () => {
    const lateBefore = await metric('keel_ingest_rejected_samples_total{reason="late"}');
    const futureBefore = await metric('keel_ingest_rejected_samples_total{reason="future"}');
    await publish(
      batchOf('late', [
        { name: 'ingest_window', labels: { kind: 'late' }, value: 1, timestampMs: now - 2 * 3_600_000 },
        { name: 'ingest_window', labels: { kind: 'late' }, value: 1, timestampMs: now - 3_700_000 },
        { name: 'ingest_window', labels: { kind: 'future' }, value: 1, timestampMs: now + 3_600_000 },
        { name: 'ingest_window', labels: { kind: 'edge-late' }, value: 1, timestampMs: now - 3_000_000 },
        { name: 'ingest_window', labels: { kind: 'ok' }, value: 1, timestampMs: now },
      ]),
    );
    await eventually(async () => ((await countOf('ingest_window')) === 2 ? true : undefined));
    await eventually(async () =>
      (await metric('keel_ingest_rejected_samples_total{reason="late"}')) === lateBefore + 2 ? true : undefined,
    );
    expect(await metric('keel_ingest_rejected_samples_total{reason="future"}')).toBe(futureBefore + 1);
    expect((await storedValues('ingest_window')).map((s) => s.labels.kind).sort()).toEqual(['edge-late', 'ok']);
  });

  it('dead-letters an invalid message with its reason and still ingests the next good one', async () => {
    const key = 'dead-letter-order';
    const good = batchOf('good', [{ name: 'ingest_after_bad', labels: {}, value: 1, timestampMs: now }]);
    // One key, so the three land in one partition in this order.
    await raw.send(contract.topic, [
      { key, value: 'not json at all', headers: {} },
      {
        key,
        value: JSON.stringify(batchOf('bad', [{ name: '', labels: {}, value: 1, timestampMs: now }])),
        headers: {},
      },
      { key, value: JSON.stringify(good), headers: {} },
    ]);
    await eventually(async () => ((await countOf('ingest_after_bad')) === 1 ? true : undefined));
    const parked = await raw.read(contract.dlq, 2, 30_000);
    const reasonOf = (value: string): string => {
      const message = parked.find((m) => m.value?.toString().includes(value));
      return message?.headers['keel-dlq-reason']?.toString() ?? 'not dead-lettered';
    };
    expect(parked).toHaveLength(2);
    expect(reasonOf('not json at all')).toMatch(/json/i);
    expect(reasonOf('"source":"bad"')).toMatch(/name/);
  });

  it('keeps every sample through a PostgreSQL outage: pauses, retries, then stores them once', async () => {
    await proxy.cut();
    const batches = Array.from({ length: 6 }, (_, i) =>
      batchOf(`outage-${i}`, [
        { name: 'ingest_outage_total', labels: { n: String(i) }, value: i, timestampMs: now },
        { name: 'ingest_outage_total', labels: { n: String(i) }, value: i + 1, timestampMs: now + 1 },
      ]),
    );
    await publish(...batches);
    // Long enough for the retries to run out and the partitions to be paused at least once.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await countOf('ingest_outage_total')).toBe(0);
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    await proxy.restore();
    await eventually(
      async () => ((await countOf('ingest_outage_total')) === 12 ? true : undefined),
      45_000,
      '12 samples',
    );
    const stored = await storedValues('ingest_outage_total');
    expect(new Set(stored.map((s) => `${s.labels.n}@${s.t}`)).size).toBe(12);
  });
});
