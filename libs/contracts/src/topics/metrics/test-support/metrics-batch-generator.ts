// Random keel.metrics.v1 batches for the fast-path equivalence test: valid ones that wander over every limit's
// edge, and mutations that each break exactly one rule of the schema.
import {
  MAX_LABEL_NAME_LENGTH,
  MAX_LABEL_VALUE_LENGTH,
  MAX_LABELS_PER_SERIES,
  MAX_METRIC_NAME_LENGTH,
  MAX_SAMPLES_PER_MESSAGE,
  MAX_SOURCE_LENGTH,
  MAX_TIMESTAMP_MS,
  MIN_TIMESTAMP_MS,
} from '../metrics.limits';

type Json = Record<string, unknown>;

export interface Random {
  /** In [0, 1). */
  next(): number;
  int(minInclusive: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
}

/** mulberry32: small, fast and reproducible from its seed. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T,
    chance: (probability) => next() < probability,
  };
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const METRIC_FIRST = [...`${LETTERS}_:`];
const METRIC_REST = [...`${LETTERS}${DIGITS}_:`];
const LABEL_FIRST = [...`${LETTERS}_`];
const LABEL_REST = [...`${LETTERS}${DIGITS}_`];
// Label values are free text: spaces, quotes, escapes, accents, a surrogate pair (two UTF-16 units, one code
// point) and lone surrogates (which may meet to form a pair).
const VALUE_CHARS = [...`${LETTERS}${DIGITS} -_./:"\\\n\t`, 'é', '€', '😀', '\u0000', '\ud83d', '\ude00'];
const SOURCE_CHARS = [...`${LETTERS}${DIGITS}-_.`];
const METRIC_TYPES = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];
const VALID_SENT_AT = [
  '2026-11-26T15:00:00Z',
  '2026-11-26T16:00:00+01:00',
  '2026-11-26T15:00:00.123Z',
  '2026-02-28T23:59:59.999999-05:30',
  '2000-01-01T00:00:00Z',
];

function text(random: Random, chars: readonly string[], length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += random.pick(chars);
  return out;
}

/** A length mostly small, sometimes exactly at the limit. */
function lengthUpTo(random: Random, max: number, typicalMax: number, min = 1, atLimit = 0.05): number {
  return random.chance(atLimit) ? max : random.int(min, Math.min(typicalMax, max));
}

function metricName(random: Random, length = lengthUpTo(random, MAX_METRIC_NAME_LENGTH, 40)): string {
  return random.pick(METRIC_FIRST) + text(random, METRIC_REST, length - 1);
}

function labelName(random: Random, length = lengthUpTo(random, MAX_LABEL_NAME_LENGTH, 16)): string {
  const first = random.pick(LABEL_FIRST);
  // `_x` is a fine label name; only `__` is reserved.
  const second = first === '_' ? random.pick([...LETTERS]) : random.pick(LABEL_REST);
  return length === 1 ? first : first + second + text(random, LABEL_REST, length - 2);
}

function labelValue(random: Random): string {
  // Long values are what costs the test its time, so the limit comes up less often here.
  if (random.chance(0.01)) {
    // Exactly at the limit: zod counts code points, so these are twice as many UTF-16 units.
    return '😀'.repeat(MAX_LABEL_VALUE_LENGTH);
  }
  return text(random, VALUE_CHARS, lengthUpTo(random, MAX_LABEL_VALUE_LENGTH, 24, 0, 0.01));
}

function labels(random: Random, count: number): Record<string, string> {
  const out: Record<string, string> = {};
  while (Object.keys(out).length < count) {
    out[labelName(random)] = labelValue(random);
  }
  return out;
}

function sampleValue(random: Random): number | string {
  return random.pick<() => number | string>([
    () => random.int(-1000, 1_000_000),
    () => (random.next() - 0.5) * 10 ** random.int(-300, 300),
    () => random.pick([0, -0, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER + 2]),
    () => random.pick(['NaN', '+Inf', '-Inf']),
  ])();
}

function timestampMs(random: Random): number {
  return random.pick([MIN_TIMESTAMP_MS, MAX_TIMESTAMP_MS - 1, random.int(MIN_TIMESTAMP_MS, MAX_TIMESTAMP_MS - 1)]);
}

/** Fields in a random order: the parsed output must come out in the schema's order regardless. */
function shuffled(fields: [string, unknown][], random: Random): Json {
  for (let i = fields.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [fields[i], fields[j]] = [fields[j] as [string, unknown], fields[i] as [string, unknown]];
  }
  return Object.fromEntries(fields);
}

export function validSample(random: Random): Json {
  const count = random.chance(0.05) ? MAX_LABELS_PER_SERIES : random.int(0, 5);
  const fields: [string, unknown][] = [
    ['name', metricName(random)],
    ['labels', labels(random, count)],
    ['value', sampleValue(random)],
  ];
  if (random.chance(0.6)) fields.push(['timestampMs', timestampMs(random)]);
  if (random.chance(0.3)) fields.push(['type', random.pick(METRIC_TYPES)]);
  // Not JSON, but a producer's object can carry an optional field set to undefined; the schema keeps the key.
  if (random.chance(0.05)) fields.push([random.pick(['timestampMs', 'type']), undefined]);
  return shuffled(fields, random);
}

export function validBatch(random: Random): Json {
  // The sample-count limit has its own test: a 10,000-sample batch here would cost more than all the others.
  const count = random.int(1, 12);
  let middle = text(random, SOURCE_CHARS, lengthUpTo(random, MAX_SOURCE_LENGTH - 2, 14, 0));
  if (middle !== '' && random.chance(0.3)) {
    middle = ` ${middle.slice(1)}`; // inner whitespace is fine, only the ends must not be blank
  }
  const source = random.pick(SOURCE_CHARS) + middle + random.pick(SOURCE_CHARS);
  const samples = Array.from({ length: count }, () => validSample(random));
  return shuffled(
    [
      ['source', source],
      ['sentAt', random.pick(VALID_SENT_AT)],
      ['samples', samples],
    ],
    random,
  );
}

export interface Mutation {
  readonly name: string;
  /** Builds a batch over the sample limit: worth a few runs, not hundreds. */
  readonly costly?: boolean;
  /** Breaks one rule of `batch` in place. */
  apply(batch: Json, random: Random): void;
}

function someSample(batch: Json, random: Random): Json {
  return random.pick(batch.samples as Json[]);
}

function sampleMutation(name: string, change: (sample: Json, random: Random) => void): Mutation {
  return { name, apply: (batch, random) => change(someSample(batch, random), random) };
}

function setField(field: string, values: readonly unknown[]): (sample: Json, random: Random) => void {
  return (sample, random) => {
    sample[field] = random.pick(values);
  };
}

/** Sets one label; at the label limit one other goes first, so the count stays within it. */
function setLabel(
  name: (random: Random) => string,
  value: (random: Random) => unknown,
): (sample: Json, random: Random) => void {
  return (sample, random) => {
    const current = sample.labels as Json;
    const names = Object.keys(current);
    if (names.length >= MAX_LABELS_PER_SERIES) {
      delete current[names[0] as string];
    }
    current[name(random)] = value(random);
  };
}

export const MUTATIONS: readonly Mutation[] = [
  { name: 'envelope: unknown field', apply: (b, r) => void (b[r.pick(['schemaVersion', 'unit', 'sample'])] = 1) },
  { name: 'envelope: source missing', apply: (b) => void delete b.source },
  {
    name: 'envelope: source invalid',
    apply: (b, r) =>
      void (b.source = r.pick(['', ' web', 'web ', '\u00a0web', 'web\n', 'x'.repeat(MAX_SOURCE_LENGTH + 1), 42, null])),
  },
  { name: 'envelope: sentAt missing', apply: (b) => void delete b.sentAt },
  {
    name: 'envelope: sentAt invalid',
    apply: (b, r) =>
      void (b.sentAt = r.pick([
        '2026-11-26',
        '2026-11-26T15:00:00',
        'yesterday',
        '2026-13-01T00:00:00Z',
        1_700_000_000_000,
      ])),
  },
  { name: 'envelope: samples missing', apply: (b) => void delete b.samples },
  { name: 'envelope: samples not an array', apply: (b, r) => void (b.samples = r.pick([{}, 'x', null, { 0: {} }])) },
  { name: 'envelope: samples empty', apply: (b) => void (b.samples = []) },
  {
    name: 'envelope: too many samples',
    costly: true,
    apply: (b) => {
      const samples = b.samples as Json[];
      const first = samples[0] as Json;
      while (samples.length <= MAX_SAMPLES_PER_MESSAGE) samples.push({ ...first });
    },
  },
  {
    name: 'envelope: sample not an object',
    apply: (b, r) => {
      const samples = b.samples as unknown[];
      samples[r.int(0, samples.length - 1)] = r.pick([null, [], 'up', 1, undefined]);
    },
  },
  {
    name: 'sample: unknown field',
    apply: (b, r) => void (someSample(b, r)[r.pick(['unit', 'timestamp', 'help'])] = 'x'),
  },
  sampleMutation('sample: name missing', (s) => void delete s.name),
  sampleMutation(
    'sample: name invalid',
    setField('name', [
      '',
      '5xx_total',
      'http-requests',
      'caf\u00e9',
      'a b',
      'x'.repeat(MAX_METRIC_NAME_LENGTH + 1),
      7,
      null,
    ]),
  ),
  sampleMutation('sample: labels missing', (s) => void delete s.labels),
  sampleMutation('sample: labels not a record', setField('labels', [null, [], 'job=api', 3, new Date(0)])),
  sampleMutation('sample: too many labels', (s, r) => void (s.labels = labels(r, MAX_LABELS_PER_SERIES + 1))),
  sampleMutation(
    'sample: label name invalid',
    setLabel(
      (r) => r.pick(['__name__', '__', '1abc', 'a-b', 'ü', '', 'x'.repeat(MAX_LABEL_NAME_LENGTH + 1)]),
      () => 'v',
    ),
  ),
  sampleMutation(
    'sample: label value invalid',
    setLabel(
      () => 'job',
      (r) =>
        r.pick([
          1,
          null,
          true,
          {},
          ['a'],
          'x'.repeat(MAX_LABEL_VALUE_LENGTH + 1),
          '😀'.repeat(MAX_LABEL_VALUE_LENGTH + 1),
          '\ud800'.repeat(MAX_LABEL_VALUE_LENGTH + 1),
        ]),
    ),
  ),
  sampleMutation('sample: value missing', (s) => void delete s.value),
  sampleMutation(
    'sample: value invalid',
    setField('value', [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      'Infinity',
      'nan',
      '+inf',
      '1',
      '',
      null,
      true,
      {},
      [1],
    ]),
  ),
  sampleMutation(
    'sample: timestampMs invalid',
    setField('timestampMs', [
      MIN_TIMESTAMP_MS - 1,
      MAX_TIMESTAMP_MS,
      MIN_TIMESTAMP_MS + 0.5,
      1_764_000_000, // seconds, not milliseconds
      2 ** 53 + 2,
      -MIN_TIMESTAMP_MS,
      Number.NaN,
      String(MIN_TIMESTAMP_MS),
      null,
    ]),
  ),
  sampleMutation('sample: type invalid', setField('type', ['Counter', 'gauges', '', null, 1])),
];
