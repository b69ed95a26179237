import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type PoolStats, poolStats } from '../health/pool-stats';

/**
 * The connection pool's counters, injectable without touching TypeORM (observability reads them for
 * the database_connections_* gauges).
 */
@Injectable()
export class DatabasePoolMonitor {
  constructor(private readonly dataSource: DataSource) {}

  stats(): PoolStats {
    return poolStats(this.dataSource);
  }
}
