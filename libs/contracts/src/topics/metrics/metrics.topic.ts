import { z } from 'zod';
import { IsoDateTime, NonEmptyString, whenPresent } from '../../shared/primitives';
import { defineTopic } from '../../topic-contract';
import {
  LABEL_NAME_PATTERN,
  MAX_LABEL_NAME_LENGTH,
  MAX_LABEL_VALUE_LENGTH,
  MAX_LABELS_PER_SERIES,
  MAX_SAMPLES_PER_MESSAGE,
  MAX_SOURCE_LENGTH,
  METRIC_NAME_PATTERN,
  MIN_SAMPLES_PER_MESSAGE,
} from './metrics.limits';
import { SampleValue } from './sample-value';

export const MetricType = z.enum(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
export type MetricType = z.output<typeof MetricType>;

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

export const Sample = z.object({
  name: z.string().regex(METRIC_NAME_PATTERN, { error: `must match ${METRIC_NAME_PATTERN.source}` }),
  labels: Labels,
  value: SampleValue,
  /** Milliseconds since the epoch; the consumer uses the receive time when absent. */
  timestampMs: z.int({ error: whenPresent('must be an integer (milliseconds since the epoch)') }).optional(),
  type: MetricType.optional(),
});
export type Sample = z.output<typeof Sample>;

export const MetricsBatch = z.object({
  source: NonEmptyString.max(MAX_SOURCE_LENGTH, { error: `must be at most ${MAX_SOURCE_LENGTH} characters` }),
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

export const metricsTopic = defineTopic({
  topic: 'keel.metrics.v1',
  version: 1,
  description: 'Batches of Prometheus-style samples published by services; consumed by the metrics service.',
  schema: MetricsBatch,
  key: (batch) => batch.source,
});
