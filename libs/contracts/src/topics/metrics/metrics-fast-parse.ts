import type { FastParse } from '../../topic-contract';
import {
  LABEL_NAME_PATTERN,
  MAX_LABEL_NAME_LENGTH,
  MAX_LABEL_VALUE_LENGTH,
  MAX_LABELS_PER_SERIES,
  MAX_METRIC_NAME_LENGTH,
  MAX_SAMPLES_PER_MESSAGE,
  MAX_TIMESTAMP_MS,
  METRIC_NAME_PATTERN,
  MIN_SAMPLES_PER_MESSAGE,
  MIN_TIMESTAMP_MS,
} from './metrics.limits';
// Types only: metrics.topic.ts builds this parser, so a value import would be a cycle.
import type { MetricsBatch, MetricType, Sample } from './metrics.topic';
import { keepWireForm, SPECIAL_SAMPLE_VALUES } from './sample-value';

/** A schema for one string field, used as is: the envelope is checked once per message, so zod is cheap there. */
interface StringField {
  safeParse(value: unknown): { success: boolean };
}

export interface MetricsFastParseFields {
  source: StringField;
  sentAt: StringField;
  metricTypes: readonly MetricType[];
}

type Fields = Record<string, unknown>;

/**
 * The hot path of `keel.metrics.v1`: the same verdict and the same output as the MetricsBatch schema for every
 * batch it accepts, about twenty times cheaper per sample. It answers undefined (and the schema decides, with its
 * precise reason) at the first thing it does not like, and also for inputs JSON cannot produce that it does not
 * bother to mirror (an own `__proto__` key, symbol keys, unusual prototypes). Kept honest by
 * metrics-fast-parse.spec.ts, which runs the golden files and thousands of generated batches through both.
 */
export function metricsFastParse(fields: MetricsFastParseFields): FastParse<MetricsBatch> {
  const metricTypes = new Set<unknown>(fields.metricTypes);

  function sampleOf(input: unknown): Sample | undefined {
    if (!isObject(input)) {
      return undefined;
    }
    // Inherited enumerable keys count too: the schema finds unknown fields with for…in.
    for (const key in input) {
      if (key !== 'name' && key !== 'labels' && key !== 'value' && key !== 'timestampMs' && key !== 'type') {
        return undefined;
      }
    }
    const name = input.name;
    if (
      typeof name !== 'string' ||
      name.length === 0 ||
      name.length > MAX_METRIC_NAME_LENGTH ||
      !METRIC_NAME_PATTERN.test(name)
    ) {
      return undefined;
    }
    const labels = labelsOf(input.labels);
    if (labels === undefined) {
      return undefined;
    }
    const raw = input.value;
    let value: number;
    if (typeof raw === 'number') {
      if (!Number.isFinite(raw)) {
        return undefined;
      }
      value = raw;
    } else if (raw === 'NaN' || raw === '+Inf' || raw === '-Inf') {
      value = SPECIAL_SAMPLE_VALUES[raw];
    } else {
      return undefined;
    }
    // Output keys in the schema's shape order, whatever the input order: JSON.stringify of the result must match.
    const sample: Sample = { name, labels, value };
    const timestampMs = input.timestampMs;
    if (timestampMs !== undefined && !isTimestampMs(timestampMs)) {
      return undefined;
    }
    // An optional key present with the value undefined is kept, as the schema keeps it.
    if ('timestampMs' in input) {
      sample.timestampMs = timestampMs;
    }
    const type = input.type;
    if (type !== undefined && !metricTypes.has(type)) {
      return undefined;
    }
    if ('type' in input) {
      sample.type = type as MetricType | undefined;
    }
    return Number.isFinite(value) ? sample : keepWireForm(sample);
  }

  return (input) => {
    if (!isObject(input)) {
      return undefined;
    }
    for (const key in input) {
      if (key !== 'source' && key !== 'sentAt' && key !== 'samples') {
        return undefined;
      }
    }
    const { source, sentAt, samples } = input;
    if (
      typeof source !== 'string' ||
      typeof sentAt !== 'string' ||
      !Array.isArray(samples) ||
      samples.length < MIN_SAMPLES_PER_MESSAGE ||
      samples.length > MAX_SAMPLES_PER_MESSAGE ||
      !fields.source.safeParse(source).success ||
      !fields.sentAt.safeParse(sentAt).success
    ) {
      return undefined;
    }
    const parsed = new Array<Sample>(samples.length);
    for (let i = 0; i < samples.length; i += 1) {
      const sample = sampleOf(samples[i]);
      if (sample === undefined) {
        return undefined;
      }
      parsed[i] = sample;
    }
    return { ok: true, value: { source, sentAt, samples: parsed } };
  };
}

function labelsOf(input: unknown): Record<string, string> | undefined {
  if (!isObject(input) || !hasPlainPrototype(input)) {
    return undefined;
  }
  const names = Object.keys(input);
  // The schema also reads enumerable symbol keys (and refuses them); Object.keys does not see them.
  if (names.length > MAX_LABELS_PER_SERIES || Object.getOwnPropertySymbols(input).length > 0) {
    return undefined;
  }
  const labels: Record<string, string> = {};
  for (const name of names) {
    const value = input[name];
    if (
      name.length > MAX_LABEL_NAME_LENGTH ||
      !LABEL_NAME_PATTERN.test(name) ||
      name.startsWith('__') ||
      typeof value !== 'string' ||
      (value.length > MAX_LABEL_VALUE_LENGTH && codePoints(value) > MAX_LABEL_VALUE_LENGTH)
    ) {
      return undefined;
    }
    labels[name] = value;
  }
  return labels;
}

/**
 * zod measures string lengths in code points: a surrogate pair counts once, a lone surrogate once. Names need no
 * such care: their patterns allow ASCII only, so units and code points agree whenever the pattern matches.
 */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i += 1) {
    if ((text.charCodeAt(i) & 0xfc00) === 0xd800 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      count -= 1;
      i += 1;
    }
  }
  return count;
}

function isTimestampMs(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_TIMESTAMP_MS && value < MAX_TIMESTAMP_MS;
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Records accept plain objects only. The cases kept here are the ones the schema surely calls plain (a JSON
 * object, a null-prototype object); anything else is left to the schema.
 */
function hasPlainPrototype(value: Fields): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    return false;
  }
  const constructor = value.constructor;
  return typeof constructor !== 'function' || constructor === Object;
}
