import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { TokenService, type Identity } from '@keel/auth';
import { metricsTopic } from '@keel/contracts';
import { committedSchemaFile, firstSdlDifference, printSubgraphSdl } from '@keel/graphql';
import { createTestSchema, type TestSchema } from '@keel/testing';
import { createMetricsApp } from '../bootstrap';
import { migrateMetricsSchema, metricsTestConfig } from '../test/metrics-test-env';
import { regularSamples, writeFixtureSeries, type FixtureSeries } from './testing/store-fixtures';

// The Prometheus HTTP API and the metrics subgraph of the real app on a fresh schema, samples written through
// the store's repositories. The app's sample limit is 200 so that the limit tests need little data; every
// other query here loads fewer samples than that.
const SECRET = randomBytes(32).toString('hex');
const MINUTE = 60_000;
const END = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE;
const START = END - 20 * MINUTE;
const SECONDS = (ms: number) => String(ms / 1000);

const viewer: Identity = { type: 'user', id: 'u-viewer', name: 'victor', roles: ['viewer'], scopes: [] };

function counter(labels: Record<string, string>, perStep: number, name = 'http_requests_total'): FixtureSeries {
  return { name, labels, samples: regularSamples(START, 15_000, 81, (i) => i * perStep) };
}

const FIXTURES: FixtureSeries[] = [
  counter({ job: 'api', instance: 'a' }, 10),
  counter({ job: 'api', instance: 'b' }, 20),
  counter({ job: 'db', instance: 'c' }, 10),
  { name: 'up', labels: { job: 'api' }, samples: regularSamples(START, 15_000, 81, () => 1) },
  counter({ le: '0.1', job: 'api' }, 6, 'latency_seconds_bucket'),
  counter({ le: '0.5', job: 'api' }, 9, 'latency_seconds_bucket'),
  counter({ le: '+Inf', job: 'api' }, 10, 'latency_seconds_bucket'),
  // The seed's KPI series (libs/metrics-client/README.md), a few of them.
  { name: 'api_response_time_seconds', labels: { quantile: '0.95' }, samples: [{ t: END, v: 0.25 }] },
  counter({ class: '5xx' }, 1, 'http_errors_total'),
  { name: 'nodejs_heap_size_used_bytes', labels: {}, samples: [{ t: END, v: 50 }] },
  { name: 'nodejs_heap_size_total_bytes', labels: {}, samples: [{ t: END, v: 200 }] },
];

interface Envelope<T = unknown> {
  status: 'success' | 'error';
  data?: T;
  warnings?: string[];
  errorType?: string;
  error?: string;
}

