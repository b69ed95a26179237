/** Limits on one `keel.metrics.v1` message; they protect the store and the consumer's memory. */
export const MIN_SAMPLES_PER_MESSAGE = 1;
export const MAX_SAMPLES_PER_MESSAGE = 10_000;
export const MAX_LABELS_PER_SERIES = 32;
export const MAX_LABEL_NAME_LENGTH = 128;
export const MAX_LABEL_VALUE_LENGTH = 2048;
export const MAX_SOURCE_LENGTH = 128;

/** Prometheus data model: https://prometheus.io/docs/concepts/data_model/ */
export const METRIC_NAME_PATTERN = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const LABEL_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
