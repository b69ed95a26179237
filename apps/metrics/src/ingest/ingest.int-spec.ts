import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { metricsTopic, type MetricsBatchInput } from '@keel/contracts';
import {
  createTestSchema,
  createTestTopics,
  eventually,
  startTcpProxy,
  TEST_DATABASE_URL,
  TEST_KAFKA_BROKERS,
  type TcpProxy,
  type TestSchema,
  type TestTopics,
  until,
} from '@keel/testing';
import { createMetricsApp } from '../bootstrap';
import { migrateMetricsSchema, metricsTestConfig, queryStore } from '../test/metrics-test-env';
import { RawTopics, type RawMessage } from '@keel/kafka';

type Contract = typeof metricsTopic;

function batchOf(source: string, samples: MetricsBatchInput['samples']): MetricsBatchInput {
  return { source, sentAt: new Date().toISOString(), samples };
}

describe('metrics ingest: Kafka → PostgreSQL', () => {
  let schema: TestSchema;
  let topics: TestTopics<Contract>;
  let contract: Contract;
  let proxy: TcpProxy;
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
    proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
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
    await proxy?.shut();
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
    await until(async () => (await countOf('ingest_basic_total')) === 9, { intervalMs: 100, what: '9 samples' });
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
    const stored = await eventually(
      async () => {
        const rows = await storedValues('ingest_sent_at');
        return rows.length === 1 ? rows : undefined;
      },
      { intervalMs: 100 },
    );
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
    await until(async () => (await countOf('ingest_dedup_total')) === 2, { intervalMs: 100 });
    await publish(batchOf('dup', [{ name: 'ingest_dedup_marker', labels: {}, value: 0, timestampMs: now }]));
    await until(async () => (await countOf('ingest_dedup_marker')) === 1, { intervalMs: 100 });
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
    await until(async () => (await countOf('ingest_window')) === 2, { intervalMs: 100 });
    await until(async () => (await metric('keel_ingest_rejected_samples_total{reason="late"}')) === lateBefore + 2, {
      intervalMs: 100,
    });
    expect(await metric('keel_ingest_rejected_samples_total{reason="future"}')).toBe(futureBefore + 1);
    expect((await storedValues('ingest_window')).map((s) => s.labels.kind).sort()).toEqual(['edge-late', 'ok']);
  });

  it('dead-letters each kind of bad input with its reason, counts it, and still ingests the next good one', async () => {
    const key = 'dead-letter-order';
    const before = {
      notJson: await metric('keel_ingest_dead_lettered_messages_total{kind="not_json"}'),
      contract: await metric('keel_ingest_dead_lettered_messages_total{kind="contract"}'),
      oversize: await metric('keel_ingest_dead_lettered_messages_total{kind="oversize"}'),
    };
    const sample = { name: 'ingest_bad_input', labels: {}, value: 1, timestampMs: now };
    const manyLabels = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`l${i}`, 'v']));
    const bad: Array<[string, string]> = [
      ['not json', 'not json at all'],
      ['empty name', JSON.stringify(batchOf('bad-name', [{ ...sample, name: '' }]))],
      ['wrong type', JSON.stringify(batchOf('bad-type', [sample])).replace('"value":1', '"value":"three"')],
      ['far future', JSON.stringify(batchOf('bad-future', [{ ...sample, timestampMs: Date.UTC(2200, 0, 1) }]))],
      ['thousands of labels', JSON.stringify(batchOf('bad-labels', [{ ...sample, labels: manyLabels }]))],
      ['unknown field', JSON.stringify({ ...batchOf('bad-field', [sample]), schemaVersion: 2 })],
      ['5 MB', JSON.stringify({ ...batchOf('bad-size', [sample]), padding: 'x'.repeat(5 * 1024 * 1024) })],
    ];
    const good = batchOf('good', [{ name: 'ingest_after_bad', labels: {}, value: 1, timestampMs: now }]);
    // One key, so they land in one partition in this order.
    await raw.send(contract.topic, [
      ...bad.map(([, value]) => ({ key, value, headers: {} })),
      { key, value: JSON.stringify(good), headers: {} },
    ]);
    await until(async () => (await countOf('ingest_after_bad')) === 1, { intervalMs: 100 });
    // At least once: a message may be parked twice (a retried send, a rebalance between the two group members),
    // so read until every source offset is there and keep one reason per offset.
    const sourceOffset = (m: RawMessage): number => Number(m.headers['keel-dlq-source-offset']);
    const parked = await raw.readUntil(
      contract.dlq,
      (read) => new Set(read.map(sourceOffset)).size >= bad.length,
      30_000,
    );
    const byOffset = new Map(parked.map((m) => [sourceOffset(m), m.headers['keel-dlq-reason']?.toString() ?? '']));
    const reasons = [...byOffset.entries()].sort(([a], [b]) => a - b).map(([, reason]) => reason);
    expect(reasons).toHaveLength(bad.length);
    expect(reasons[0]).toMatch(/^value is not valid JSON/);
    expect(reasons[1]).toMatch(/samples\[0\]\.name: must not be empty/);
    expect(reasons[2]).toMatch(/samples\[0\]\.value/);
    expect(reasons[3]).toMatch(/samples\[0\]\.timestampMs/);
    expect(reasons[4]).toMatch(/at most 32 labels per series, got 2000/);
    expect(reasons[5]).toMatch(/schemaVersion: unknown field/);
    expect(reasons[6]).toMatch(/^message of \d+ bytes exceeds the limit of 1048576 bytes/);
    expect(await countOf('ingest_bad_input')).toBe(0);
    expect(await metric('keel_ingest_dead_lettered_messages_total{kind="not_json"}')).toBeGreaterThanOrEqual(
      before.notJson + 1,
    );
    expect(await metric('keel_ingest_dead_lettered_messages_total{kind="contract"}')).toBeGreaterThanOrEqual(
      before.contract + 5,
    );
    expect(await metric('keel_ingest_dead_lettered_messages_total{kind="oversize"}')).toBeGreaterThanOrEqual(
      before.oversize + 1,
    );
  });

  it('keeps every sample through a PostgreSQL outage: pauses, retries, then stores them once', async () => {
    await proxy.shut();
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
    await until(async () => (await countOf('ingest_outage_total')) === 12, {
      timeoutMs: 45_000,
      intervalMs: 100,
      what: '12 samples',
    });
    const stored = await storedValues('ingest_outage_total');
    expect(new Set(stored.map((s) => `${s.labels.n}@${s.t}`)).size).toBe(12);
  });
});
