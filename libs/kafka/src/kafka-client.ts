import type { TopicContract } from '@keel/contracts';
import type { z } from 'zod';
import type { ConsumerOptions } from './consumer/consumer-options';
import { EventConsumer } from './consumer/event-consumer';
import { deadLetterKind } from './consumer/message-decoder';
import { PartitionProcessor, type ConsumerHandler } from './consumer/partition-processor';
import { resolveRetryPolicy } from './consumer/retry-policy';
import { TimerSet } from './consumer/timer-set';
import { buildDeadLetterHeaders } from './dead-letter';
import { createKafkajsDriver } from './kafkajs/kafkajs-driver';
import { errorMessage, stderrKafkaLogger, type KafkaLogger, type KafkaSettings } from './kafka-settings';
import type { AdminTransport, KafkaDriver, ProducerTransport, RawMessage } from './kafka-transport';
import { EventPublisher } from './publisher/event-publisher';

export interface EnsureTopicsOptions {
  /** Default: the broker's num.partitions. */
  partitions?: number;
  /** Default: the broker's default.replication.factor. */
  replicationFactor?: number;
}

export interface KafkaHealth {
  ok: boolean;
  detail: string;
  brokers?: number;
}

const DEFAULT_CONNECTION_TIMEOUT_MS = 3000;
const BROKER_DEFAULT = -1;

export function createKafkaClient(settings: KafkaSettings): KafkaClient {
  if (settings.brokers.length === 0) {
    throw new Error('Kafka settings: brokers must list at least one host:port');
  }
  const logger = settings.logger ?? stderrKafkaLogger;
  const driver = createKafkajsDriver(settings, settings.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS, logger);
  return new KafkaClient(driver, logger, settings.brokers.join(','));
}

/** The one entry point to Kafka: publishers, consumers, topic administration and health. */
export class KafkaClient {
  private readonly consumers = new Set<EventConsumer>();
  private producerTransport?: ProducerTransport;
  private adminTransport?: AdminTransport;
  private readonly eventPublisher = new EventPublisher(() => {
    this.assertOpen();
    return this.producer();
  });
  private closing?: Promise<void>;

  /** @internal Use createKafkaClient(). */
  constructor(
    private readonly driver: KafkaDriver,
    private readonly logger: KafkaLogger,
    private readonly brokers: string,
  ) {}

  publisher(): EventPublisher {
    this.assertOpen();
    return this.eventPublisher;
  }

  /** A consumer for one topic contract; call start() on it. close() stops it along with the client. */
  consumer<S extends z.ZodType>(options: ConsumerOptions<S>): EventConsumer {
    this.assertOpen();
    const { contract, groupId } = options;
    const handler: ConsumerHandler<z.output<S>> = options.handle
      ? { kind: 'message', handle: options.handle }
      : { kind: 'batch', handle: options.handleBatch };
    const retry = resolveRetryPolicy(options);
    const transport = this.driver.consumer({
      groupId,
      topic: contract.topic,
      fromBeginning: options.fromBeginning ?? false,
      sessionTimeoutMs: options.sessionTimeoutMs ?? 30000,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 3000,
      rebalanceTimeoutMs: options.rebalanceTimeoutMs ?? 60000,
      maxWaitTimeMs: options.maxWaitTimeMs ?? 1000,
      minBytes: options.minBytes,
      maxBytesPerPartition: options.maxBytesPerPartition,
      maxBytes: options.maxBytes,
    });
    const logger = this.logger;
    const timers = new TimerSet();
    const processor = new PartitionProcessor<S>({
      contract,
      groupId,
      handler,
      retry,
      logger,
      deadLetter: async (raw, reason) => {
        await this.sendDeadLetter(contract.dlq, raw, reason, groupId);
        options.onDeadLetter?.({ kind: deadLetterKind(reason), reason });
      },
      schedule: (fn, delayMs) => timers.schedule(fn, delayMs),
    });
    const consumer = new EventConsumer(
      transport,
      (batch, control) => processor.process(batch, control),
      timers,
      groupId,
      contract.topic,
      logger,
      (stopped) => this.consumers.delete(stopped),
    );
    this.consumers.add(consumer);
    return consumer;
  }

