import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseContract, type ParseResult } from '../../parse-contract';
import { MAX_SAMPLES_PER_MESSAGE } from './metrics.limits';
import { metricsTopic } from './metrics.topic';
import { MUTATIONS, seededRandom, validBatch } from './test-support/metrics-batch-generator';

// The fast path must be invisible: for every input, the same verdict as the schema and, when valid, the same
// output down to key order, property flags, -0 and NaN, and the hidden toJSON of non-finite samples.

const fastParse = metricsTopic.fastParse;
const zodOnly = { schema: metricsTopic.schema };
if (fastParse === undefined) {
  throw new Error('keel.metrics.v1 is expected to have a fast path');
}

/** Every observable detail of a value, as text: equal texts mean equal values for anyone using them. */
function anatomy(value: unknown): string {
  return JSON.stringify(describeValue(value));
}

function describeValue(value: unknown): unknown {
  if (value === undefined) {
    return { undefined: true };
  }
  if (typeof value === 'number') {
    return { number: Object.is(value, -0) ? '-0' : String(value) };
  }
  if (typeof value === 'function') {
    return { function: true };
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return {
    kind: Array.isArray(value) ? 'array' : prototype === Object.prototype ? 'object' : 'other',
    properties: Reflect.ownKeys(value).map((key) => {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      return [String(key), descriptor?.enumerable, describeValue(descriptor?.value)];
    }),
  };
}

function outcome(result: ParseResult<unknown>): string {
  return result.ok ? `ok ${anatomy(result.value)} ${JSON.stringify(result.value)}` : `refused: ${result.reason}`;
}

/**
 * Runs both paths and checks they agree (a plain string comparison per case keeps thousands of cases fast);
 * returns the schema's verdict.
 */
function compare(input: unknown, label: string): boolean {
  const fast = fastParse?.(input);
  const zod = metricsTopic.schema.safeParse(input);
  // Whatever the fast path vouches for, the schema accepts with the same output; whatever it leaves to the
  // schema, the schema refuses (exotic inputs the fast path leaves alone are tested apart below).
  const expected = zod.success ? `ok ${anatomy(zod.data)} ${JSON.stringify(zod.data)}` : 'left to the schema';
  const actual = fast === undefined ? 'left to the schema' : outcome(fast);
  if (actual !== expected) {
    expect({ label, fast: actual }).toEqual({ label, fast: expected });
  }
  const viaContract = outcome(parseContract(metricsTopic, input));
  const viaSchema = outcome(parseContract(zodOnly, input));
  if (viaContract !== viaSchema) {
    expect({ label, parseContract: viaContract }).toEqual({ label, parseContract: viaSchema });
  }
  return zod.success;
}

describe('keel.metrics.v1 fast path', () => {
  const dir = join(__dirname, '__golden__');
  const golden = readdirSync(dir).filter((name) => /^(valid|invalid)-.*\.json$/.test(name));

  it.each(golden)('agrees with the schema on golden file %s', (name) => {
    const input: unknown = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    expect(compare(input, name)).toBe(name.startsWith('valid-'));
  });

  it.each([1, 2, 3])('agrees on 1,000 random valid batches and their JSON round trip (seed %i)', (seed) => {
    const random = seededRandom(seed);
    for (let i = 0; i < 1000; i += 1) {
      const batch = validBatch(random);
      expect(compare(batch, `seed ${seed} batch ${i}`)).toBe(true);
      const parsed = parseContract(metricsTopic, batch);
      // What a publisher sends (JSON of the parsed value) is what the consumer's JSON.parse gives back.
      const wire: unknown = JSON.parse(JSON.stringify(parsed.ok ? parsed.value : null));
      expect(compare(wire, `seed ${seed} batch ${i} (wire)`)).toBe(true);
    }
  });

  it.each(MUTATIONS.map((mutation) => [mutation.name, mutation] as const))(
    'refuses, as the schema does, batches with one break: %s',
    (name, mutation) => {
      const random = seededRandom(name.length * 7919);
      const runs = mutation.costly === true ? 1 : 200;
      for (let i = 0; i < runs; i += 1) {
        const batch = validBatch(random);
        mutation.apply(batch, random);
        expect(compare(batch, `${name} #${i}`)).toBe(false);
      }
    },
  );

  it(`accepts exactly ${MAX_SAMPLES_PER_MESSAGE} samples through the fast path`, () => {
    const samples = Array.from({ length: MAX_SAMPLES_PER_MESSAGE }, () => ({ name: 'up', labels: {}, value: 1 }));
    const batch = { source: 'api', sentAt: '2026-11-26T15:00:00Z', samples };
    expect(fastParse(batch)).toMatchObject({ ok: true });
    expect(compare(batch, 'max samples')).toBe(true);
  });

  describe('inputs JSON cannot produce', () => {
    const sample = { name: 'up', labels: { job: 'api' }, value: 1 };
    const batch = (samples: unknown[]): Record<string, unknown> => ({
      source: 'api',
      sentAt: '2026-11-26T15:00:00Z',
      samples,
    });
    const nullPrototypeLabels = Object.assign(Object.create(null) as Record<string, string>, { job: 'api' });
    const hiddenLabel = Object.defineProperty({ job: 'api' }, 'secret', { value: 'x', enumerable: false });
    const inherited = Object.assign(Object.create({ type: 'gauge' }) as Record<string, unknown>, sample);
    class LabelBag {
      job = 'api';
    }

    // Whether the fast path answers itself; where it does not, the schema does (and may accept).
    it.each<[string, unknown, boolean]>([
      ['null-prototype labels', batch([{ ...sample, labels: nullPrototypeLabels }]), true],
      ['a non-enumerable label', batch([{ ...sample, labels: hiddenLabel }]), true],
      ['a field inherited from the prototype', batch([inherited]), true],
      ['labels as a class instance', batch([{ ...sample, labels: new LabelBag() }]), false],
      ['a symbol label key', batch([{ ...sample, labels: { job: 'api', [Symbol('s')]: 'x' } }]), false],
      ['an own __proto__ label', batch([{ ...sample, labels: JSON.parse('{"__proto__":"x"}') as unknown }]), false],
      ['an own __proto__ sample field', batch([Object.assign(JSON.parse('{"__proto__":1}') as object, sample)]), false],
      [
        'an own __proto__ envelope field',
        Object.assign(JSON.parse('{"__proto__":1}') as object, batch([sample])),
        false,
      ],
    ])('gives the same answer as the schema for %s', (_label, input, fastAnswers) => {
      const fast = fastParse(input);
      expect(fast !== undefined).toBe(fastAnswers);
      if (fast !== undefined) {
        expect(outcome(fast)).toBe(outcome(parseContract(zodOnly, input)));
      }
      expect(outcome(parseContract(metricsTopic, input))).toBe(outcome(parseContract(zodOnly, input)));
    });
  });
});
