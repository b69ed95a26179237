// Helpers for this lib's integration tests against the real broker. They speak our transport port, so the
// tests can write malformed bytes and read dead-letter topics without touching kafkajs directly.
import { randomUUID } from 'node:crypto';
import type { KafkaLogger, KafkaSettings } from '../kafka-settings';

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

export { RawTopics } from '../raw-topics';

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