  /**
   * Creates every contract's topic and dead-letter topic that does not exist yet, with the contract's topic
   * settings; applies those settings to the ones that exist. Returns the created names.
   */
  async ensureTopics(contracts: readonly TopicContract[], options: EnsureTopicsOptions = {}): Promise<string[]> {
    this.assertOpen();
    const existing = new Set(await this.admin().listTopics());
    const wanted = new Map<string, Readonly<Record<string, string>> | undefined>();
    for (const contract of contracts) {
      wanted.set(contract.topic, contract.topicConfig);
      wanted.set(contract.dlq, contract.topicConfig);
    }
    const missing = [...wanted.keys()].filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await this.admin().createTopics(
        missing.map((topic) => ({
          topic,
          partitions: options.partitions ?? BROKER_DEFAULT,
          replicationFactor: options.replicationFactor ?? BROKER_DEFAULT,
          ...(wanted.get(topic) ? { config: wanted.get(topic) } : {}),
        })),
      );
      this.logger.info('kafka topics created', { topics: missing });
    }
    for (const [topic, config] of wanted) {
      if (config && existing.has(topic)) await this.admin().setTopicConfig(topic, config);
    }
    // An existing topic may have been created a moment ago by another process, its partitions not led yet.
    await this.admin().waitForLeaders([...wanted.keys()]);
    return missing;
  }

  async deleteTopics(topics: readonly string[]): Promise<void> {
    this.assertOpen();
    if (topics.length > 0) {
      await this.admin().deleteTopics([...topics]);
    }
  }

  /** Committed offset (the next one the group will read) per partition of `topic`. */
  committedOffsets(groupId: string, topic: string): Promise<Map<number, string>> {
    this.assertOpen();
    return this.admin().committedOffsets(groupId, topic);
  }

  /** Never throws: answers within about `timeoutMs` whether the cluster responds to a metadata request. */
  async checkHealth(timeoutMs = 3000): Promise<KafkaHealth> {
    if (this.closing) {
      return { ok: false, detail: 'kafka client is closed' };
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const { brokers } = await Promise.race([this.driver.probe(timeoutMs), timeout]);
      return { ok: true, detail: `${brokers} broker(s) reachable`, brokers };
    } catch (error) {
      return { ok: false, detail: `kafka at ${this.brokers} unreachable: ${describeError(error)}` };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops every consumer, then disconnects the producer and admin connections. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    const results = await Promise.allSettled([...this.consumers].map((consumer) => consumer.stop()));
    results.push(
      ...(await Promise.allSettled([
        this.producerTransport?.disconnect(),
        this.adminTransport?.disconnect(),
        this.driver.close(),
      ])),
    );
    const failures = results.filter((result) => result.status === 'rejected');
    for (const failure of failures) {
      this.logger.warn('kafka client did not close cleanly', { error: errorMessage(failure.reason) });
    }
  }

  /** Not guarded by assertOpen: stopping consumers may still dead-letter while the client closes. */
  private producer(): ProducerTransport {
    this.producerTransport ??= this.driver.producer();
    return this.producerTransport;
  }

  private admin(): AdminTransport {
    this.adminTransport ??= this.driver.admin();
    return this.adminTransport;
  }

  private sendDeadLetter(dlq: string, raw: RawMessage, reason: string, groupId: string): Promise<void> {
    return this.producer().send(dlq, [
      { key: raw.key, value: raw.value, headers: buildDeadLetterHeaders(raw, reason, groupId, new Date()) },
    ]);
  }

  private assertOpen(): void {
    if (this.closing) {
      throw new Error('kafka client is closed');
    }
  }
}

/** kafkajs wraps the useful cause (ECONNREFUSED, …) in retry errors; show both. */
function describeError(error: unknown): string {
  const message = errorMessage(error);
  const cause = error instanceof Error ? error.cause : undefined;
  return cause === undefined || errorMessage(cause) === message ? message : `${message} (${errorMessage(cause)})`;
}
