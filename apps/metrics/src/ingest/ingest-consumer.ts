import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { MetricsBatch } from '@keel/contracts';
import { KAFKA_CLIENT, type EventConsumer, type KafkaClient, type ReceivedMessage } from '@keel/kafka';
import { METRICS_CONFIG, type MetricsCoreConfig } from '../config';
import { ingestContract } from './ingest-contract';
import { IngestMetrics } from './ingest-metrics';
import { IngestService } from './ingest.service';

/**
 * The Kafka edge of ingest: METRICS_INGEST_CONSUMERS members of one consumer group, each handing the valid
 * messages of a fetched batch to IngestService. The kafka lib commits the offsets once the handler resolved
 * (after the PostgreSQL commit), retries and pauses the partition when it throws, and dead-letters invalid
 * messages before they get here.
 */
@Injectable()
export class IngestConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IngestConsumer.name);
  private readonly consumers: EventConsumer[] = [];

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: KafkaClient,
    @Inject(METRICS_CONFIG) private readonly config: MetricsCoreConfig,
    private readonly ingest: IngestService,
    private readonly metrics: IngestMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const contract = ingestContract(this.config.METRICS_INGEST_TOPIC);
    for (let member = 0; member < this.config.METRICS_INGEST_CONSUMERS; member += 1) {
      this.consumers.push(
        this.kafka.consumer({
          groupId: this.config.METRICS_INGEST_GROUP_ID,
          contract,
          fromBeginning: true,
          maxRetries: this.config.METRICS_INGEST_MAX_RETRIES,
          pauseOnFailureMs: this.config.METRICS_INGEST_PAUSE_MS,
          sessionTimeoutMs: this.config.METRICS_INGEST_SESSION_TIMEOUT_MS,
          // Large fetches: each batch is one transaction, and fewer, larger ones keep PostgreSQL busy.
          maxBytesPerPartition: this.config.METRICS_INGEST_FETCH_MAX_BYTES_PER_PARTITION,
          maxBytes: this.config.METRICS_INGEST_FETCH_MAX_BYTES,
          minBytes: this.config.METRICS_INGEST_FETCH_MIN_BYTES,
          handleBatch: (messages) => this.handle(messages),
          onDeadLetter: ({ kind }) => this.metrics.deadLettered.inc({ kind }),
        }),
      );
    }
    await Promise.all(this.consumers.map((consumer) => consumer.start()));
    this.logger.log(
      `ingesting ${contract.topic} with ${this.consumers.length} member(s) of group ${this.config.METRICS_INGEST_GROUP_ID}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.consumers.map((consumer) => consumer.stop()));
  }

  private async handle(messages: ReceivedMessage<MetricsBatch>[]): Promise<void> {
    await this.ingest.ingest(
      messages.map((message) => ({ batch: message.value, receivedMs: message.timestamp.getTime() })),
    );
    const newest = messages.at(-1);
    if (newest !== undefined) {
      this.metrics.lagSeconds.set(
        { partition: String(newest.partition) },
        Math.max(0, (Date.now() - newest.timestamp.getTime()) / 1000),
      );
    }
  }
}
