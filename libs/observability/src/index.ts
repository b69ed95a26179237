export { createLogger, type CreateLoggerOptions } from './logging/create-logger';
export { REDACTED, SENSITIVE_FIELDS } from './logging/redaction';
export { ObservabilityModule, useObservabilityLogger } from './observability.module';
export { type ObservabilityOptions, PUBLIC_ROUTE_METADATA, type ReadinessOptions } from './observability.options';
export { MetricsRegistry } from './metrics/metrics-registry';
export { HTTP_DURATION_BUCKETS } from './metrics/http-metrics';
export { DEFAULT_MOUNTED_PATHS, UNMATCHED_ROUTE } from './metrics/route-tracking';
