import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { alertsTopic, onTopic } from '@keel/contracts';
import { KAFKA_CLIENT, type EventConsumer, type KafkaClient } from '@keel/kafka';
import { INCIDENTS_CONFIG, type IncidentsConfig } from '../config';
import { AlertIntakeService } from './alert-intake.service';

/** The keel.alerts.v1 contract on the configured topic (its dead-letter topic follows the name). */
export function alertIntakeContract(topic: string): typeof alertsTopic {
  return onTopic(alertsTopic, topic);
}

/**
 * The Kafka edge of the alert intake: one member of group INCIDENTS_ALERTS_GROUP_ID handing each valid event to
 * AlertIntakeService. The kafka lib dead-letters messages that fail the contract before they get here, commits the
 * offset once the handler resolved (after the PostgreSQL commit), and retries, then pauses the partition, while it
 * throws; a redelivery then meets the dedupe key.
 */
@Injectable()
export class AlertIntakeConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertIntakeConsumer.name);
  private consumer: EventConsumer | undefined;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: KafkaClient,
    @Inject(INCIDENTS_CONFIG) private readonly config: IncidentsConfig,
    private readonly intake: AlertIntakeService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.INCIDENTS_ALERTS_CONSUMER) return;
    const contract = alertIntakeContract(this.config.INCIDENTS_ALERTS_TOPIC);
    this.consumer = this.kafka.consumer({
      groupId: this.config.INCIDENTS_ALERTS_GROUP_ID,
      contract,
      fromBeginning: true,
      handle: async (message) => void (await this.intake.apply(message.value)),
      onDeadLetter: ({ kind, reason }) =>
        this.logger.warn(`dead-lettered a ${contract.topic} message (${kind}): ${reason}`),
    });
    await this.consumer.start();
    this.logger.log(`consuming ${contract.topic} as group ${this.config.INCIDENTS_ALERTS_GROUP_ID}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
