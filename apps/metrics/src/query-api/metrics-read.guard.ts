import { ApiAccessGuard } from '@keel/auth';

export const METRICS_READ_SCOPE = 'metrics:read';

/**
 * After the global AuthGuard verified the token and the viewer role: an API key (Grafana, scripts) also needs
 * the metrics:read scope; people need no more than viewer; Keel's alerting service queries with its own token.
 */
export const MetricsReadGuard = ApiAccessGuard({ what: 'the query API', scope: METRICS_READ_SCOPE, services: true });
