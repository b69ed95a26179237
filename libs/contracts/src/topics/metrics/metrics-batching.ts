import { MAX_MESSAGE_BYTES, MAX_SAMPLES_PER_MESSAGE } from './metrics.limits';
import type { MetricsBatchInput, SampleInput } from './metrics.topic';
import { encodeSampleValue } from './sample-value';

export interface BatchingOptions {
  /** Default: now. */
  sentAt?: string;
  /** Default and ceiling: MAX_SAMPLES_PER_MESSAGE. */
  maxSamplesPerMessage?: number;
  /** Serialized UTF-8 bytes of one whole message; default and ceiling: MAX_MESSAGE_BYTES. */
  maxMessageBytes?: number;
}

/** A sample as it travels: numeric NaN/±Inf (which JSON cannot carry) become "NaN", "+Inf", "-Inf". */
export function toWireSample(sample: SampleInput): SampleInput {
  return typeof sample.value === 'number' && !Number.isFinite(sample.value)
    ? { ...sample, value: encodeSampleValue(sample.value) }
    : sample;
}

/**
 * Splits samples, in order, into as few `keel.metrics.v1` messages as the sample and byte limits allow.
 * Sizes are exact: they are the lengths of the JSON the publisher will send. Values are not validated here.
 */
export function splitIntoBatches(
  source: string,
  samples: readonly SampleInput[],
  options: BatchingOptions = {},
): MetricsBatchInput[] {
  const sentAt = options.sentAt ?? new Date().toISOString();
  const maxSamples = Math.min(options.maxSamplesPerMessage ?? MAX_SAMPLES_PER_MESSAGE, MAX_SAMPLES_PER_MESSAGE);
  const maxBytes = Math.min(options.maxMessageBytes ?? MAX_MESSAGE_BYTES, MAX_MESSAGE_BYTES);
  const envelopeBytes = utf8Length(JSON.stringify({ source, sentAt, samples: [] }));

  const batches: MetricsBatchInput[] = [];
  let current: SampleInput[] = [];
  let currentBytes = envelopeBytes;
  samples.forEach((input, index) => {
    const sample = toWireSample(input);
    const sampleBytes = utf8Length(JSON.stringify(sample));
    if (envelopeBytes + sampleBytes > maxBytes) {
      throw new RangeError(
        `sample [${index}] (${sample.name}) is ${sampleBytes} bytes serialized; with its envelope it exceeds the message limit of ${maxBytes} bytes`,
      );
    }
    const separator = current.length > 0 ? 1 : 0;
    if (current.length >= maxSamples || currentBytes + separator + sampleBytes > maxBytes) {
      batches.push({ source, sentAt, samples: current });
      current = [];
      currentBytes = envelopeBytes;
    }
    currentBytes += (current.length > 0 ? 1 : 0) + sampleBytes;
    current.push(sample);
  });
  if (current.length > 0) {
    batches.push({ source, sentAt, samples: current });
  }
  return batches;
}

/** Byte length of a string's UTF-8 encoding, without Buffer (contracts also run outside Node). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}
