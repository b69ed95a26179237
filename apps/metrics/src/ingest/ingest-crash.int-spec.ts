import { metricsTopic, type MetricsBatchInput } from '@keel/contracts';
import { createTestSchema, createTestTopics, eventually, type TestSchema, type TestTopics, until } from '@keel/testing';
import { migrateMetricsSchema, metricsTestEnv, queryStore } from '../test/metrics-test-env';
import { startIngestWorker, type WorkerProcess } from '../test/worker-process';

type Contract = typeof metricsTopic;

const MESSAGES = 150;
const SAMPLES_PER_MESSAGE = 1000;
const TOTAL = MESSAGES * SAMPLES_PER_MESSAGE;

/** The "done when" of ingest: a worker killed with SIGKILL mid-stream loses no sample and stores none twice. */
describe('ingest worker killed with SIGKILL mid-stream', () => {
  let schema: TestSchema;
  let topics: TestTopics<Contract>;
  let contract: Contract;
  let env: Record<string, string>;
  const workers: WorkerProcess[] = [];
  const base = Date.now() - 10 * 60_000;

  const count = async (): Promise<number> =>
    Number((await queryStore<{ n: string }>(schema.name, 'SELECT count(*) AS n FROM samples'))[0]?.n ?? 0);

  beforeAll(async () => {
    schema = await createTestSchema('metrics_crash');
    await migrateMetricsSchema(schema.name);
    topics = await createTestTopics([metricsTopic], 3);
    contract = topics.contracts[0] as Contract;
    env = metricsTestEnv(schema.name, contract.topic, {
      METRICS_INGEST_CONSUMERS: '2',
      // The killed members hold their partitions until the session times out: keep that short.
      METRICS_INGEST_SESSION_TIMEOUT_MS: '6000',
    });
  });

  afterAll(async () => {
    for (const worker of workers) {
      if (worker.child.exitCode === null && worker.child.signalCode === null) {
        worker.child.kill('SIGKILL');
        await worker.exited;
      }
    }
    await topics?.cleanup();
    await schema?.drop();
  });

  it('finds exactly the published samples after a restart: none lost, none twice', async () => {
    const messages = Array.from({ length: MESSAGES }, (_, m): { value: MetricsBatchInput } => ({
      value: {
        source: `crash-${m % 7}`,
        sentAt: new Date().toISOString(),
        samples: Array.from({ length: SAMPLES_PER_MESSAGE }, (__, j) => ({
          name: 'crash_total',
          labels: { s: String(j), source: `crash-${m % 7}` },
          value: m * SAMPLES_PER_MESSAGE + j,
          timestampMs: base + m * 1000,
        })),
      },
    }));
    for (let i = 0; i < messages.length; i += 8) {
      await topics.kafka.publisher().publishBatch(contract, messages.slice(i, i + 8));
    }

    const first = await startIngestWorker(env);
    workers.push(first);
    const before = await eventually(
      async () => {
        const n = await count();
        return n > 0 ? n : undefined;
      },
      { intervalMs: 100, what: 'the first samples' },
    );
    first.child.kill('SIGKILL');
    await first.exited;
    expect(first.child.signalCode).toBe('SIGKILL');
    const atKill = await count();
    expect(before).toBeLessThan(TOTAL);
    expect(atKill).toBeLessThan(TOTAL); // killed mid-stream

    const second = await startIngestWorker(env);
    workers.push(second);
    await until(async () => (await count()) >= TOTAL, { timeoutMs: 60_000, intervalMs: 100, what: `${TOTAL} samples` });
    // Give a redelivered, already stored batch time to show up as an extra row if deduplication were broken.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const [summary] = await queryStore<{ rows: string; distinct_keys: string; wrong: string; series: string }>(
      schema.name,
      `SELECT count(*) AS rows,
              count(DISTINCT (x.series_id, x.t)) AS distinct_keys,
              count(*) FILTER (WHERE x.value <> ((x.t - $1) / 1000) * ${SAMPLES_PER_MESSAGE} + (s.labels ->> 's')::int) AS wrong,
              count(DISTINCT x.series_id) AS series
       FROM samples x JOIN series s ON s.id = x.series_id`,
      [base],
    );
    expect(summary).toEqual({
      rows: String(TOTAL),
      distinct_keys: String(TOTAL),
      wrong: '0',
      series: String(7 * SAMPLES_PER_MESSAGE),
    });
    const perMessage = await queryStore<{ t: string; n: string }>(
      schema.name,
      `SELECT t, count(*) AS n FROM samples GROUP BY t HAVING count(*) <> ${SAMPLES_PER_MESSAGE}`,
    );
    expect(perMessage).toEqual([]);
  });
});
