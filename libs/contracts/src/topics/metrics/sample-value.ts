import { z } from 'zod';
import { whenPresent } from '../../shared/primitives';

/**
 * JSON has no NaN or Infinity, so they travel as the strings Prometheus itself prints. Parsed to a
 * plain number: NaN, Infinity and -Infinity are valid sample values (stale markers, +Inf buckets).
 */
export const SPECIAL_SAMPLE_VALUES = {
  NaN: Number.NaN,
  '+Inf': Number.POSITIVE_INFINITY,
  '-Inf': Number.NEGATIVE_INFINITY,
} as const;

export type SpecialSampleValue = keyof typeof SPECIAL_SAMPLE_VALUES;

export const SampleValue = z
  .union([z.number(), z.enum(['NaN', '+Inf', '-Inf'])], {
    error: whenPresent('must be a finite number or one of "NaN", "+Inf", "-Inf"'),
  })
  .transform((value): number => (typeof value === 'number' ? value : SPECIAL_SAMPLE_VALUES[value]));

/** The wire form of a number: itself when finite, else the Prometheus spelling (inverse of SampleValue). */
export function encodeSampleValue(value: number): number | SpecialSampleValue {
  if (Number.isFinite(value)) {
    return value;
  }
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  return value > 0 ? '+Inf' : '-Inf';
}

/**
 * A parsed NaN or infinity would serialize as `null`; such a sample carries a hidden toJSON that writes the
 * Prometheus spelling back, so JSON.stringify of a parsed batch is again a valid message (publishers
 * serialize what they validated). Finite samples stay plain objects: ingest parses millions of them.
 */
export function keepWireForm<T extends { value: number }>(sample: T): T {
  if (!Number.isFinite(sample.value)) {
    Object.defineProperty(sample, 'toJSON', {
      enumerable: false,
      value: () => ({ ...sample, value: encodeSampleValue(sample.value) }),
    });
  }
  return sample;
}
