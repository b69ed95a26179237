import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { metricsTopic, onTopic } from '@keel/contracts';
import { KAFKA_CLIENT, type KafkaClient } from '@keel/kafka';
import { createMetricsPublisher, type MetricsPublisher } from '@keel/metrics-client';
import { ALERTING_CONFIG, ALERTING_SERVICE, type AlertingConfig } from '../config';

export interface RuleSample {
  labels: Record<string, string>;
  value: number;
  timestampMs: number;
}

/**
 * Recording-rule results and the ALERTS / ALERTS_FOR_STATE series go back through the metrics ingest path
 * (keel.metrics.v1), like any service's metrics, so they are stored, queryable and subject to the same limits.
 */
@Injectable()
export class RuleSamplesPublisher implements OnApplicationShutdown {
  private readonly publisher: MetricsPublisher;

  constructor(@Inject(KAFKA_CLIENT) kafka: KafkaClient, @Inject(ALERTING_CONFIG) config: AlertingConfig) {
    const contract = onTopic(metricsTopic, config.ALERTING_RECORDING_TOPIC);
    this.publisher = createMetricsPublisher({ source: ALERTING_SERVICE, kafka, contract });
  }

  async publish(samples: readonly RuleSample[]): Promise<void> {
    if (samples.length === 0) return;
    await this.publisher.publish(
      samples.map(({ labels, value, timestampMs }) => {
        const { __name__: name, ...rest } = labels;
        return { name: name ?? '', labels: rest, value, timestampMs: Math.round(timestampMs) };
      }),
    );
    await this.publisher.flush();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.close();
  }
}
