// `npm run bench:ingest`: end-to-end ingest throughput (Kafka → validated → series resolved → COPY → committed in
// PostgreSQL) against the raw ceiling (COPY of the same rows straight into the same table), on the real servers.
// BENCH_SAMPLES (default 2,000,000), BENCH_SERIES (10,000), BENCH_CONSUMERS (3) and BENCH_PARTITIONS (3) tune it.
import 'reflect-metadata';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { metricsTopic, parseContract, type MetricsBatchInput } from '@keel/contracts';
import { createTestSchema, createTestTopics, TEST_DATABASE_URL } from '@keel/testing';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createMetricsApp } from '../bootstrap';
import { IngestService } from '../ingest/ingest.service';
import { copyTextChunks } from '../storage/copy-format';
import { seriesKey } from '../storage/series-key';
import { migrateMetricsSchema, metricsTestConfig } from '../test/metrics-test-env';

const TOTAL = Number(process.env.BENCH_SAMPLES ?? 2_000_000);
const SERIES = Number(process.env.BENCH_SERIES ?? 10_000);
const CONSUMERS = process.env.BENCH_CONSUMERS ?? '3';
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 3);
const PER_MESSAGE = 1000; // what a client batches in one keel.metrics.v1 message
const PUBLISH_GROUP = 8; // messages per producer request (the broker takes at most 1 MB per request)
const SCRAPE_MS = 15_000;

const rounds = Math.ceil(TOTAL / SERIES);
const messagesPerRound = Math.ceil(SERIES / PER_MESSAGE);
const base = Date.now() - 50 * 60_000; // within the default one-hour late window when published
const step = Math.min(SCRAPE_MS, Math.floor((50 * 60_000) / rounds));

function seriesOf(k: number): { name: string; labels: Record<string, string> } {
  return {
    name: `bench_metric_${k % 10}_total`,
    labels: { job: `job-${k % 7}`, instance: `host-${k % 100}:9100`, path: `/api/v1/items/${k}` },
  };
}

/** Message m of round r: series [m*1000, m*1000+1000) at time base + r*step, as a scraping client would batch. */
function* messages(): Generator<MetricsBatchInput> {
  let emitted = 0;
  for (let r = 0; r < rounds; r += 1) {
    for (let m = 0; m < messagesPerRound && emitted < TOTAL; m += 1) {
      const samples: MetricsBatchInput['samples'] = [];
      for (let k = m * PER_MESSAGE; k < Math.min((m + 1) * PER_MESSAGE, SERIES) && emitted < TOTAL; k += 1) {
        samples.push({ ...seriesOf(k), value: r * 10 + (k % 10) + 0.25, timestampMs: base + r * step });
        emitted += 1;
      }
      yield { source: `bench-${m}`, sentAt: new Date().toISOString(), samples };
    }
  }
}

