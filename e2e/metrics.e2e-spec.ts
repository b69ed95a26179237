import { randomUUID } from 'node:crypto';
import { eventually, graphqlRequest as graphql, runCompiledScript, startPlatform, type Platform } from '@keel/testing';

// Metrics end to end: samples published with `keel publish` go through Kafka into the metrics service, answer
// PromQL at its Prometheus API (with a token from a login through the gateway), and feed the KPI panels that
// the gateway serves from the metrics subgraph.
describe('metrics: keel publish → Kafka → store → Prometheus API and kpiPanels', () => {
  let platform: Platform;
  let token: string;
  const password = 'e2e-metrics-password-1234';
  const run = randomUUID(); // this run's samples, whatever else is on the shared keel.metrics.v1

  beforeAll(async () => {
    platform = await startPlatform();
    await runCompiledScript(
      'apps/cli/src/main.js',
      platform.env,
      ['admin', 'create', '--username', 'e2e-metrics-admin'],
      `${password}\n`,
    );
    const login = await graphql<{ login: { accessToken: string } }>(
      platform.gateway.url,
      'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
      { variables: { u: 'e2e-metrics-admin', p: password } },
    );
    token = login.data?.login.accessToken ?? '';
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
  });

  async function instant(query: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
    const response = await fetch(`${platform.metrics.url}/api/v1/query?query=${encodeURIComponent(query)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await response.json()) as {
      status: string;
      data?: { result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    expect(body.status).toBe('success');
    return body.data?.result ?? [];
  }

  it('answers published samples at /api/v1/query and computes kpiPanels through the gateway', async () => {
    const now = Date.now();
    const samples = [
      { name: 'api_response_time_seconds', labels: { quantile: '0.95', run }, value: 0.42, type: 'summary' },
      { name: 'nodejs_heap_size_used_bytes', labels: { run }, value: 300, type: 'gauge' },
      { name: 'nodejs_heap_size_total_bytes', labels: { run }, value: 400, type: 'gauge' },
      {
        name: 'http_errors_total',
        labels: { class: '5xx', run },
        value: 3,
        type: 'counter',
        timestampMs: now - 60_000,
      },
      { name: 'http_errors_total', labels: { class: '5xx', run }, value: 9, type: 'counter', timestampMs: now - 1000 },
    ];
    const published = await runCompiledScript(
      'apps/cli/src/main.js',
      platform.env,
      ['publish', '--source', `e2e-${run}`],
      samples.map((s) => JSON.stringify({ timestampMs: now - 1000, ...s })).join('\n'),
    );
    expect(published).toMatch(/published 5 samples/);

    const stored = await eventually(
      async () => {
        const result = await instant(`api_response_time_seconds{run="${run}"}`);
        return result.length > 0 ? result : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'the published samples at /api/v1/query' },
    );
    expect(stored).toEqual([
      {
        metric: { __name__: 'api_response_time_seconds', quantile: '0.95', run },
        value: [expect.any(Number), '0.42'],
      },
    ]);
    const errors = await instant(`http_errors_total{run="${run}"}`);
    expect(errors.map((r) => r.value[1])).toEqual(['9']);

    const reply = await graphql<{
      kpiPanels: { id: string; unit: string; values: { point: { value: string } }[] }[];
    }>(platform.gateway.url, '{ kpiPanels(rangeMinutes: 5) { id unit values { point { value } } } }', { token });
    expect(reply.errors).toBeUndefined();
    const panels = new Map(reply.data?.kpiPanels.map((p) => [p.id, p]));
    expect(panels.size).toBe(14);
    // This run's schema is fresh: these are the only samples of the seed's series in it (older messages on the
    // shared topic fall outside the late window).
    expect(panels.get('api_response_time_p95')?.values.map((v) => v.point.value)).toEqual(['0.42']);
    expect(panels.get('heap_utilization')?.values.map((v) => v.point.value)).toEqual(['0.75']);
    expect(Number(panels.get('http_5xx_errors')?.values[0]?.point.value)).toBeGreaterThanOrEqual(6);
  }, 120_000);
});
