import { parseContract } from '../../parse-contract';
import {
  MAX_LABEL_NAME_LENGTH,
  MAX_LABEL_VALUE_LENGTH,
  MAX_LABELS_PER_SERIES,
  MAX_SAMPLES_PER_MESSAGE,
  MAX_METRIC_NAME_LENGTH,
  MAX_MESSAGE_BYTES,
  MAX_SOURCE_LENGTH,
  MAX_TIMESTAMP_MS,
  MIN_TIMESTAMP_MS,
  messageSizeProblem,
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

  describe('unknown fields', () => {
    it('refuses one in the envelope, naming it', () => {
      expect(reasonOf({ ...batch([sample()]), compression: 'none' })).toBe('compression: unknown field');
    });

    it('refuses each one in a sample, naming it at its path', () => {
      const extra = { ...sample(), unit: 'seconds', timestamp: 1 };
      expect(reasonOf(batch([sample(), extra]))).toBe(
        'samples[1].unit: unknown field; samples[1].timestamp: unknown field',
      );
    });

    it('treats every key of labels as a label, not as an unknown field', () => {
      expect(parseContract(metricsTopic, batch([sample({ labels: { unit: 'x', timestamp: 'y' } })])).ok).toBe(true);
    });
  });

  describe('timestampMs', () => {
    it.each([
      [MIN_TIMESTAMP_MS, '2000-01-01'],
      [MAX_TIMESTAMP_MS - 1, 'the last millisecond of 2099'],
      [Date.UTC(2026, 10, 26), '2026'],
    ])('accepts %p (%s)', (timestampMs) => {
      expect(parseContract(metricsTopic, batch([sample({ timestampMs })])).ok).toBe(true);
    });

    it.each([
      [MIN_TIMESTAMP_MS - 1, 'before 2000'],
      [MAX_TIMESTAMP_MS, '2100'],
      [1_795_705_200, 'seconds instead of milliseconds'],
      [1_795_705_200_000_000, 'microseconds'],
      [-1, 'negative'],
    ])('refuses %p (%s) with the accepted range in the reason', (timestampMs) => {
      expect(reasonOf(batch([sample({ timestampMs })]))).toBe(
        `samples[0].timestampMs: must be milliseconds since the epoch in the years 2000..2099 (946684800000 <= t < 4102444800000), got ${timestampMs}`,
      );
    });

    it.each([[1_795_705_200_000.5], [2 ** 53]])('refuses %p as not a safe integer', (timestampMs) => {
      expect(reasonOf(batch([sample({ timestampMs })]))).toBe(
        'samples[0].timestampMs: must be an integer (milliseconds since the epoch)',
      );
    });

    it('refuses a string', () => {
      expect(reasonOf(batch([sample({ timestampMs: '1795705200000' as unknown as number })]))).toBe(
        'samples[0].timestampMs: must be a number (milliseconds since the epoch)',
      );
    });
  });

  describe('metric names', () => {
    it('refuses an empty one with one reason', () => {
      expect(reasonOf(batch([sample({ name: '' })]))).toBe('samples[0].name: must not be empty');
    });

    it(`refuses one longer than ${MAX_METRIC_NAME_LENGTH} characters`, () => {
      expect(parseContract(metricsTopic, batch([sample({ name: 'n'.repeat(MAX_METRIC_NAME_LENGTH) })])).ok).toBe(true);
      expect(reasonOf(batch([sample({ name: 'n'.repeat(MAX_METRIC_NAME_LENGTH + 1) })]))).toBe(
        `samples[0].name: must be at most ${MAX_METRIC_NAME_LENGTH} characters`,
      );
    });

    it('requires one', () => {
      expect(reasonOf(batch([{ labels: {}, value: 1 } as unknown as SampleInput]))).toBe('samples[0].name: required');
    });
  });

  it('serializes a parsed batch back into a valid message, special values spelt as Prometheus does', () => {
    const input = batch([
      sample({ value: 'NaN' }),
      sample({ value: 2, timestampMs: MIN_TIMESTAMP_MS }),
      sample({ value: '-Inf' }),
    ]);
    const parsed = parseContract(metricsTopic, input);
    if (!parsed.ok) throw new Error(parsed.reason);
    const wire = JSON.parse(JSON.stringify(parsed.value)) as unknown;
    expect(wire).toEqual(input);
    expect(Object.keys(parsed.value.samples[0] ?? {})).toEqual(['name', 'labels', 'value']);
  });

  it(`states the reason for a message over ${MAX_MESSAGE_BYTES} bytes`, () => {
    expect(messageSizeProblem(MAX_MESSAGE_BYTES)).toBeUndefined();
    expect(messageSizeProblem(5_000_000)).toBe(
      `message: must be at most ${MAX_MESSAGE_BYTES} bytes serialized, got 5000000`,
    );
  });

  it('accepts a sentAt with an offset and refuses one without a time', () => {
    expect(parseContract(metricsTopic, { ...batch([sample()]), sentAt: '2026-11-26T16:00:00+01:00' }).ok).toBe(true);
    expect(reasonOf({ ...batch([sample()]), sentAt: '2026-11-26' })).toBe('sentAt: must be an ISO 8601 date-time');
  });
});
