import type { DatabasePoolMonitor, PoolStats } from '@keel/database';
import type { MetricsRegistry } from './metrics-registry';

const GAUGES: ReadonlyArray<{ field: keyof PoolStats; help: string }> = [
  { field: 'active', help: 'PostgreSQL connections of the pool in use by a query or transaction' },
  { field: 'idle', help: 'PostgreSQL connections of the pool open and unused' },
  { field: 'total', help: 'PostgreSQL connections of the pool currently open' },
  { field: 'waiting', help: 'Callers waiting for a PostgreSQL connection because the pool is at its maximum' },
  { field: 'max', help: 'Largest number of PostgreSQL connections the pool may open' },
];

/** database_connections_{active,idle,total,waiting,max}, read from the pool at scrape time. */
export function registerDatabaseMetrics(registry: MetricsRegistry, pool: DatabasePoolMonitor): void {
  for (const { field, help } of GAUGES) {
    registry.gauge({
      name: `database_connections_${field}`,
      help,
      collect() {
        this.set(pool.stats()[field]);
      },
    });
  }
}