const rate = (n: number, ms: number): number => Math.round(n / (ms / 1000));
const fmt = (n: number): string => n.toLocaleString('en-US');
const log = (line: string): void => void process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const schema = await createTestSchema('metrics_bench');
  const topics = await createTestTopics([metricsTopic], PARTITIONS);
  const contract = topics.contracts[0] as typeof metricsTopic;
  const pg = new Client({ connectionString: TEST_DATABASE_URL, options: `-c search_path=${schema.name}` });
  try {
    await migrateMetricsSchema(schema.name);
    await pg.connect();
    log(
      `bench:ingest: ${fmt(TOTAL)} samples over ${fmt(SERIES)} series, ${PER_MESSAGE} per message, ${PARTITIONS} partitions`,
    );

    // 1. The workload, on the topic before the consumer starts.
    let publishStarted = performance.now();
    let batch: { value: MetricsBatchInput }[] = [];
    let validateMs = 0;
    let jsonMs = 0;
    let validated = 0;
    for (const message of messages()) {
      if (validated < 20 * PER_MESSAGE) {
        // What the consumer pays per message before our handler runs: JSON decode and contract validation.
        const text = JSON.stringify(message);
        const started = performance.now();
        const decoded: unknown = JSON.parse(text);
        const parsed = performance.now();
        parseContract(contract, decoded);
        jsonMs += parsed - started;
        validateMs += performance.now() - parsed;
        validated += message.samples.length;
      }
      batch.push({ value: message });
      if (batch.length === PUBLISH_GROUP) {
        await topics.kafka.publisher().publishBatch(contract, batch);
        batch = [];
      }
    }
    await topics.kafka.publisher().publishBatch(contract, batch);
    const publishMs = performance.now() - publishStarted;
    log(`published in ${(publishMs / 1000).toFixed(1)} s (${fmt(rate(TOTAL, publishMs))} samples/s)`);
    publishStarted = 0;

    // 2. End to end: the metrics service's ingest consumers drain the topic into PostgreSQL.
    const config = metricsTestConfig(schema.name, contract.topic, {
      METRICS_INGEST_CONSUMERS: CONSUMERS,
      DATABASE_POOL_MAX: String(Number(CONSUMERS) + 2),
      LOG_LEVEL: 'warn',
    });
    const initStarted = performance.now();
    const app = await createMetricsApp(config, { ingest: true });
    await app.init();
    const joined = performance.now();
    const ingest = app.get(IngestService);
    while (ingest.totals.accepted < TOTAL) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const done = performance.now();
    await app.close();
    const { rows } = await pg.query<{ n: string }>('SELECT count(*) AS n FROM samples');
    if (Number(rows[0]?.n) !== TOTAL) {
      throw new Error(`expected ${TOTAL} samples in PostgreSQL, found ${rows[0]?.n}`);
    }
    const endToEndMs = done - joined;
    const t = ingest.totals;
    const decodeMs = (jsonMs / validated) * TOTAL;
    const zodMs = (validateMs / validated) * TOTAL;
    log(
      `consumer group joined in ${((joined - initStarted) / 1000).toFixed(1)} s; drained in ${(endToEndMs / 1000).toFixed(2)} s`,
    );
    log(
      `where the time goes (wall time of each stage summed over ${CONSUMERS} consumers, so stages that wait overlap, ${t.batches} batches of ~${fmt(Math.round(TOTAL / t.batches))} samples):`,
    );
    const stages: [string, number][] = [
      ['decode (JSON.parse, in @keel/kafka, estimated)', decodeMs],
      ['validate (contract fast path, in @keel/kafka, estimated)', zodMs],
      ['flatten + late/future check', t.prepareMs],
      ['series resolution (LRU + bulk upsert)', t.resolveMs],
      ['partitions check', t.partitionMs],
      ['COPY (straight into samples; into staging on redelivery)', t.copyMs],
      [`dedup INSERT … ON CONFLICT (${t.dedupBatches} batches)`, t.insertMs],
      ['COMMIT', t.commitMs],
    ];
    for (const [stage, ms] of stages) {
      log(
        `  ${stage.padEnd(58)} ${(ms / 1000).toFixed(2).padStart(7)} s  ${((ms / TOTAL) * 1000).toFixed(2)} µs/sample`,
      );
    }

    // 3. The raw ceiling: the same rows COPY'd straight into the same (emptied) table, one transaction.
    const ids = new Map<string, number>();
    const series = await pg.query<{ id: string; name: string; labels: Record<string, string> }>(
      'SELECT id, name, labels FROM series',
    );
    for (const row of series.rows) ids.set(seriesKey(row.name, row.labels), Number(row.id));
    const columns = { seriesIds: [] as number[], times: [] as number[], values: [] as number[] };
    for (const message of messages()) {
      for (const sample of message.samples) {
        columns.seriesIds.push(ids.get(seriesKey(sample.name, sample.labels)) ?? -1);
        columns.times.push(sample.timestampMs ?? 0);
        columns.values.push(sample.value as number);
      }
    }
    await pg.query('TRUNCATE samples');
    await pg.query('CHECKPOINT').catch(() => undefined);
    const rawStarted = performance.now();
    await pg.query('BEGIN');
    await pipeline(Readable.from(copyTextChunks(columns)), pg.query(copyFrom('COPY samples FROM STDIN')));
    await pg.query('COMMIT');
    const rawMs = performance.now() - rawStarted;

    const x = rate(TOTAL, endToEndMs);
    const y = rate(TOTAL, rawMs);
    log(`raw COPY of the same ${fmt(TOTAL)} rows: ${(rawMs / 1000).toFixed(2)} s`);
    log(`ingest: ${fmt(x)} samples/s end-to-end, ${fmt(y)} samples/s raw COPY, ratio ${(x / y).toFixed(2)}`);
  } finally {
    await pg.end().catch(() => undefined);
    await topics.cleanup();
    await schema.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench:ingest failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
