import type { CreateDataSourceOptions } from '@keel/database';
import { CreateMetricsStore1764300000000 } from './migrations/1764300000000-create-metrics-store';

/** The store is written with raw SQL in repositories (COPY, partitions): there are no entities. */
export const METRICS_ENTITIES = [];
/** In the order they run; a new migration is appended here. */
export const METRICS_MIGRATIONS = [CreateMetricsStore1764300000000];

export function metricsDataSourceOptions(schema: string, poolMax?: number): Omit<CreateDataSourceOptions, 'url'> {
  return {
    schema,
    entities: METRICS_ENTITIES,
    migrations: METRICS_MIGRATIONS,
    applicationName: 'keel-metrics',
    ...(poolMax === undefined ? {} : { poolMax }),
  };
}