describe('Prometheus HTTP API and metrics subgraph (PostgreSQL)', () => {
  let schema: TestSchema;
  let app: INestApplication;
  let base: string;
  let tokens: TokenService;
  let token: string;

  async function get<T>(path: string, bearer: string | null = token): Promise<{ status: number; body: Envelope<T> }> {
    const response = await fetch(`${base}${path}`, bearer ? { headers: { authorization: `Bearer ${bearer}` } } : {});
    return { status: response.status, body: (await response.json()) as Envelope<T> };
  }

  async function post<T>(path: string, form: [string, string][]): Promise<{ status: number; body: Envelope<T> }> {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    return { status: response.status, body: (await response.json()) as Envelope<T> };
  }

  async function graphql<T>(query: string, variables: Record<string, unknown> = {}, bearer: string | null = token) {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json().catch(() => ({}))) as {
      data?: T;
      errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
    };
    return { status: response.status, ...body };
  }

  beforeAll(async () => {
    schema = await createTestSchema('metrics_query');
    await migrateMetricsSchema(schema.name, schema.url);
    const config = metricsTestConfig(schema.name, metricsTopic.topic, { DATABASE_URL: schema.url });
    app = await createMetricsApp(config, {
      ingest: false,
      api: {
        tokens: { secret: SECRET, issuer: 'keel', accessTtlSeconds: 300 },
        identityBaseUrl: 'http://127.0.0.1:9',
        queryLimits: { maxSamples: 200, timeoutMs: 30_000, lookbackDeltaMs: 5 * MINUTE },
      },
    });
    await app.listen(0, '127.0.0.1');
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    tokens = app.get(TokenService);
    token = tokens.issueAccessToken(viewer).token;
    await writeFixtureSeries(app, FIXTURES);
  });

  afterAll(async () => {
    await app?.close();
    await schema?.drop();
  });

  describe('authentication', () => {
    it('answers 401 in the Prometheus envelope without a token, and 401 on /graphql', async () => {
      const reply = await get('/api/v1/query?query=up', null);
      expect(reply).toEqual({
        status: 401,
        body: { status: 'error', errorType: 'unauthorized', error: 'authentication required' },
      });
      expect((await graphql('{ kpiPanels { id } }', {}, null)).status).toBe(401);
    });

    it('wants the metrics:read scope from an API key', async () => {
      const key = (scopes: string[]) =>
        tokens.issueAccessToken({ type: 'api_key', id: 'k1', name: 'grafana', roles: ['viewer'], scopes }).token;
      const refused = await get('/api/v1/labels', key(['graphql:read']));
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ status: 'error', errorType: 'forbidden' });
      expect((await get('/api/v1/labels', key(['metrics:read']))).status).toBe(200);
    });

    it("lets Keel's services query with their own token (the alerting service's rule queries), not the subgraph", async () => {
      const service = tokens.issueServiceToken('alerting').token;
      expect((await get('/api/v1/query?query=1', service)).status).toBe(200);
      const subgraph = await graphql('{ kpiPanels { id } }', {}, service);
      expect(subgraph.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  it("passes Grafana's data source health check and label browser", async () => {
    const health = await get(`/api/v1/query?query=1+%2B+1&time=${SECONDS(END)}`);
    expect(health).toEqual({
      status: 200,
      body: { status: 'success', data: { resultType: 'scalar', result: [END / 1000, '2'] } },
    });
    const labels = await get<string[]>(`/api/v1/labels?start=${SECONDS(START)}&end=${SECONDS(END)}`);
    expect(labels.body).toEqual({
      status: 'success',
      data: ['__name__', 'class', 'instance', 'job', 'le', 'quantile'],
    });
    const names = await get<string[]>('/api/v1/label/__name__/values');
    expect(names.body.data).toEqual([
      'api_response_time_seconds',
      'http_errors_total',
      'http_requests_total',
      'latency_seconds_bucket',
      'nodejs_heap_size_total_bytes',
      'nodejs_heap_size_used_bytes',
      'up',
    ]);
  });

  describe('/api/v1/query', () => {
    const query = 'sum by (job) (rate(http_requests_total[5m]))';

    it('evaluates an instant vector, GET and form POST alike', async () => {
      const viaGet = await get<{ resultType: string; result: { metric: object; value: [number, string] }[] }>(
        `/api/v1/query?query=${encodeURIComponent(query)}&time=${SECONDS(END)}`,
      );
      expect(viaGet.status).toBe(200);
      expect(viaGet.body.data?.resultType).toBe('vector');
      const byJob = Object.fromEntries(
        (viaGet.body.data?.result ?? []).map((r) => [(r.metric as { job: string }).job, Number(r.value[1])]),
      );
      // Evenly spaced counters: rate = increase per 15 s / 15 (a: 10, b: 20, c: 10).
      expect(byJob.api).toBeCloseTo(2, 10);
      expect(byJob.db).toBeCloseTo(10 / 15, 10);
      expect(viaGet.body.data?.result[0]?.value[0]).toBe(END / 1000);
      const viaPost = await post('/api/v1/query', [
        ['query', query],
        ['time', SECONDS(END)],
      ]);
      expect(viaPost).toEqual(viaGet);
    });

    it('computes histogram_quantile over classic buckets', async () => {
      const q = 'histogram_quantile(0.5, sum by (le) (rate(latency_seconds_bucket[5m])))';
      const reply = await get<{ result: { value: [number, string] }[] }>(
        `/api/v1/query?query=${encodeURIComponent(q)}&time=${SECONDS(END)}`,
      );
      // 60% of observations ≤ 0.1: the median lies in the first bucket, at 0.5/0.6 of it.
      expect(Number(reply.body.data?.result[0]?.value[1])).toBeCloseTo((0.5 / 0.6) * 0.1, 10);
    });

    it('cuts the result at `limit`, with a warning', async () => {
      const reply = await get<{ result: unknown[] }>(
        `/api/v1/query?query=http_requests_total&time=${SECONDS(END)}&limit=1`,
      );
      expect(reply.body.data?.result).toHaveLength(1);
      expect(reply.body.warnings).toEqual(['results truncated due to limit']);
    });

    it('answers a syntax error 400 bad_data with the position', async () => {
      const reply = await get('/api/v1/query?query=sum(rate(x[5m])');
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ status: 'error', errorType: 'bad_data' });
      expect(reply.body.error).toMatch(/^invalid parameter "query": 1:\d+: parse error: /);
      const badTime = await get('/api/v1/query?query=up&time=yesterday');
      expect(badTime.body.error).toBe('invalid parameter "time": cannot parse "yesterday" to a valid timestamp');
    });

    it('refuses a query over the sample limit with 422 execution, before loading it', async () => {
      const reply = await get(`/api/v1/query?query=${encodeURIComponent('count_over_time(http_requests_total[1h])')}`);
      expect(reply).toEqual({
        status: 422,
        body: {
          status: 'error',
          errorType: 'execution',
          error: 'query processing would load too many samples into memory in query execution',
        },
      });
    });
  });

  describe('/api/v1/query_range', () => {
    it('gives a matrix with one point per step', async () => {
      const form: [string, string][] = [
        ['query', 'up'],
        ['start', SECONDS(START)],
        ['end', SECONDS(END)],
        ['step', '60'],
      ];
      const reply = await post<{ resultType: string; result: { metric: object; values: [number, string][] }[] }>(
        '/api/v1/query_range',
        form,
      );
      expect(reply.status).toBe(200);
      expect(reply.body.data?.resultType).toBe('matrix');
      expect(reply.body.data?.result).toHaveLength(1);
      expect(reply.body.data?.result[0]?.metric).toEqual({ __name__: 'up', job: 'api' });
      expect(reply.body.data?.result[0]?.values).toHaveLength(21);
      expect(reply.body.data?.result[0]?.values[0]).toEqual([START / 1000, '1']);
      const viaGet = await get(`/api/v1/query_range?${new URLSearchParams(form).toString()}`);
      expect(viaGet).toEqual(reply);
    });

    it('refuses too many points, bad steps and a timed-out query with Prometheus status codes', async () => {
      const range = `start=${SECONDS(START)}&end=${SECONDS(END)}`;
      const points = await get(`/api/v1/query_range?query=up&${range}&step=1`);
      expect(points.status).toBe(422);
      expect(points.body.errorType).toBe('execution');
      const step = await get(`/api/v1/query_range?query=up&${range}&step=0`);
      expect(step.status).toBe(400);
      expect(step.body.error).toMatch(/zero or negative query resolution step widths are not accepted/);
      const timeout = await get(`/api/v1/query_range?query=up&${range}&step=60&timeout=1ms`);
      expect(timeout).toEqual({
        status: 503,
        body: { status: 'error', errorType: 'timeout', error: 'query timed out in query execution' },
      });
    });
  });

  describe('series, label values and metadata', () => {
    it('lists series matching any match[], GET and form POST', async () => {
      const viaGet = await get<Record<string, string>[]>(
        `/api/v1/series?match[]=${encodeURIComponent('http_requests_total{job="api"}')}`,
      );
      expect(viaGet.body).toEqual({
        status: 'success',
        data: [
          { __name__: 'http_requests_total', instance: 'a', job: 'api' },
          { __name__: 'http_requests_total', instance: 'b', job: 'api' },
        ],
      });
      const viaPost = await post<Record<string, string>[]>('/api/v1/series', [
        ['match[]', 'http_requests_total{job="db"}'],
        ['match[]', 'up'],
        ['start', SECONDS(START)],
        ['end', SECONDS(END)],
      ]);
      expect(viaPost.body.data).toEqual([
        { __name__: 'http_requests_total', instance: 'c', job: 'db' },
        { __name__: 'up', job: 'api' },
      ]);
      const missing = await get('/api/v1/series');
      expect(missing).toEqual({
        status: 400,
        body: { status: 'error', errorType: 'bad_data', error: 'no match[] parameter provided' },
      });
      const notSelector = await get(`/api/v1/series?match[]=${encodeURIComponent('rate(up[5m])')}`);
      expect(notSelector.status).toBe(400);
      expect(notSelector.body.error).toMatch(/^invalid parameter "match\[\]": /);
    });

    it('finds no series outside the time range', async () => {
      const before = `start=${SECONDS(START - 3_600_000)}&end=${SECONDS(START - 1000)}`;
      expect((await get(`/api/v1/series?match[]=up&${before}`)).body.data).toEqual([]);
    });

    it('lists label values, optionally restricted by match[]', async () => {
      expect((await get('/api/v1/label/job/values')).body).toEqual({ status: 'success', data: ['api', 'db'] });
      const restricted = await post('/api/v1/label/instance/values', [['match[]', '{job="api"}']]);
      expect(restricted.body.data).toEqual(['a', 'b']);
      const limited = await get('/api/v1/label/job/values?limit=1');
      expect(limited.body).toEqual({ status: 'success', data: ['api'], warnings: ['results truncated due to limit'] });
    });

    it('describes metric families with their inferred type', async () => {
      const reply = await get<Record<string, { type: string }[]>>('/api/v1/metadata');
      expect(reply.body.data).toMatchObject({
        http_requests_total: [{ type: 'counter', help: '', unit: '' }],
        latency_seconds: [{ type: 'histogram' }],
        api_response_time_seconds: [{ type: 'summary' }],
        up: [{ type: 'unknown' }],
      });
      const one = await get<Record<string, unknown>>('/api/v1/metadata?metric=latency_seconds');
      expect(Object.keys(one.body.data ?? {})).toEqual(['latency_seconds']);
    });
  });

  describe('metrics subgraph', () => {
    it('answers instant and range queries with typed series', async () => {
      const reply = await graphql<{
        instantQuery: { resultType: string; series: { labels: object[]; points: object[] }[] };
        rangeQuery: { resultType: string; series: { points: { value: string; number: number }[] }[] };
        scalar: { resultType: string; scalar: { value: string; number: number | null } };
      }>(
        `
          query ($t: DateTime, $s: DateTime!, $e: DateTime!) {
            instantQuery(query: "up", time: $t) {
              resultType
              series {
                labels {
                  name
                  value
                }
                points {
                  timestamp
                  value
                  number
                }
              }
            }
            rangeQuery(query: "up", start: $s, end: $e, stepSeconds: 300) {
              resultType
              series {
                points {
                  value
                  number
                }
              }
            }
            scalar: instantQuery(query: "0/0") {
              resultType
              scalar {
                value
                number
              }
            }
          }
        `,
        { t: new Date(END).toISOString(), s: new Date(START).toISOString(), e: new Date(END).toISOString() },
      );
      expect(reply.errors).toBeUndefined();
      expect(reply.data?.instantQuery).toEqual({
        resultType: 'VECTOR',
        series: [
          {
            labels: [
              { name: '__name__', value: 'up' },
              { name: 'job', value: 'api' },
            ],
            points: [{ timestamp: new Date(END).toISOString(), value: '1', number: 1 }],
          },
        ],
      });
      expect(reply.data?.rangeQuery.resultType).toBe('MATRIX');
      expect(reply.data?.rangeQuery.series[0]?.points).toHaveLength(5);
      expect(reply.data?.scalar).toEqual({ resultType: 'SCALAR', scalar: { value: 'NaN', number: null } });
    });

    it('searches series and refuses bad PromQL as BAD_USER_INPUT', async () => {
      const found = await graphql<{ seriesSearch: { labels: { name: string; value: string }[] }[] }>(
        '{ seriesSearch(match: "http_requests_total", first: 2) { labels { name value } } }',
      );
      expect(found.data?.seriesSearch).toHaveLength(2);
      const bad = await graphql('{ instantQuery(query: "sum(") { resultType } }');
      expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_QUERY' } });
      expect(bad.errors?.[0]?.message).toMatch(/^1:\d+: parse error: /);
    });

    it("computes the seed's KPI panels", async () => {
      const reply = await graphql<{
        kpiPanels: { id: string; unit: string; expression: string; values: { point: { value: string } }[] }[];
      }>('{ kpiPanels(rangeMinutes: 30) { id title unit expression values { labels { name } point { value } } } }');
      expect(reply.errors).toBeUndefined();
      const panels = new Map(reply.data?.kpiPanels.map((p) => [p.id, p]));
      expect(panels.size).toBe(14);
      expect(panels.get('api_response_time_p95')?.values.map((v) => v.point.value)).toEqual(['0.25']);
      expect(panels.get('heap_utilization')?.values.map((v) => v.point.value)).toEqual(['0.25']);
      expect(panels.get('http_5xx_errors')).toMatchObject({
        unit: 'errors',
        expression: 'sum(increase(http_errors_total{class="5xx"}[30m]))',
      });
      // 1 error per 15 s over the 20 minutes of data: increase over 30 m, extrapolated to the data's edges.
      expect(Number(panels.get('http_5xx_errors')?.values[0]?.point.value)).toBeGreaterThan(79);
      expect(panels.get('database_errors')?.values).toEqual([]);
    });

    it('has a committed schema.graphql equal to the SDL of the running code (else: npm run graphql:schema)', () => {
      const committed = readFileSync(committedSchemaFile('metrics'), 'utf8');
      expect(firstSdlDifference(committed, printSubgraphSdl(app))).toBeUndefined();
    });
  });
});
