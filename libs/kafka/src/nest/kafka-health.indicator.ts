import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { KafkaClient } from '../kafka-client';
import { KAFKA_CLIENT } from './kafka.constants';

/** Terminus indicator: `up` with the number of brokers, or `down` with the reason. */
@Injectable()
export class KafkaHealthIndicator {
  constructor(
    @Inject(KAFKA_CLIENT) private readonly client: KafkaClient,
    private readonly health: HealthIndicatorService,
  ) {}

  async isHealthy<const Key extends string>(key: Key, timeoutMs = 3000): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.health.check(key);
    const result = await this.client.checkHealth(timeoutMs);
    return result.ok ? indicator.up({ brokers: result.brokers ?? 0 }) : indicator.down({ message: result.detail });
  }
}
