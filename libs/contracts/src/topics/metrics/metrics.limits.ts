/** Limits on one `keel.metrics.v1` message; they protect the store and the consumer's memory. */
export const MIN_SAMPLES_PER_MESSAGE = 1;
export const MAX_SAMPLES_PER_MESSAGE = 10_000;
export const MAX_LABELS_PER_SERIES = 32;
export const MAX_LABEL_NAME_LENGTH = 128;
export const MAX_LABEL_VALUE_LENGTH = 2048;
export const MAX_METRIC_NAME_LENGTH = 256;
export const MAX_SOURCE_LENGTH = 128;

/**
 * Largest message, as serialized UTF-8 JSON. A schema sees parsed values, not bytes, so this one is checked
 * where the bytes are: the publisher splits before it and the consumer measures the raw record (see
 * `messageSizeProblem`).
 */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * Sample timestamps must fall in [2000-01-01, 2100-01-01) UTC. The range catches the usual unit mistakes:
 * seconds (a 2026 time in seconds reads as January 1970) and microseconds (reads as a year past 50,000).
 */
export const MIN_TIMESTAMP_MS = Date.UTC(2000, 0, 1);
/** Exclusive. */
export const MAX_TIMESTAMP_MS = Date.UTC(2100, 0, 1);

/** Prometheus data model: https://prometheus.io/docs/concepts/data_model/ */
export const METRIC_NAME_PATTERN = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const LABEL_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The reason a serialized message of `bytes` bytes is refused, or undefined when it fits. */
export function messageSizeProblem(bytes: number): string | undefined {
  return bytes > MAX_MESSAGE_BYTES
    ? `message: must be at most ${MAX_MESSAGE_BYTES} bytes serialized, got ${bytes}`
    : undefined;
}

/**
 * What the broker accepts on keel.metrics.v1 (and its .dlq): well above MAX_MESSAGE_BYTES, so a message that is too
 * large still arrives and is dead-lettered with its size as the reason.
 */
export const BROKER_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
