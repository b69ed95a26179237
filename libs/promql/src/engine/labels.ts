import type { Labels } from './types';

export const METRIC_NAME = '__name__';

// Label sets are never mutated once built, so keys and name-less copies are memoised per object: a range
// query then pays for them once per series instead of once per step.
const keyCache = new WeakMap<Labels, string>();
const withoutNameCache = new WeakMap<Labels, Labels>();

/** A stable identity for a label set (names sorted). */
export function labelsKey(labels: Labels): string {
  const cached = keyCache.get(labels);
  if (cached !== undefined) {
    return cached;
  }
  const names = Object.keys(labels).sort();
  let out = '';
  for (const n of names) {
    out += `${n}\u0000${labels[n]}\u0001`;
  }
  keyCache.set(labels, out);
  return out;
}

export function sortedLabels(labels: Labels): Labels {
  const out: Labels = {};
  for (const n of Object.keys(labels).sort()) {
    if (labels[n] !== '') {
      out[n] = labels[n];
    }
  }
  return out;
}

export function dropMetricName(labels: Labels): Labels {
  if (!(METRIC_NAME in labels)) {
    return labels;
  }
  let out = withoutNameCache.get(labels);
  if (!out) {
    out = { ...labels };
    delete out[METRIC_NAME];
    withoutNameCache.set(labels, out);
  }
  return out;
}

/** Prometheus' labels.String(): `{a="1", b="2"}`. */
export function formatLabels(labels: Labels): string {
  const names = Object.keys(labels).sort();
  return `{${names.map((n) => `${n}=${JSON.stringify(labels[n])}`).join(', ')}}`;
}

/** Prometheus' labels.Compare: lexicographic over the sorted (name, value) pairs. */
export function compareLabels(a: Labels, b: Labels): number {
  const an = Object.keys(a).sort();
  const bn = Object.keys(b).sort();
  const n = Math.min(an.length, bn.length);
  for (let i = 0; i < n; i++) {
    if (an[i] !== bn[i]) {
      return an[i] < bn[i] ? -1 : 1;
    }
    const av = a[an[i]];
    const bv = b[bn[i]];
    if (av !== bv) {
      return av < bv ? -1 : 1;
    }
  }
  return an.length - bn.length;
}

/** The matching signature of a series: `on` keeps only the listed labels, otherwise they (and the name) go. */
export function signature(labels: Labels, on: boolean, names: readonly string[]): string {
  let out = '';
  if (on) {
    for (const n of [...names].sort()) {
      out += `${n}\u0000${labels[n] ?? ''}\u0001`;
    }
    return out;
  }
  for (const n of Object.keys(labels).sort()) {
    if (n !== METRIC_NAME && !names.includes(n)) {
      out += `${n}\u0000${labels[n]}\u0001`;
    }
  }
  return out;
}

export function pickLabels(labels: Labels, on: boolean, names: readonly string[]): Labels {
  const out: Labels = {};
  if (on) {
    for (const n of names) {
      if (labels[n] !== undefined && labels[n] !== '') {
        out[n] = labels[n];
      }
    }
    return out;
  }
  for (const n of Object.keys(labels)) {
    if (n !== METRIC_NAME && !names.includes(n)) {
      out[n] = labels[n];
    }
  }
  return out;
}
