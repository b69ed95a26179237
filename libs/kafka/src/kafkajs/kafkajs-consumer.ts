import type { Batch, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { errorMessage, type KafkaLogger } from '../kafka-settings';
import type {
  BatchControl,
  BatchListener,
  ConsumerTransport,
  ConsumerTransportConfig,
  RawBatch,
} from '../kafka-transport';

export class KafkajsConsumer implements ConsumerTransport {
  private readonly consumer: Consumer;
  private stopping?: Promise<void>;

  constructor(
    kafka: Kafka,
    private readonly config: ConsumerTransportConfig,
    private readonly logger: KafkaLogger,
  ) {
    this.consumer = kafka.consumer({
      groupId: config.groupId,
      sessionTimeout: config.sessionTimeoutMs,
      heartbeatInterval: config.heartbeatIntervalMs,
      rebalanceTimeout: config.rebalanceTimeoutMs,
      maxWaitTimeInMs: config.maxWaitTimeMs,
      // kafkajs' own defaults when not set: 1 byte, 1 MB per partition, 10 MB per fetch.
      minBytes: config.minBytes ?? 1,
      maxBytesPerPartition: config.maxBytesPerPartition ?? 1_048_576,
      maxBytes: config.maxBytes ?? 10_485_760,
      allowAutoTopicCreation: false,
    });
    const context = { groupId: config.groupId, topic: config.topic };
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      this.logger.info('kafka consumer joined its group', {
        ...context,
        memberId: payload.memberId,
        partitions: payload.memberAssignment[config.topic] ?? [],
      });
    });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.logger.error(
        payload.restart ? 'kafka consumer crashed and restarts' : 'kafka consumer crashed and stays down',
        { ...context, error: errorMessage(payload.error) },
      );
    });
  }

  async start(onBatch: BatchListener): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [this.config.topic], fromBeginning: this.config.fromBeginning });
    // Offsets are resolved and committed by the processor, one handled message (or batch) at a time.
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: (payload) => onBatch(toRawBatch(payload.batch), toControl(payload)),
    });
  }

  stop(): Promise<void> {
    // disconnect() waits for the batch in hand, then leaves the group.
    this.stopping ??= this.consumer.disconnect();
    return this.stopping;
  }
}

function toRawBatch(batch: Batch): RawBatch {
  return {
    topic: batch.topic,
    partition: batch.partition,
    messages: batch.messages.map((message) => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: message.offset,
      key: message.key,
      value: message.value,
      headers: message.headers ?? {},
      timestamp: message.timestamp,
    })),
  };
}

function toControl(payload: EachBatchPayload): BatchControl {
  const { topic, partition } = payload.batch;
  return {
    shouldContinue: () => payload.isRunning() && !payload.isStale(),
    heartbeat: () => payload.heartbeat(),
    commitThrough: async (offset) => {
      payload.resolveOffset(offset);
      const next = (BigInt(offset) + 1n).toString();
      await payload.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: next }] }] });
    },
    pause: () => payload.pause(),
  };
}
