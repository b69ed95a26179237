import type { Annotations } from './annotations';
import type { PositionRange } from '../ast/ast';
import { formatGoFloat } from './format';
import { labelsKey, METRIC_NAME } from './labels';
import type { Labels } from './types';
import type { InstantSample } from './values';

interface Bucket {
  upper: number;
  count: number;
}

const SMALL_DELTA_TOLERANCE = 1e-12;

function almostEqual(a: number, b: number, epsilon: number): boolean {
  if (a === b) {
    return true;
  }
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  const minNormal = 2.2250738585072014e-308;
  if (a === 0 || b === 0 || absSum < minNormal) {
    return diff < epsilon * minNormal;
  }
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}

/** Classic-bucket quantile; `forcedMonotonic` reports that decreasing cumulative counts had to be raised. */
export function bucketQuantile(q: number, input: Bucket[]): { value: number; forcedMonotonic: boolean } {
  if (Number.isNaN(q)) {
    return { value: NaN, forcedMonotonic: false };
  }
  if (q < 0) {
    return { value: -Infinity, forcedMonotonic: false };
  }
  if (q > 1) {
    return { value: Infinity, forcedMonotonic: false };
  }
  const sorted = [...input].sort((a, b) => a.upper - b.upper);
  if (sorted.length === 0 || sorted[sorted.length - 1].upper !== Infinity) {
    return { value: NaN, forcedMonotonic: false };
  }
  const buckets: Bucket[] = [];
  for (const b of sorted) {
    const prev = buckets[buckets.length - 1];
    if (prev && prev.upper === b.upper) {
      prev.count += b.count;
    } else {
      buckets.push({ ...b });
    }
  }
  let forcedMonotonic = false;
  let prev = buckets[0].count;
  for (let i = 1; i < buckets.length; i++) {
    const cur = buckets[i].count;
    if (cur === prev) {
      continue;
    }
    if (almostEqual(prev, cur, SMALL_DELTA_TOLERANCE)) {
      buckets[i].count = prev;
      continue;
    }
    if (cur < prev) {
      buckets[i].count = prev;
      forcedMonotonic = true;
      continue;
    }
    prev = cur;
  }
  if (buckets.length < 2) {
    return { value: NaN, forcedMonotonic };
  }
  const observations = buckets[buckets.length - 1].count;
  if (observations === 0) {
    return { value: NaN, forcedMonotonic };
  }
  let rank = q * observations;
  let b = buckets.length - 1;
  for (let i = 0; i < buckets.length - 1; i++) {
    if (buckets[i].count >= rank) {
      b = i;
      break;
    }
  }
  if (b === buckets.length - 1) {
    return { value: buckets[buckets.length - 2].upper, forcedMonotonic };
  }
  if (b === 0 && buckets[0].upper <= 0) {
    return { value: buckets[0].upper, forcedMonotonic };
  }
  let start = 0;
  const end = buckets[b].upper;
  let count = buckets[b].count;
  if (b > 0) {
    start = buckets[b - 1].upper;
    count -= buckets[b - 1].count;
    rank -= buckets[b - 1].count;
  }
  return { value: start + (end - start) * (rank / count), forcedMonotonic };
}

function parseLe(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const t = text.trim();
  if (/^[+]?inf$/i.test(t)) {
    return Infinity;
  }
  if (/^-inf$/i.test(t)) {
    return -Infinity;
  }
  if (/^nan$/i.test(t)) {
    return NaN;
  }
  const v = Number(t);
  return t === '' || Number.isNaN(v) ? undefined : v;
}

export function histogramQuantile(
  q: number,
  input: InstantSample[],
  annotations: Annotations,
  pos: { call: PositionRange; q: PositionRange; vector: PositionRange },
): InstantSample[] {
  if (Number.isNaN(q) || q < 0 || q > 1) {
    annotations.warn(`quantile value should be between 0 and 1, got ${formatGoFloat(q)}`, pos.q);
  }
  const groups = new Map<string, { labels: Labels; buckets: Bucket[]; name: string }>();
  for (const s of input) {
    const upper = parseLe(s.labels.le);
    const name = s.labels[METRIC_NAME] ?? '';
    if (upper === undefined) {
      annotations.warn(
        `bucket label "le" is missing or has a malformed value of ${JSON.stringify(s.labels.le ?? '')} for metric name ${JSON.stringify(name)}`,
        pos.vector,
      );
      continue;
    }
    const labels: Labels = { ...s.labels };
    delete labels.le;
    delete labels[METRIC_NAME];
    const key = labelsKey(labels);
    let g = groups.get(key);
    if (!g) {
      g = { labels, buckets: [], name };
      groups.set(key, g);
    }
    g.buckets.push({ upper, count: s.v });
  }
  const out: InstantSample[] = [];
  for (const g of groups.values()) {
    const { value, forcedMonotonic } = bucketQuantile(q, g.buckets);
    if (forcedMonotonic) {
      annotations.info(
        `input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name ${JSON.stringify(g.name)}`,
        pos.vector,
      );
    }
    out.push({ labels: g.labels, v: value });
  }
  return out;
}
