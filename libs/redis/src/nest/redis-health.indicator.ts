import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { checkRedisHealth } from '../redis-health';
import { REDIS_CLIENT } from './redis.constants';

/** Terminus indicator: `up` when Redis answers PING in time, `down` with the reason otherwise. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    @Inject(REDIS_CLIENT) private readonly client: Redis,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy<const Key extends string>(key: Key, timeoutMs = 2000): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.health.check(key);
    const result = await checkRedisHealth(this.client, timeoutMs);
    return result.ok ? indicator.up() : indicator.down({ message: result.detail });
  }
}
