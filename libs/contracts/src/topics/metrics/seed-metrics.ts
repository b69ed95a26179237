import type { MetricType, SampleInput } from './metrics.topic';

/** The seed's KPI interfaces (post-migration-maintenance.md), field for field. Times are milliseconds. */
export interface PerformanceMetrics {
  apiResponseTime: { p50: number; p95: number; p99: number };
  databaseQueryTime: { average: number; max: number };
  websocketLatency: { average: number; max: number };
}

/** Memory in bytes (process.memoryUsage()); CPU in microseconds since process start (process.cpuUsage()). */
export interface ResourceMetrics {
  memoryUsage: { heapUsed: number; heapTotal: number; external: number };
  cpuUsage: { user: number; system: number; total: number };
  databaseConnections: { active: number; idle: number; total: number };
}

/** Cumulative counts since the process started (counters), so `rate()` and `increase()` apply. */
export interface ErrorMetrics {
  httpErrors: { '4xx': number; '5xx': number; total: number };
  websocketErrors: { connectionFailures: number; messageFailures: number; timeoutErrors: number };
  databaseErrors: { connectionErrors: number; queryErrors: number; timeoutErrors: number };
}

type Labels = Readonly<Record<string, string>>;

const MS_PER_SECOND = 1_000;
const MICROSECONDS_PER_SECOND = 1_000_000;

function series(
  name: string,
  type: MetricType,
  value: number,
  labels: Labels,
  timestampMs: number | undefined,
  extra: Labels = {},
): SampleInput {
  const sample: SampleInput = { name, type, value, labels: { ...labels, ...extra } };
  return timestampMs === undefined ? sample : { ...sample, timestampMs };
}

/**
 * | seed field                      | series                                          | type    | unit            |
 * | ------------------------------- | ----------------------------------------------- | ------- | --------------- |
 * | apiResponseTime.p50 / p95 / p99 | api_response_time_seconds{quantile="0.5"…"0.99"} | summary | ms → seconds    |
 * | databaseQueryTime.average / max | database_query_duration_seconds_avg / _max      | gauge   | ms → seconds    |
 * | websocketLatency.average / max  | websocket_latency_seconds_avg / _max            | gauge   | ms → seconds    |
 */
export function performanceSamples(m: PerformanceMetrics, labels: Labels = {}, timestampMs?: number): SampleInput[] {
  const seconds = (ms: number): number => ms / MS_PER_SECOND;
  const quantile = (q: string, ms: number) =>
    series('api_response_time_seconds', 'summary', seconds(ms), labels, timestampMs, { quantile: q });
  return [
    quantile('0.5', m.apiResponseTime.p50),
    quantile('0.95', m.apiResponseTime.p95),
    quantile('0.99', m.apiResponseTime.p99),
    series('database_query_duration_seconds_avg', 'gauge', seconds(m.databaseQueryTime.average), labels, timestampMs),
    series('database_query_duration_seconds_max', 'gauge', seconds(m.databaseQueryTime.max), labels, timestampMs),
    series('websocket_latency_seconds_avg', 'gauge', seconds(m.websocketLatency.average), labels, timestampMs),
    series('websocket_latency_seconds_max', 'gauge', seconds(m.websocketLatency.max), labels, timestampMs),
  ];
}

/**
 * Names match prom-client's default process metrics where they overlap.
 *
 * | seed field                             | series                                 | type    | unit          |
 * | -------------------------------------- | -------------------------------------- | ------- | ------------- |
 * | memoryUsage.heapUsed                   | nodejs_heap_size_used_bytes            | gauge   | bytes         |
 * | memoryUsage.heapTotal                  | nodejs_heap_size_total_bytes           | gauge   | bytes         |
 * | memoryUsage.external                   | nodejs_external_memory_bytes           | gauge   | bytes         |
 * | cpuUsage.user / system / total         | process_cpu_user_seconds_total / process_cpu_system_seconds_total / process_cpu_seconds_total | counter | µs → seconds |
 * | databaseConnections.active/idle/total  | database_connections_active / _idle / _total | gauge | connections |
 */
export function resourceSamples(m: ResourceMetrics, labels: Labels = {}, timestampMs?: number): SampleInput[] {
  const seconds = (us: number): number => us / MICROSECONDS_PER_SECOND;
  const gauge = (name: string, value: number) => series(name, 'gauge', value, labels, timestampMs);
  const counter = (name: string, value: number) => series(name, 'counter', value, labels, timestampMs);
  return [
    gauge('nodejs_heap_size_used_bytes', m.memoryUsage.heapUsed),
    gauge('nodejs_heap_size_total_bytes', m.memoryUsage.heapTotal),
    gauge('nodejs_external_memory_bytes', m.memoryUsage.external),
    counter('process_cpu_user_seconds_total', seconds(m.cpuUsage.user)),
    counter('process_cpu_system_seconds_total', seconds(m.cpuUsage.system)),
    counter('process_cpu_seconds_total', seconds(m.cpuUsage.total)),
    gauge('database_connections_active', m.databaseConnections.active),
    gauge('database_connections_idle', m.databaseConnections.idle),
    gauge('database_connections_total', m.databaseConnections.total),
  ];
}

/**
 * `total` gets its own name: were it `http_errors_total{class="total"}`, `sum(http_errors_total)` would count
 * every error twice.
 *
 * | seed field                          | series                                            | type    |
 * | ----------------------------------- | ------------------------------------------------- | ------- |
 * | httpErrors['4xx'] / ['5xx']         | http_errors_total{class="4xx"} / {class="5xx"}    | counter |
 * | httpErrors.total                    | http_errors_all_total                             | counter |
 * | websocketErrors.connectionFailures  | websocket_errors_total{kind="connection_failure"} | counter |
 * | websocketErrors.messageFailures     | websocket_errors_total{kind="message_failure"}    | counter |
 * | websocketErrors.timeoutErrors       | websocket_errors_total{kind="timeout"}            | counter |
 * | databaseErrors.connectionErrors     | database_errors_total{kind="connection"}          | counter |
 * | databaseErrors.queryErrors          | database_errors_total{kind="query"}               | counter |
 * | databaseErrors.timeoutErrors        | database_errors_total{kind="timeout"}             | counter |
 */
export function errorSamples(m: ErrorMetrics, labels: Labels = {}, timestampMs?: number): SampleInput[] {
  const counter = (name: string, value: number, extra: Labels = {}) =>
    series(name, 'counter', value, labels, timestampMs, extra);
  return [
    counter('http_errors_total', m.httpErrors['4xx'], { class: '4xx' }),
    counter('http_errors_total', m.httpErrors['5xx'], { class: '5xx' }),
    counter('http_errors_all_total', m.httpErrors.total),
    counter('websocket_errors_total', m.websocketErrors.connectionFailures, { kind: 'connection_failure' }),
    counter('websocket_errors_total', m.websocketErrors.messageFailures, { kind: 'message_failure' }),
    counter('websocket_errors_total', m.websocketErrors.timeoutErrors, { kind: 'timeout' }),
    counter('database_errors_total', m.databaseErrors.connectionErrors, { kind: 'connection' }),
    counter('database_errors_total', m.databaseErrors.queryErrors, { kind: 'query' }),
    counter('database_errors_total', m.databaseErrors.timeoutErrors, { kind: 'timeout' }),
  ];
}
