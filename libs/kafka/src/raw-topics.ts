import { randomUUID } from 'node:crypto';
import { createKafkajsDriver } from './kafkajs/kafkajs-driver';
import type { KafkaDriver, OutgoingRecord, ProducerTransport, RawMessage } from './kafka-transport';
import { stderrKafkaLogger, type KafkaSettings } from './kafka-settings';

const READER_GROUP = {
  sessionTimeoutMs: 6000,
  heartbeatIntervalMs: 500,
  rebalanceTimeoutMs: 3000,
  maxWaitTimeMs: 100,
} as const;

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, describe: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(describe())), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Raw access to topics, below the contracts: writes any bytes (tests that need malformed messages) and reads any
 * topic from its beginning (a dead-letter topic holds bytes that are not contracts). Tests and operational tools
 * only; services publish and consume through contracts.
 */
export class RawTopics {
  private readonly driver: KafkaDriver;
  private readonly producer: ProducerTransport;

  constructor(settings: KafkaSettings) {
    this.driver = createKafkajsDriver(
      settings,
      settings.connectionTimeoutMs ?? 3000,
      settings.logger ?? stderrKafkaLogger,
    );
    this.producer = this.driver.producer();
  }

  send(topic: string, records: OutgoingRecord[]): Promise<void> {
    return this.producer.send(topic, records);
  }

  /** Reads `count` messages of `topic` from its beginning with a throwaway group. */
  async read(topic: string, count: number, timeoutMs = 15000): Promise<RawMessage[]> {
    const collected: RawMessage[] = [];
    let enough: () => void = () => undefined;
    const gotEnough = new Promise<void>((resolve) => {
      enough = resolve;
    });
    const reader = this.driver.consumer({
      groupId: `test-reader-${randomUUID()}`,
      topic,
      fromBeginning: true,
      ...READER_GROUP,
    });
    await reader.start(async (batch) => {
      collected.push(...batch.messages);
      if (collected.length >= count) {
        enough();
      }
    });
    try {
      await withTimeout(gotEnough, timeoutMs, () => `expected ${count} messages on ${topic}, got ${collected.length}`);
    } finally {
      await reader.stop();
    }
    return collected;
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
    await this.driver.close();
  }
}
