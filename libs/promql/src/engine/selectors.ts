import type { MatrixSelector, SubqueryExpr, VectorSelector } from '../ast/ast';
import { type EvalContext, referenceTime } from './context';
import { labelsKey } from './labels';
import { isStaleNaN } from './stale';
import type { Sample } from './types';
import type { InstantSample, RangeSeries } from './values';

/** Index of the last sample with t <= ref, or -1. */
export function lastIndexAtOrBefore(samples: readonly Sample[], ref: number): number {
  let lo = 0;
  let hi = samples.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (samples[mid].t <= ref) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

export function evalVectorSelector(ctx: EvalContext, sel: VectorSelector, t: number): InstantSample[] {
  const ref = referenceTime(ctx, sel.at, sel.offsetMs, t);
  const out: InstantSample[] = [];
  for (const series of ctx.data.get(sel) ?? []) {
    const i = lastIndexAtOrBefore(series.samples, ref);
    if (i < 0) {
      continue;
    }
    const sample = series.samples[i];
    // The lookback window is left-open in Prometheus 3: (ref - lookback, ref].
    if (sample.t <= ref - ctx.lookbackMs || isStaleNaN(sample.v)) {
      continue;
    }
    out.push({ labels: series.labels, v: sample.v, ts: sample.t });
  }
  return out;
}

/** Samples in the left-open window (ref - range, ref], stale markers dropped. */
export function evalMatrixSelector(ctx: EvalContext, node: MatrixSelector, t: number): RangeSeries[] {
  const sel = node.selector;
  const ref = referenceTime(ctx, sel.at, sel.offsetMs, t);
  const from = ref - node.rangeMs;
  const out: RangeSeries[] = [];
  for (const series of ctx.data.get(sel) ?? []) {
    const end = lastIndexAtOrBefore(series.samples, ref);
    const startExclusive = lastIndexAtOrBefore(series.samples, from);
    if (end <= startExclusive) {
      continue;
    }
    let samples = series.samples.slice(startExclusive + 1, end + 1);
    if (samples.some((p) => Number.isNaN(p.v) && isStaleNaN(p.v))) {
      samples = samples.filter((p) => !isStaleNaN(p.v));
    }
    if (samples.length > 0) {
      out.push({ labels: series.labels, samples });
    }
  }
  return out;
}

export function subqueryStepTimes(ctx: EvalContext, node: SubqueryExpr, t: number): number[] {
  const ref = referenceTime(ctx, node.at, node.offsetMs, t);
  const step = node.stepMs ?? ctx.defaultSubqueryStepMs;
  const boundary = ref - node.rangeMs;
  let first = Math.trunc(boundary / step) * step;
  if (first <= boundary) {
    first += step;
  }
  const times: number[] = [];
  for (let ti = first; ti <= ref; ti += step) {
    times.push(ti);
  }
  return times;
}

export function evalSubquery(ctx: EvalContext, node: SubqueryExpr, t: number): RangeSeries[] {
  let cache = ctx.subqueryCache.get(node);
  if (!cache) {
    cache = new Map();
    ctx.subqueryCache.set(node, cache);
  }
  const bySeries = new Map<string, RangeSeries>();
  for (const ti of subqueryStepTimes(ctx, node, t)) {
    let value = cache.get(ti);
    if (!value) {
      ctx.checkAlive();
      value = ctx.eval(node.expr, ti);
      cache.set(ti, value);
    }
    if (value.type !== 'vector') {
      continue;
    }
    for (const s of value.samples) {
      const key = labelsKey(s.labels);
      let series = bySeries.get(key);
      if (!series) {
        series = { labels: s.labels, samples: [] };
        bySeries.set(key, series);
      }
      series.samples.push({ t: ti, v: s.v });
    }
  }
  return [...bySeries.values()];
}
