import { z } from 'zod';
import { IsoDateTime, NonEmptyString, whenPresent } from '../../shared/primitives';
import { defineTopic } from '../../topic-contract';
import { closedObject } from './closed-object';
import { metricsFastParse } from './metrics-fast-parse';
import {
  BROKER_MAX_MESSAGE_BYTES,
  LABEL_NAME_PATTERN,
  MAX_MESSAGE_BYTES,
  MAX_LABEL_NAME_LENGTH,
  MAX_LABEL_VALUE_LENGTH,
  MAX_LABELS_PER_SERIES,
  MAX_METRIC_NAME_LENGTH,
  MAX_SAMPLES_PER_MESSAGE,
  MAX_SOURCE_LENGTH,
  MAX_TIMESTAMP_MS,
  METRIC_NAME_PATTERN,
  MIN_SAMPLES_PER_MESSAGE,
  MIN_TIMESTAMP_MS,
} from './metrics.limits';
import { keepWireForm, SampleValue } from './sample-value';

export const MetricType = z.enum(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
export type MetricType = z.output<typeof MetricType>;

export const MetricName = z
  .string()
  .min(1, { error: 'must not be empty', abort: true })
  .max(MAX_METRIC_NAME_LENGTH, { error: `must be at most ${MAX_METRIC_NAME_LENGTH} characters`, abort: true })
  .regex(METRIC_NAME_PATTERN, { error: `must match ${METRIC_NAME_PATTERN.source}` });

export const LabelName = z
  .string()
  .max(MAX_LABEL_NAME_LENGTH, { error: `label name must be at most ${MAX_LABEL_NAME_LENGTH} characters` })
  .regex(LABEL_NAME_PATTERN, { error: `label name must match ${LABEL_NAME_PATTERN.source}` })
  .refine((name) => !name.startsWith('__'), { error: 'label names starting with "__" are reserved' });

export const LabelValue = z
  .string()
  .max(MAX_LABEL_VALUE_LENGTH, { error: `label value must be at most ${MAX_LABEL_VALUE_LENGTH} characters` });

export const Labels = z.record(LabelName, LabelValue).superRefine((labels, ctx) => {
  const count = Object.keys(labels).length;
  if (count > MAX_LABELS_PER_SERIES) {
    ctx.addIssue({ code: 'custom', message: `at most ${MAX_LABELS_PER_SERIES} labels per series, got ${count}` });
  }
});

/** Milliseconds since the epoch, as an integer in the sane range of metrics.limits.ts. */
export const TimestampMs = z
  .number({ error: whenPresent('must be a number (milliseconds since the epoch)') })
  .int({ error: 'must be an integer (milliseconds since the epoch)', abort: true })
  .refine((ms) => ms >= MIN_TIMESTAMP_MS && ms < MAX_TIMESTAMP_MS, {
    error: (issue) =>
      `must be milliseconds since the epoch in the years 2000..2099 (${MIN_TIMESTAMP_MS} <= t < ${MAX_TIMESTAMP_MS}), got ${String(issue.input)}`,
  });

const SampleShape = closedObject({
  name: MetricName,
  labels: Labels,
  value: SampleValue,
  /** The consumer uses the receive time when absent. */
  timestampMs: TimestampMs.optional(),
  type: MetricType.optional(),
});

export const Sample = SampleShape.transform(keepWireForm);
export type Sample = z.output<typeof Sample>;
export type SampleInput = z.input<typeof Sample>;

const Source = NonEmptyString.max(MAX_SOURCE_LENGTH, { error: `must be at most ${MAX_SOURCE_LENGTH} characters` });

export const MetricsBatch = closedObject({
  source: Source,
  sentAt: IsoDateTime,
  samples: z
    .array(Sample)
    .min(MIN_SAMPLES_PER_MESSAGE, { error: `must contain at least ${MIN_SAMPLES_PER_MESSAGE} sample` })
    .superRefine((samples, ctx) => {
      if (samples.length > MAX_SAMPLES_PER_MESSAGE) {
        ctx.addIssue({
          code: 'custom',
          message: `must contain at most ${MAX_SAMPLES_PER_MESSAGE} samples per message, got ${samples.length}`,
        });
      }
    }),
});
export type MetricsBatch = z.output<typeof MetricsBatch>;
export type MetricsBatchInput = z.input<typeof MetricsBatch>;

/**
 * `keel.metrics.v1`: strict, unlike the other topics — an unknown field is refused (and dead-lettered by the
 * consumer) because a misspelt `timestamp` or `unit` would otherwise be dropped silently.
 */
export const metricsTopic = defineTopic({
  topic: 'keel.metrics.v1',
  version: 1,
  description: 'Batches of Prometheus-style samples published by services; consumed by the metrics service.',
  schema: MetricsBatch,
  // The ingest hot path: zod costs several µs per sample, this check a fraction of one (same verdicts, same output).
  fastParse: metricsFastParse({ source: Source, sentAt: IsoDateTime, metricTypes: MetricType.options }),
  maxMessageBytes: MAX_MESSAGE_BYTES,
  topicConfig: { 'max.message.bytes': String(BROKER_MAX_MESSAGE_BYTES) },
  key: (batch) => batch.source,
});
