import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';

export interface PoolStats {
  /** Connections checked out by a query or transaction. */
  active: number;
  /** Open connections waiting in the pool. */
  idle: number;
  /** All open connections (active + idle). */
  total: number;
  /** Callers queued for a connection because the pool is at its maximum. */
  waiting: number;
  /** The most connections the pool may open (0 before the DataSource is initialized). */
  max: number;
}

/** The pg Pool behind TypeORM's postgres driver (`master`); absent until the DataSource is initialized. */
function poolOf(dataSource: DataSource): Pool | undefined {
  if (!dataSource.isInitialized) {
    return undefined;
  }
  return (dataSource.driver as unknown as { master?: Pool }).master;
}

export function poolStats(dataSource: DataSource): PoolStats {
  const pool = poolOf(dataSource);
  if (!pool) {
    return { active: 0, idle: 0, total: 0, waiting: 0, max: 0 };
  }
  const total = pool.totalCount;
  const idle = pool.idleCount;
  return { active: total - idle, idle, total, waiting: pool.waitingCount, max: pool.options.max ?? 0 };
}
