import { randomUUID } from 'node:crypto';

/** Header carrying the correlation id on HTTP requests and Kafka messages. */
export const CORRELATION_HEADER = 'x-correlation-id';

// Same rule as CorrelationId in @keel/contracts (a test keeps them equal): safe in headers and log lines.
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function newCorrelationId(): string {
  return randomUUID();
}

/**
 * The id a caller sent, if it is safe to propagate; otherwise undefined and the caller makes a new one.
 * Takes what transports hand over: a string, a Kafka header Buffer, or a repeated HTTP header (first wins).
 */
export function sanitizeCorrelationId(raw: unknown): string | undefined {
  const value = Array.isArray(raw) ? (raw as unknown[])[0] : raw;
  const text = Buffer.isBuffer(value) ? value.toString('utf8') : value;
  return typeof text === 'string' && CORRELATION_ID.test(text) ? text : undefined;
}

/** The sanitized incoming id, or a fresh one. */
export function correlationIdFrom(raw: unknown): string {
  return sanitizeCorrelationId(raw) ?? newCorrelationId();
}
