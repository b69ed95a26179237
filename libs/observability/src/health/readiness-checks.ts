import { Inject, Injectable, type OnModuleInit, Optional } from '@nestjs/common';
import type { HealthIndicatorFunction } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from '@keel/database';
import { KafkaHealthIndicator } from '@keel/kafka';
import { RedisHealthIndicator } from '@keel/redis';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from '../observability.options';

/** The indicators GET /health/ready runs, as configured by ObservabilityModule.forRoot({ readiness }). */
@Injectable()
export class ReadinessChecks implements OnModuleInit {
  constructor(
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions,
    @Optional() private readonly database?: DatabaseHealthIndicator,
    @Optional() private readonly redis?: RedisHealthIndicator,
    @Optional() private readonly kafka?: KafkaHealthIndicator,
  ) {}

  /** A readiness flag without its module is a wiring mistake: stop the boot instead of reporting ready. */
  onModuleInit(): void {
    const { readiness } = this.options;
    const missing = [
      readiness.database && !this.database ? 'database (import DatabaseModule.forRoot from @keel/database)' : undefined,
      readiness.redis && !this.redis ? 'redis (import the Redis module from @keel/redis)' : undefined,
      readiness.kafka && !this.kafka ? 'kafka (import KafkaModule.forRoot from @keel/kafka)' : undefined,
    ].filter((item) => item !== undefined);
    if (missing.length > 0) {
      throw new Error(
        `ObservabilityModule for ${this.options.service}: readiness checks are configured without their module: ${missing.join(', ')}`,
      );
    }
  }

  indicators(): HealthIndicatorFunction[] {
    const { readiness } = this.options;
    const checks: HealthIndicatorFunction[] = [];
    const { database, redis, kafka } = this;
    if (readiness.database && database) {
      checks.push(() => database.isHealthy('database'));
    }
    if (readiness.redis && redis) {
      checks.push(() => redis.isHealthy('redis'));
    }
    if (readiness.kafka && kafka) {
      checks.push(() => kafka.isHealthy('kafka'));
    }
    return checks;
  }
}
