import { parseContract } from '../../parse-contract';
import {
  MAX_LABEL_NAME_LENGTH,
  MAX_LABEL_VALUE_LENGTH,
  MAX_LABELS_PER_SERIES,
  MAX_SAMPLES_PER_MESSAGE,
  MAX_SOURCE_LENGTH,
} from './metrics.limits';
import { type MetricsBatchInput, metricsTopic } from './metrics.topic';

type SampleInput = MetricsBatchInput['samples'][number];

function batch(samples: SampleInput[], source = 'identity'): MetricsBatchInput {
  return { source, sentAt: '2026-11-26T15:00:00Z', samples };
}

function sample(overrides: Partial<SampleInput> = {}): SampleInput {
  return { name: 'up', labels: {}, value: 1, ...overrides };
}

function labels(count: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`l${i}`, 'v']));
}

function reasonOf(input: unknown): string {
  const result = parseContract(metricsTopic, input);
  if (result.ok) {
    throw new Error('expected the message to be refused');
  }
  return result.reason;
}

describe('keel.metrics.v1', () => {
  it('partitions by source', () => {
    const result = parseContract(metricsTopic, batch([sample()], 'billing'));
    expect(result.ok && metricsTopic.key(result.value)).toBe('billing');
  });

  it('turns the Prometheus spellings of NaN and infinities into numbers', () => {
    const result = parseContract(
      metricsTopic,
      batch([sample({ value: 'NaN' }), sample({ value: '+Inf' }), sample({ value: '-Inf' }), sample({ value: -3.5 })]),
    );
    expect(result.ok && result.value.samples.map((s) => s.value)).toEqual([
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      -3.5,
    ]);
  });

  it.each([['Infinity'], ['nan'], [Number.POSITIVE_INFINITY], [null], [true]])('refuses the value %p', (value) => {
    expect(reasonOf(batch([sample({ value: value as number })]))).toBe(
      'samples[0].value: must be a finite number or one of "NaN", "+Inf", "-Inf"',
    );
  });

  it('accepts metric names with colons and refuses ones starting with a digit', () => {
    expect(parseContract(metricsTopic, batch([sample({ name: 'job:http_requests:rate5m' })])).ok).toBe(true);
    expect(reasonOf(batch([sample({ name: '5xx_total' })]))).toBe(
      'samples[0].name: must match ^[a-zA-Z_:][a-zA-Z0-9_:]*$',
    );
  });

  describe('limits', () => {
    it(`accepts ${MAX_SAMPLES_PER_MESSAGE} samples and refuses one more`, () => {
      const max = Array.from({ length: MAX_SAMPLES_PER_MESSAGE }, () => sample());
      expect(parseContract(metricsTopic, batch(max)).ok).toBe(true);
      expect(reasonOf(batch([...max, sample()]))).toBe(
        `samples: must contain at most ${MAX_SAMPLES_PER_MESSAGE} samples per message, got ${MAX_SAMPLES_PER_MESSAGE + 1}`,
      );
    });

    it('refuses an empty batch', () => {
      expect(reasonOf(batch([]))).toBe('samples: must contain at least 1 sample');
    });

    it(`accepts ${MAX_LABELS_PER_SERIES} labels per series and refuses one more`, () => {
      expect(parseContract(metricsTopic, batch([sample({ labels: labels(MAX_LABELS_PER_SERIES) })])).ok).toBe(true);
      expect(reasonOf(batch([sample(), sample({ labels: labels(MAX_LABELS_PER_SERIES + 1) })]))).toBe(
        `samples[1].labels: at most ${MAX_LABELS_PER_SERIES} labels per series, got ${MAX_LABELS_PER_SERIES + 1}`,
      );
    });

    it(`accepts label names of ${MAX_LABEL_NAME_LENGTH} characters and refuses longer`, () => {
      const longest = 'n'.repeat(MAX_LABEL_NAME_LENGTH);
      expect(parseContract(metricsTopic, batch([sample({ labels: { [longest]: 'v' } })])).ok).toBe(true);
      expect(reasonOf(batch([sample({ labels: { [`${longest}n`]: 'v' } })]))).toBe(
        `samples[0].labels.${longest}n: label name must be at most ${MAX_LABEL_NAME_LENGTH} characters`,
      );
    });

    it(`accepts label values of ${MAX_LABEL_VALUE_LENGTH} characters and refuses longer`, () => {
      const longest = 'v'.repeat(MAX_LABEL_VALUE_LENGTH);
      expect(parseContract(metricsTopic, batch([sample({ labels: { path: longest } })])).ok).toBe(true);
      expect(reasonOf(batch([sample({ labels: { path: `${longest}v` } })]))).toBe(
        `samples[0].labels.path: label value must be at most ${MAX_LABEL_VALUE_LENGTH} characters`,
      );
    });

    it(`refuses a source longer than ${MAX_SOURCE_LENGTH} characters`, () => {
      expect(parseContract(metricsTopic, batch([sample()], 's'.repeat(MAX_SOURCE_LENGTH))).ok).toBe(true);
      expect(reasonOf(batch([sample()], 's'.repeat(MAX_SOURCE_LENGTH + 1)))).toBe(
        `source: must be at most ${MAX_SOURCE_LENGTH} characters`,
      );
    });
  });

  it('refuses label names reserved for Prometheus and names with dashes', () => {
    expect(reasonOf(batch([sample({ labels: { __meta_x: 'v' } })]))).toBe(
      'samples[0].labels.__meta_x: label names starting with "__" are reserved',
    );
    expect(reasonOf(batch([sample({ labels: { 'a-b': 'v' } })]))).toBe(
      'samples[0].labels["a-b"]: label name must match ^[a-zA-Z_][a-zA-Z0-9_]*$',
    );
  });

  it('accepts a sentAt with an offset and refuses one without a time', () => {
    expect(parseContract(metricsTopic, { ...batch([sample()]), sentAt: '2026-11-26T16:00:00+01:00' }).ok).toBe(true);
    expect(reasonOf({ ...batch([sample()]), sentAt: '2026-11-26' })).toBe('sentAt: must be an ISO 8601 date-time');
  });
});
