export { QueryApiModule } from './query-api.module';
export { QueryModule } from './query.module';
export { QueryService, type CatalogQuery, type Listed, type QueryOptions } from './query.service';
export { MetricsQueryException, QueryErrorCode } from './query.errors';
export { DEFAULT_QUERY_LIMITS, queryEnv, queryLimitsFromConfig, type QueryLimits } from './query-limits';
export { formatSampleValue, formatTimestamp } from './prom-format';
export { parseSeriesSelector } from './series-selector';
export { MAX_TIME_MS, MIN_TIME_MS } from './prom-params';
