import { metricsTopic } from '@keel/contracts';
import { createKafkaClient, type KafkaClient, type KafkaLogger } from '@keel/kafka';
import { MetricsPublisher, type PublisherLimits } from './metrics-publisher';

export interface MetricsPublisherOptions extends PublisherLimits {
  /** The `source` of every message (and its Kafka key): the service or script publishing. */
  source: string;
  /** `host:port` of the brokers; ignored when `kafka` is given. */
  brokers?: string[];
  clientId?: string;
  /** An existing client (a Nest service's KAFKA_CLIENT); the publisher then leaves it open on close(). */
  kafka?: KafkaClient;
  logger?: KafkaLogger;
  /** Default keel.metrics.v1; tests pass an isolated copy. */
  contract?: typeof metricsTopic;
}

export function createMetricsPublisher(options: MetricsPublisherOptions): MetricsPublisher {
  const owned = options.kafka === undefined;
  const kafka =
    options.kafka ??
    createKafkaClient({
      brokers: options.brokers ?? [],
      clientId: options.clientId ?? `keel-metrics-${options.source}`,
      logger: options.logger,
    });
  const contract = options.contract ?? metricsTopic;
  return new MetricsPublisher(
    options.source,
    (batch) => kafka.publisher().publish(contract, batch),
    options,
    options.logger,
    owned ? () => kafka.close() : undefined,
  );
}
