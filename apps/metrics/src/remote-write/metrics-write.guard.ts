import { ApiAccessGuard } from '@keel/auth';

export const METRICS_WRITE_SCOPE = 'metrics:write';

/**
 * After the global AuthGuard verified the token: an API key needs the metrics:write scope (whatever its role),
 * a person needs responder or more. Keel's own services use Kafka, not this endpoint.
 */
export const MetricsWriteGuard = ApiAccessGuard({
  what: 'remote write',
  scope: METRICS_WRITE_SCOPE,
  userRoles: ['responder'],
});
