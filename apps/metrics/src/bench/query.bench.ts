// `npm run bench:query`: PromQL latency through QueryService over 10,000 series × 1 hour at 15 s (2.4M samples) in
// an isolated schema, against a raw baseline measured in the same run: the bounded SQL read of exactly the samples
// the query loads (series lookup + sample rows), without evaluation. BENCH_QUERY_RUNS (instant, default 20) and
// BENCH_QUERY_RANGE_RUNS (default 5) set the repetitions.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parsePromQL, type VectorSelector } from '@keel/promql';
import { createTestSchema, percentile, TEST_DATABASE_URL } from '@keel/testing';
import { metricsTopic } from '@keel/contracts';
import { createMetricsApp } from '../bootstrap';
import { PromqlStorageAdapter } from '../query-api/promql-store.adapter';
import { QuerySamplesRepository } from '../query-api/query-samples.repository';
import { QueryService } from '../query-api';
import { regularSamples, writeFixtureSeries, type FixtureSeries } from '../query-api/testing/store-fixtures';
import { SeriesRepository } from '../storage/series.repository';
import { migrateMetricsSchema, metricsTestConfig } from '../test/metrics-test-env';

const INSTANT_RUNS = Number(process.env.BENCH_QUERY_RUNS ?? 20);
const RANGE_RUNS = Number(process.env.BENCH_QUERY_RANGE_RUNS ?? 5);
const SCRAPE_MS = 15_000;
const HOUR_MS = 3_600_000;
const STEP_MS = 60_000;
const LOOKBACK_MS = 5 * 60_000;
const LE = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '+Inf'];

const end = Math.floor(Date.now() / STEP_MS) * STEP_MS;
const start = end - HOUR_MS;
const points = HOUR_MS / SCRAPE_MS;

/** 5,000 counters `x{job, instance}` (10 jobs × 500 instances) and 5,000 buckets `x_bucket{instance, le}`. */
function workload(): FixtureSeries[] {
  const series: FixtureSeries[] = [];
  for (let k = 0; k < 5000; k++) {
    const perScrape = 1 + (k % 13);
    series.push({
      name: 'x',
      labels: { job: `job-${k % 10}`, instance: `host-${Math.floor(k / 10)}:9100` },
      samples: regularSamples(start + SCRAPE_MS, SCRAPE_MS, points, (i) => i * perScrape),
    });
  }
  for (let h = 0; h < 500; h++) {
    LE.forEach((le, b) => {
      series.push({
        name: 'x_bucket',
        labels: { instance: `host-${h}:9100`, le },
        samples: regularSamples(start + SCRAPE_MS, SCRAPE_MS, points, (i) => i * (b + 1) * 2),
      });
    });
  }
  return series;
}

const QUERIES = [
  'rate(x[5m])',
  'sum by (job) (rate(x[5m]))',
  'histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m])))',
];

async function measure(runs: number, work: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  await work(); // warm-up: plans, caches, JIT
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

function selectorOf(query: string): VectorSelector {
  const parsed = parsePromQL(query.replace(/.*\b(x(?:_bucket)?)\[5m\].*/, '$1'));
  if (!parsed.ok || parsed.expr.kind !== 'VectorSelector') throw new Error(`no selector in ${query}`);
  return parsed.expr;
}

const ms = (n: number): string => `${n.toFixed(1)} ms`;
const log = (line: string): void => void process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const schema = await createTestSchema('metrics_bench_query');
  const app = await createMetricsApp(
    metricsTestConfig(schema.name, metricsTopic.topic, { DATABASE_URL: TEST_DATABASE_URL, LOG_LEVEL: 'error' }),
    {
      ingest: false,
      api: {
        tokens: { secret: randomBytes(32).toString('hex'), issuer: 'keel', accessTtlSeconds: 60 },
        identityBaseUrl: 'http://127.0.0.1:9',
      },
    },
  );
  try {
    await migrateMetricsSchema(schema.name);
    await app.init();
    const series = workload();
    const loadStarted = performance.now();
    await writeFixtureSeries(app, series);
    const loadMs = performance.now() - loadStarted;
    log(
      `loaded ${series.length.toLocaleString('en-US')} series × ${points} samples in ${(loadMs / 1000).toFixed(1)} s`,
    );

    const queries = app.get(QueryService);
    const raw = () =>
      new PromqlStorageAdapter(
        app.get(SeriesRepository),
        app.get(QuerySamplesRepository),
        Number.MAX_SAFE_INTEGER,
        Date.now() + 600_000,
      );
    for (const query of QUERIES) {
      const selector = selectorOf(query);
      const instant = await measure(INSTANT_RUNS, () => queries.instant(query, end));
      const instantRaw = await measure(INSTANT_RUNS, () => raw().select(selector.matchers, end - LOOKBACK_MS, end));
      log(
        `instant ${query}: p50 ${ms(instant.p50)}, p99 ${ms(instant.p99)}; raw select p50 ${ms(instantRaw.p50)}, ` +
          `ratio ${(instant.p50 / instantRaw.p50).toFixed(2)}`,
      );
      const range = await measure(RANGE_RUNS, () => queries.range(query, start, end, STEP_MS));
      const rangeRaw = await measure(RANGE_RUNS, () => raw().select(selector.matchers, start - LOOKBACK_MS, end));
      log(
        `range   ${query}: p50 ${ms(range.p50)}, p99 ${ms(range.p99)}; raw select p50 ${ms(rangeRaw.p50)}, ` +
          `ratio ${(range.p50 / rangeRaw.p50).toFixed(2)}`,
      );
    }
    log(`(instant: ${INSTANT_RUNS} runs at the hour's end; range: ${RANGE_RUNS} runs, 61 steps of 60 s)`);
  } finally {
    await app.close();
    await schema.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:query failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
