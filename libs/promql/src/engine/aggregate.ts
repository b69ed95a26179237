import type { AggregateExpr } from '../ast/ast';
import { goQuote, isValidLabelName } from '../ast/strings';
import type { Annotations } from './annotations';
import { formatGoFloat } from './format';
import { kahanSumInc, MeanAccumulator } from './kahan';
import { labelsKey, METRIC_NAME } from './labels';
import { quantile } from './quantile';
import { PromQLError, type Labels } from './types';
import type { InstantSample } from './values';

interface Group {
  labels: Labels;
  samples: InstantSample[];
}

function groupingLabels(labels: Labels, e: AggregateExpr): Labels {
  const out: Labels = {};
  if (e.without) {
    for (const [n, v] of Object.entries(labels)) {
      if (n !== METRIC_NAME && !e.grouping.includes(n)) {
        out[n] = v;
      }
    }
    return out;
  }
  for (const n of e.grouping) {
    const v = labels[n];
    if (v !== undefined && v !== '') {
      out[n] = v;
    }
  }
  return out;
}

// Grouping labels per input label set and aggregation node, reused across the steps of a range query.
const groupingCache = new WeakMap<AggregateExpr, WeakMap<Labels, { labels: Labels; key: string }>>();

function groupSamples(samples: InstantSample[], e: AggregateExpr): Group[] {
  let cache = groupingCache.get(e);
  if (!cache) {
    cache = new WeakMap();
    groupingCache.set(e, cache);
  }
  const groups = new Map<string, Group>();
  for (const s of samples) {
    let entry = cache.get(s.labels);
    if (!entry) {
      const grouped = groupingLabels(s.labels, e);
      entry = { labels: grouped, key: labelsKey(grouped) };
      cache.set(s.labels, entry);
    }
    const { labels, key } = entry;
    let g = groups.get(key);
    if (!g) {
      g = { labels, samples: [] };
      groups.set(key, g);
    }
    g.samples.push(s);
  }
  return [...groups.values()];
}

export function evalAggregate(
  e: AggregateExpr,
  input: InstantSample[],
  param: number | string | undefined,
  annotations: Annotations,
): InstantSample[] {
  switch (e.op) {
    case 'topk':
    case 'bottomk':
    case 'limitk':
      return selectK(e, input, param as number);
    case 'limit_ratio':
      return limitRatio(e, input, param as number, annotations);
    case 'count_values':
      return countValues(e, input, param as string);
    case 'quantile': {
      const q = param as number;
      if (Number.isNaN(q) || q < 0 || q > 1) {
        annotations.warn(`quantile value should be between 0 and 1, got ${formatGoFloat(q)}`, e.param?.pos ?? e.pos);
      }
      return groupSamples(input, e).map((g) => ({
        labels: g.labels,
        v: quantile(
          q,
          g.samples.map((s) => s.v),
        ),
      }));
    }
    default:
      return groupSamples(input, e).map((g) => ({ labels: g.labels, v: reduce(e.op, g.samples) }));
  }
}

function reduce(op: AggregateExpr['op'], samples: InstantSample[]): number {
  const values = samples.map((s) => s.v);
  switch (op) {
    case 'sum': {
      let sum = 0;
      let c = 0;
      for (const v of values) {
        [sum, c] = kahanSumInc(v, sum, c);
      }
      return Number.isFinite(sum) ? sum + c : sum;
    }
    case 'avg': {
      const mean = new MeanAccumulator();
      values.forEach((v) => mean.add(v));
      return mean.value();
    }
    case 'count':
      return values.length;
    case 'group':
      return 1;
    case 'min':
      return values.reduce((acc, v) => (acc > v || Number.isNaN(acc) ? v : acc));
    case 'max':
      return values.reduce((acc, v) => (acc < v || Number.isNaN(acc) ? v : acc));
    case 'stddev':
    case 'stdvar': {
      if (values.some((v) => !Number.isFinite(v))) {
        return NaN;
      }
      let count = 0;
      let mean = 0;
      let m2 = 0;
      for (const v of values) {
        count++;
        const delta = v - mean;
        mean += delta / count;
        m2 += delta * (v - mean);
      }
      const variance = m2 / count;
      return op === 'stddev' ? Math.sqrt(variance) : variance;
    }
    default:
      throw new PromQLError('execution', `unknown aggregation ${op}`);
  }
}

function toK(param: number): number {
  if (Number.isNaN(param)) {
    throw new PromQLError('execution', 'Parameter value is NaN');
  }
  if (param > Number.MAX_SAFE_INTEGER) {
    return Number.MAX_SAFE_INTEGER;
  }
  return Math.trunc(param);
}

function byValue(desc: boolean): (a: InstantSample, b: InstantSample) => number {
  return (a, b) => {
    const an = Number.isNaN(a.v);
    const bn = Number.isNaN(b.v);
    if (an || bn) {
      return an === bn ? 0 : an ? 1 : -1;
    }
    return desc ? b.v - a.v : a.v - b.v;
  };
}

function selectK(e: AggregateExpr, input: InstantSample[], param: number): InstantSample[] {
  const k = toK(param);
  if (k < 1) {
    return [];
  }
  const out: InstantSample[] = [];
  for (const g of groupSamples(input, e)) {
    const chosen =
      e.op === 'limitk' ? g.samples.slice(0, k) : [...g.samples].sort(byValue(e.op === 'topk')).slice(0, k);
    out.push(...chosen.map((s) => ({ labels: s.labels, v: s.v })));
  }
  return out;
}

// A stable pseudo-random position in [0, 1) per label set, so limit_ratio keeps the same series every step.
function sampleOffset(labels: Labels): number {
  let h = 0x811c9dc5;
  const key = labelsKey(labels);
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h / 0x100000000;
}

function limitRatio(
  e: AggregateExpr,
  input: InstantSample[],
  param: number,
  annotations: Annotations,
): InstantSample[] {
  if (Number.isNaN(param)) {
    throw new PromQLError('execution', 'Ratio value is NaN');
  }
  let ratio = param;
  if (ratio < -1 || ratio > 1) {
    annotations.warn(
      `ratio value should be between -1 and 1, got ${formatGoFloat(ratio)}, capping to ${ratio < 0 ? -1 : 1}`,
      e.param?.pos ?? e.pos,
    );
    ratio = ratio < 0 ? -1 : 1;
  }
  return input
    .filter((s) => {
      const offset = sampleOffset(s.labels);
      return ratio >= 0 ? offset < ratio : offset >= 1 + ratio;
    })
    .map((s) => ({ labels: s.labels, v: s.v }));
}

function countValues(e: AggregateExpr, input: InstantSample[], label: string): InstantSample[] {
  if (!isValidLabelName(label)) {
    throw new PromQLError('execution', `invalid label name ${goQuote(label)}`);
  }
  const relabeled = input.map((s) => ({ labels: { ...s.labels, [label]: formatGoFloat(s.v) }, v: s.v }));
  const counted: AggregateExpr = e.without
    ? e
    : { ...e, grouping: e.grouping.includes(label) ? e.grouping : [...e.grouping, label] };
  return groupSamples(relabeled, counted).map((g) => ({ labels: g.labels, v: g.samples.length }));
}
