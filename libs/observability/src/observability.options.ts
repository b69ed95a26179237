import type { DestinationStream, Level } from 'pino';

export interface ReadinessOptions {
  /** PostgreSQL through DatabaseHealthIndicator (needs DatabaseModule). */
  database?: boolean;
  /** Redis through RedisHealthIndicator (needs the redis module). */
  redis?: boolean;
  /** Kafka through KafkaHealthIndicator (needs KafkaModule). */
  kafka?: boolean;
}

export interface ObservabilityOptions {
  /** The service's name: the `service` field of every log line. */
  service: string;
  logLevel: Level | 'silent';
  /** The dependencies GET /health/ready checks. */
  readiness: ReadinessOptions;
  /**
   * Paths of apps mounted outside Nest's router, used as the `route` label of their requests.
   * Default ['/graphql'] (Apollo); add the global prefix if GraphQL is mounted under it.
   */
  mountedPaths?: readonly string[];
  /** Where log lines go; default stdout. Tests pass a stream to read them. */
  logDestination?: DestinationStream;
}

export const OBSERVABILITY_OPTIONS = Symbol('keel:observability-options');

/**
 * Metadata key marking a route as reachable without authentication. The auth guard (@keel/auth)
 * honours it; it is set here directly rather than through auth's Public() because a feature lib
 * does not import another feature lib it does not need.
 */
export const PUBLIC_ROUTE_METADATA = 'keel:public';
