// Helpers for this lib's integration tests against the real broker. They speak our transport port, so the
// tests can write malformed bytes and read dead-letter topics without touching kafkajs directly.
import { randomUUID } from 'node:crypto';
import { createKafkajsDriver } from '../kafkajs/kafkajs-driver';
import type { KafkaLogger, KafkaSettings } from '../kafka-settings';
import type { KafkaDriver, OutgoingRecord, ProducerTransport, RawMessage } from '../kafka-transport';

export const KAFKA_BROKER = process.env['KEEL_KAFKA_BROKERS'] ?? '127.0.0.1:9092';

/** Collects warnings and errors so a test can assert on them; silent otherwise. */
export class CapturingLogger implements KafkaLogger {
  readonly lines: { level: string; msg: string; meta?: Record<string, unknown> }[] = [];
  debug(): void {
    // Debug and info detail is not asserted on; keeping it would only fill memory.
  }
  info(): void {
    // See debug.
  }
  warn(msg: string, meta?: Record<string, unknown>): void {
    this.lines.push({ level: 'warn', msg, meta });
  }
  error(msg: string, meta?: Record<string, unknown>): void {
    this.lines.push({ level: 'error', msg, meta });
  }
}

export function testSettings(logger: KafkaLogger = new CapturingLogger()): KafkaSettings {
  return { brokers: [KAFKA_BROKER], clientId: `keel-kafka-test-${randomUUID().slice(0, 8)}`, logger };
}

/** Group settings that keep joins and shutdowns fast on a one-node test broker. */
export const FAST_GROUP = {
  sessionTimeoutMs: 6000,
  heartbeatIntervalMs: 500,
  rebalanceTimeoutMs: 3000,
  maxWaitTimeMs: 100,
} as const;

/** Raw access to topics through our transport port: writes any bytes, reads any topic from its beginning. */
export class RawTopics {
  private readonly driver: KafkaDriver;
  private readonly producer: ProducerTransport;

  constructor(settings: KafkaSettings) {
    this.driver = createKafkajsDriver(settings, 3000, settings.logger ?? new CapturingLogger());
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
      ...FAST_GROUP,
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

export async function waitFor(
  what: string,
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 15000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

export function deferred<T = void>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message())), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
