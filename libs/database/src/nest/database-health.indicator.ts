import { Injectable } from '@nestjs/common';
import { type HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { checkDatabaseHealth } from '../health/check-database-health';

export const DEFAULT_DATABASE_HEALTH_TIMEOUT_MS = 2000;

/** Terminus indicator for the service's PostgreSQL: `SELECT 1` within a timeout. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy<const Key extends string = 'database'>(
    key: Key = 'database' as Key,
    timeoutMs: number = DEFAULT_DATABASE_HEALTH_TIMEOUT_MS,
  ): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.health.check(key);
    const result = await checkDatabaseHealth(this.dataSource, timeoutMs);
    return result.ok ? indicator.up({ detail: result.detail }) : indicator.down({ message: result.detail });
  }
}
