import { parseContract } from '../../parse-contract';
import { metricsTopic, type SampleInput } from './metrics.topic';
import {
  errorSamples,
  performanceSamples,
  resourceSamples,
  type ErrorMetrics,
  type PerformanceMetrics,
  type ResourceMetrics,
} from './seed-metrics';

const performance: PerformanceMetrics = {
  apiResponseTime: { p50: 120, p95: 850, p99: 2300 },
  databaseQueryTime: { average: 12.5, max: 480 },
  websocketLatency: { average: 35, max: 900 },
};
const resources: ResourceMetrics = {
  memoryUsage: { heapUsed: 52_428_800, heapTotal: 104_857_600, external: 2_097_152 },
  cpuUsage: { user: 1_500_000, system: 250_000, total: 1_750_000 },
  databaseConnections: { active: 18, idle: 2, total: 20 },
};
const errors: ErrorMetrics = {
  httpErrors: { '4xx': 40, '5xx': 3, total: 43 },
  websocketErrors: { connectionFailures: 5, messageFailures: 7, timeoutErrors: 1 },
  databaseErrors: { connectionErrors: 2, queryErrors: 9, timeoutErrors: 4 },
};

/** `name{k="v",…} value type` lines, easy to read in a failing diff. */
function render(samples: SampleInput[]): string[] {
  return samples.map((s) => {
    const labels = Object.entries(s.labels ?? {})
      .map(([k, v]) => `${k}="${v}"`)
      .join(',');
    return `${s.name}{${labels}} ${String(s.value)} ${s.type ?? ''}`;
  });
}

const ts = Date.UTC(2026, 10, 26, 15);

describe('seed metric builders', () => {
  it('maps every PerformanceMetrics field, milliseconds to seconds', () => {
    expect(render(performanceSamples(performance, { service: 'api' }))).toEqual([
      'api_response_time_seconds{service="api",quantile="0.5"} 0.12 summary',
      'api_response_time_seconds{service="api",quantile="0.95"} 0.85 summary',
      'api_response_time_seconds{service="api",quantile="0.99"} 2.3 summary',
      'database_query_duration_seconds_avg{service="api"} 0.0125 gauge',
      'database_query_duration_seconds_max{service="api"} 0.48 gauge',
      'websocket_latency_seconds_avg{service="api"} 0.035 gauge',
      'websocket_latency_seconds_max{service="api"} 0.9 gauge',
    ]);
  });

  it('maps every ResourceMetrics field with prom-client names, microseconds of CPU to seconds', () => {
    expect(render(resourceSamples(resources))).toEqual([
      'nodejs_heap_size_used_bytes{} 52428800 gauge',
      'nodejs_heap_size_total_bytes{} 104857600 gauge',
      'nodejs_external_memory_bytes{} 2097152 gauge',
      'process_cpu_user_seconds_total{} 1.5 counter',
      'process_cpu_system_seconds_total{} 0.25 counter',
      'process_cpu_seconds_total{} 1.75 counter',
      'database_connections_active{} 18 gauge',
      'database_connections_idle{} 2 gauge',
      'database_connections_total{} 20 gauge',
    ]);
  });

  it('maps every ErrorMetrics field to counters with class and kind labels', () => {
    expect(render(errorSamples(errors, { service: 'api' }))).toEqual([
      'http_errors_total{service="api",class="4xx"} 40 counter',
      'http_errors_total{service="api",class="5xx"} 3 counter',
      'http_errors_all_total{service="api"} 43 counter',
      'websocket_errors_total{service="api",kind="connection_failure"} 5 counter',
      'websocket_errors_total{service="api",kind="message_failure"} 7 counter',
      'websocket_errors_total{service="api",kind="timeout"} 1 counter',
      'database_errors_total{service="api",kind="connection"} 2 counter',
      'database_errors_total{service="api",kind="query"} 9 counter',
      'database_errors_total{service="api",kind="timeout"} 4 counter',
    ]);
  });

  it('gives each sample the timestamp when one is given, and none otherwise', () => {
    expect(errorSamples(errors, {}, ts).every((s) => s.timestampMs === ts)).toBe(true);
    expect(errorSamples(errors).every((s) => !('timestampMs' in s))).toBe(true);
  });

  it('lets the builder own its quantile, class and kind labels over the caller labels', () => {
    const [first] = performanceSamples(performance, { quantile: 'mine' });
    expect(first?.labels).toEqual({ quantile: '0.5' });
  });

  it('produces samples the contract accepts, with one distinct series per field', () => {
    const all = [
      ...performanceSamples(performance, { service: 'api' }, ts),
      ...resourceSamples(resources, { service: 'api' }, ts),
      ...errorSamples(errors, { service: 'api' }, ts),
    ];
    expect(parseContract(metricsTopic, { source: 'api', sentAt: new Date(ts).toISOString(), samples: all }).ok).toBe(
      true,
    );
    const seriesKeys = new Set(all.map((s) => `${s.name}${JSON.stringify(s.labels)}`));
    expect(seriesKeys.size).toBe(7 + 9 + 9);
  });
});
