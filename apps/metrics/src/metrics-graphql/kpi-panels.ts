/** The seed's KPI panels over the series of libs/metrics-client/README.md; `R` is the panel range. */
export interface KpiPanelDefinition {
  id: string;
  title: string;
  unit: 'seconds' | 'ratio' | 'cores' | 'errors';
  expression: (range: string) => string;
}

const quantile = (q: string) => () => `max(api_response_time_seconds{quantile="${q}"})`;

export const KPI_PANELS: readonly KpiPanelDefinition[] = [
  { id: 'api_response_time_p50', title: 'API response time p50', unit: 'seconds', expression: quantile('0.5') },
  { id: 'api_response_time_p95', title: 'API response time p95', unit: 'seconds', expression: quantile('0.95') },
  { id: 'api_response_time_p99', title: 'API response time p99', unit: 'seconds', expression: quantile('0.99') },
  {
    id: 'database_query_time_avg',
    title: 'Database query time (average)',
    unit: 'seconds',
    expression: (r) => `avg(avg_over_time(database_query_duration_seconds_avg[${r}]))`,
  },
  {
    id: 'database_query_time_max',
    title: 'Database query time (max)',
    unit: 'seconds',
    expression: (r) => `max(max_over_time(database_query_duration_seconds_max[${r}]))`,
  },
  {
    id: 'websocket_latency_avg',
    title: 'WebSocket latency (average)',
    unit: 'seconds',
    expression: (r) => `avg(avg_over_time(websocket_latency_seconds_avg[${r}]))`,
  },
  {
    id: 'websocket_latency_max',
    title: 'WebSocket latency (max)',
    unit: 'seconds',
    expression: (r) => `max(max_over_time(websocket_latency_seconds_max[${r}]))`,
  },
  {
    id: 'heap_utilization',
    title: 'Heap utilization',
    unit: 'ratio',
    expression: () => 'sum(nodejs_heap_size_used_bytes) / sum(nodejs_heap_size_total_bytes)',
  },
  {
    id: 'cpu_utilization',
    title: 'CPU utilization',
    unit: 'cores',
    expression: (r) => `sum(rate(process_cpu_seconds_total[${r}]))`,
  },
  {
    id: 'database_connection_utilization',
    title: 'Database connection utilization',
    unit: 'ratio',
    expression: () => 'sum(database_connections_active) / sum(database_connections_total)',
  },
  {
    id: 'http_4xx_errors',
    title: 'HTTP 4xx errors',
    unit: 'errors',
    expression: (r) => `sum(increase(http_errors_total{class="4xx"}[${r}]))`,
  },
  {
    id: 'http_5xx_errors',
    title: 'HTTP 5xx errors',
    unit: 'errors',
    expression: (r) => `sum(increase(http_errors_total{class="5xx"}[${r}]))`,
  },
  {
    id: 'websocket_errors',
    title: 'WebSocket errors',
    unit: 'errors',
    expression: (r) => `sum(increase(websocket_errors_total[${r}]))`,
  },
  {
    id: 'database_errors',
    title: 'Database errors',
    unit: 'errors',
    expression: (r) => `sum(increase(database_errors_total[${r}]))`,
  },
];
