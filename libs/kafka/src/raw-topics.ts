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
  read(topic: string, count: number, timeoutMs = 15000): Promise<RawMessage[]> {
    return this.readUntil(
      topic,
      (messages) => messages.length >= count,
      timeoutMs,
      () => `${count} messages`,
    );
  }

  /** Reads `topic` from its beginning with a throwaway group until `enough` says so about what was read. */
  async readUntil(
    topic: string,
    enough: (messages: readonly RawMessage[]) => boolean,
    timeoutMs = 15000,
    describe: () => string = () => 'the awaited messages',
  ): Promise<RawMessage[]> {
    const collected: RawMessage[] = [];
    let done: () => void = () => undefined;
    const gotEnough = new Promise<void>((resolve) => {
      done = resolve;
    });
    const reader = this.driver.consumer({
      groupId: `test-reader-${randomUUID()}`,
      topic,
      fromBeginning: true,
      ...READER_GROUP,
    });
    await reader.start(async (batch, control) => {
      collected.push(...batch.messages);
      // Commit what was read, or the next fetch starts from the same offset and never gets past this batch.
      const last = batch.messages.at(-1);
      if (last) await control.commitThrough(last.offset);
      if (enough(collected)) done();
    });
    try {
      await withTimeout(
        gotEnough,
        timeoutMs,
        () => `expected ${describe()} on ${topic}, got ${collected.length} message(s)`,
      );
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
