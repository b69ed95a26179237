import { loadConfig } from '@keel/config';
import { assertEntitiesMatchMigrations, createDataSource } from '@keel/database';
import { createTestSchema, TEST_DATABASE_URL, type TestSchema } from '@keel/testing';
import type { DataSource } from 'typeorm';
import { ingestWorkerConfigSchema } from '../config';
import { METRICS_ENTITIES, METRICS_MIGRATIONS, metricsDataSourceOptions } from '../database/data-source-options';
import { migrateMetricsSchema, metricsTestEnv, queryStore } from '../test/metrics-test-env';
import type { LabelMatcher } from './label-matcher';
import { dropPartitionsOlderThan, PartitionManager } from './partition-manager.service';
import { DAY_MS, dayStartMs, partitionName } from './partition-range';
import { PartitionsRepository } from './partitions.repository';
import { PgSessionRepository } from './pg-session.repository';
import { runRetention } from './retention-run';
import { SamplesRepository } from './samples.repository';
import { SeriesResolver } from './series-resolver';
import { SeriesStore } from './series-store';
import { SeriesRepository } from './series.repository';

const m = (name: string, type: LabelMatcher['type'], value: string): LabelMatcher => ({ name, type, value });

describe('the metrics store on PostgreSQL', () => {
  let schema: TestSchema;
  let dataSource: DataSource;
  let partitions: PartitionsRepository;
  let manager: PartitionManager;
  let samples: SamplesRepository;
  let resolver: SeriesResolver;
  let store: SeriesStore;
  const now = Date.now();
  const t0 = now - 60_000;

  async function writeSeries(series: { name: string; labels: Record<string, string> }[], t: number, value: number) {
    const { ids } = await resolver.resolve(
      series.map((s) => s.name),
      series.map((s) => s.labels),
    );
    return samples.write({ seriesIds: ids, times: ids.map(() => t), values: ids.map(() => value) });
  }

  beforeAll(async () => {
    schema = await createTestSchema('metrics_store');
    await migrateMetricsSchema(schema.name);
    dataSource = createDataSource({ url: TEST_DATABASE_URL, ...metricsDataSourceOptions(schema.name, 4) });
    await dataSource.initialize();
    const pg = new PgSessionRepository(dataSource);
    partitions = new PartitionsRepository(pg);
    samples = new SamplesRepository(pg);
    const seriesRepository = new SeriesRepository(pg);
    resolver = new SeriesResolver(seriesRepository, 1000);
    store = new SeriesStore(seriesRepository, samples);
    manager = new PartitionManager(partitions, loadConfig(ingestWorkerConfigSchema, metricsTestEnv(schema.name, 't')));
    await manager.prepareAhead(now);

    const series: { name: string; labels: Record<string, string> }[] = [
      { name: 'http_requests_total', labels: { job: 'api', method: 'GET', code: '200' } },
      { name: 'http_requests_total', labels: { job: 'api', method: 'POST', code: '500' } },
      { name: 'http_requests_total', labels: { job: 'web', method: 'GET' } },
      { name: 'http_request_duration_seconds', labels: { job: 'api', le: '+Inf' } },
      { name: 'up', labels: { job: 'api', instance: 'a:1' } },
    ];
    await writeSeries(series, t0, 1);
    await writeSeries(series, t0 + 15_000, 2);
    await writeSeries(series.slice(0, 1), t0 + 30_000, Number.NaN);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await schema?.drop();
  });

  it('has no entities, so nothing can drift from the migrations', async () => {
    await assertEntitiesMatchMigrations({
      url: TEST_DATABASE_URL,
      entities: METRICS_ENTITIES,
      migrations: METRICS_MIGRATIONS,
    });
  });

  it('creates the daily partitions from the late window to two days ahead', async () => {
    const names = await partitions.list();
    for (const day of [dayStartMs(now), dayStartMs(now) + DAY_MS, dayStartMs(now) + 2 * DAY_MS]) {
      expect(names).toContain(partitionName(day));
    }
  });

  it('stores a sample written twice (same series and timestamp) once', async () => {
    const series = [{ name: 'dedup_total', labels: { job: 'x' } }];
    const first = await writeSeries(series, t0, 7);
    const again = await writeSeries(series, t0, 8);
    expect(first).toMatchObject({ path: 'copy', inserted: 1 });
    expect(again).toMatchObject({ path: 'dedup', inserted: 0 });
    const rows = await queryStore<{ value: number }>(
      schema.name,
      `SELECT x.value FROM samples x JOIN series s ON s.id = x.series_id WHERE s.name = 'dedup_total'`,
    );
    expect(rows).toEqual([{ value: 7 }]);
  });

  it('stores the new samples of a partly redelivered batch, and a sample repeated inside a batch once', async () => {
    const { ids } = await resolver.resolve(['overlap_total', 'overlap_total'], [{ n: '1' }, { n: '2' }]);
    const [a, b] = ids as [number, number];
    expect(await samples.write({ seriesIds: [a, b], times: [t0, t0], values: [1, 2] })).toMatchObject({
      path: 'copy',
      inserted: 2,
    });
    const partly = await samples.write({ seriesIds: [a, b, a], times: [t0, t0 + 1, t0 + 1], values: [9, 3, 4] });
    expect(partly).toMatchObject({ path: 'dedup', inserted: 2 });
    const repeated = await samples.write({ seriesIds: [b, b], times: [t0 + 2, t0 + 2], values: [5, 6] });
    expect(repeated).toMatchObject({ path: 'dedup', inserted: 1 });
    const rows = await queryStore<{ series_id: string; t: string; value: number }>(
      schema.name,
      'SELECT series_id, t, value FROM samples WHERE series_id = ANY($1) ORDER BY series_id, t',
      [[a, b]],
    );
    const which = (id: string): string => (Number(id) === a ? 'a' : 'b');
    expect(rows.map((r) => `${which(r.series_id)}@${Number(r.t) - t0}=${r.value}`).sort()).toEqual([
      'a@0=1',
      'a@1=4',
      'b@0=2',
      'b@1=3',
      'b@2=5',
    ]);
  });

  it('gives a series the same id whatever the order of its labels, and one row in series', async () => {
    const a = await resolver.resolve(['order_total'], [{ b: '2', a: '1' }]);
    const fresh = new SeriesResolver(new SeriesRepository(new PgSessionRepository(dataSource)), 1000);
    const b = await fresh.resolve(['order_total'], [{ a: '1', b: '2' }]);
    expect(b.ids).toEqual(a.ids);
    expect(b.misses).toBe(1); // not cached in the fresh resolver, found in PostgreSQL
    const rows = await queryStore<{ n: string }>(
      schema.name,
      `SELECT count(*) AS n FROM series WHERE name = 'order_total'`,
    );
    expect(rows[0]?.n).toBe('1');
  });

  it('selects by name with the labels (and __name__) and samples in time order, NaN kept', async () => {
    const selected = await store.selectSeries(
      [m('__name__', '=', 'http_requests_total'), m('code', '=', '200')],
      t0,
      t0 + 60_000,
    );
    expect(selected).toHaveLength(1);
    expect(selected[0]?.labels).toEqual({ __name__: 'http_requests_total', job: 'api', method: 'GET', code: '200' });
    expect(selected[0]?.samples.map((s) => s.t)).toEqual([t0, t0 + 15_000, t0 + 30_000]);
    expect(selected[0]?.samples[2]?.v).toBeNaN();
  });

  it('applies the time range, both ends included, and leaves out series without samples in it', async () => {
    const selected = await store.selectSeries([m('job', '=', 'api')], t0 + 15_000, t0 + 15_000);
    expect(selected).toHaveLength(4);
    expect(selected.every((s) => s.samples.length === 1 && s.samples[0]?.t === t0 + 15_000)).toBe(true);
    expect(await store.selectSeries([m('job', '=', 'api')], t0 - 10_000, t0 - 1)).toEqual([]);
  });

  it.each([
    [[m('__name__', '=', 'http_requests_total'), m('method', '!=', 'GET')], ['api/POST']],
    [[m('__name__', '=', 'http_requests_total'), m('code', '=', '')], ['web/GET']],
    [
      [m('__name__', '=', 'http_requests_total'), m('code', '!=', '')],
      ['api/GET', 'api/POST'],
    ],
    [
      [m('__name__', '=', 'http_requests_total'), m('code', '!=', '500')],
      ['api/GET', 'web/GET'],
    ],
    [
      [m('__name__', '=', 'http_requests_total'), m('code', '=~', '2..|')],
      ['api/GET', 'web/GET'],
    ],
    [[m('__name__', '=', 'http_requests_total'), m('code', '=~', '2..')], ['api/GET']],
    [
      [m('__name__', '=', 'http_requests_total'), m('code', '!~', '5..')],
      ['api/GET', 'web/GET'],
    ],
    [[m('__name__', '=', 'http_requests_total'), m('code', '!~', '.*')], []],
    [[m('__name__', '=', 'http_requests_total'), m('job', '=~', 'ap')], []],
    [[m('__name__', '=', 'http_requests_total'), m('job', '=~', '(?i)WEB')], ['web/GET']],
    [[m('__name__', '=~', 'http_requests?_total'), m('method', '=', 'POST')], ['api/POST']],
  ])('matchers %j select %j', async (matchers, expected) => {
    const selected = await store.selectSeries(matchers, t0, t0 + 60_000);
    expect(selected.map((s) => `${s.labels.job}/${s.labels.method}`).sort()).toEqual(expected);
  });

  it('selects across matchers on several names with a regex on __name__', async () => {
    const selected = await store.selectSeries([m('__name__', '=~', 'http_.*'), m('job', '=', 'api')], t0, t0 + 60_000);
    expect(selected.map((s) => s.labels.__name__).sort()).toEqual([
      'http_request_duration_seconds',
      'http_requests_total',
      'http_requests_total',
    ]);
  });

  it('creates a missing partition on demand, far from today', async () => {
    const old = Date.UTC(2020, 0, 15, 12);
    await manager.ensureDays([dayStartMs(old)]);
    const report = await writeSeries([{ name: 'old_total', labels: {} }], old, 1);
    expect(report.inserted).toBe(1);
    expect(await partitions.list()).toContain('samples_p20200115');
  });

  it('drops only the partitions wholly older than the retention', async () => {
    await manager.ensureDays([Date.UTC(2020, 0, 16), Date.UTC(2020, 0, 17)]);
    const nowForTest = Date.UTC(2020, 0, 18, 12); // 1 day retention: cutoff Jan 17 noon
    const dropped = await dropPartitionsOlderThan(partitions, 1, nowForTest);
    expect(dropped).toEqual(['samples_p20200115', 'samples_p20200116']);
    const names = await partitions.list();
    expect(names).not.toContain('samples_p20200115');
    expect(names).toContain('samples_p20200117');
    expect(names).toContain(partitionName(dayStartMs(now)));
    const oldRows = await queryStore<{ n: string }>(schema.name, `SELECT count(*) AS n FROM samples WHERE t < $1`, [
      Date.UTC(2020, 0, 17),
    ]);
    expect(oldRows[0]?.n).toBe('0');
  });

  it('runs retention as the command does, with its own connection', async () => {
    const dropped = await runRetention(TEST_DATABASE_URL, schema.name, 1, Date.UTC(2020, 0, 19, 12));
    expect(dropped).toEqual(['samples_p20200117']);
    expect(await runRetention(TEST_DATABASE_URL, schema.name, 1, Date.UTC(2020, 0, 19, 12))).toEqual([]);
  });

  it('refuses a retention below one day and a table that is not a daily partition', async () => {
    await expect(dropPartitionsOlderThan(partitions, 0)).rejects.toThrow(/retention/);
    await expect(partitions.drop('series')).rejects.toThrow(/not a daily samples partition/);
  });
});
