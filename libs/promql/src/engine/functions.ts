import type { Call, Expr, LabelMatcher } from '../ast/ast';
import { compileAnchoredRegex } from '../ast/regex';
import { isValidLabelName } from '../ast/strings';
import { assertUniqueLabelsets, type EvalContext, referenceTime } from './context';
import { formatGoFloat } from './format';
import { histogramQuantile } from './histogram';
import { compareLabels, dropMetricName, METRIC_NAME } from './labels';
import { KEEPS_NAME, RANGE_FUNCTIONS, type RangeWindow } from './range-functions';
import { evalMatrixSelector, evalSubquery } from './selectors';
import { PromQLError, type Labels } from './types';
import type { InstantSample, RangeSeries, Value } from './values';

const COUNTER_SUFFIX = /(_total|_sum|_count|_bucket)$/;

const MATH: Record<string, (v: number) => number> = {
  abs: Math.abs,
  ceil: Math.ceil,
  floor: Math.floor,
  exp: Math.exp,
  sqrt: Math.sqrt,
  ln: Math.log,
  log2: Math.log2,
  log10: Math.log10,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  deg: (v) => (v * 180) / Math.PI,
  rad: (v) => (v * Math.PI) / 180,
  sgn: (v) => (v > 0 ? 1 : v < 0 ? -1 : v),
};

const DATE_PARTS: Record<string, (d: Date) => number> = {
  year: (d) => d.getUTCFullYear(),
  month: (d) => d.getUTCMonth() + 1,
  day_of_month: (d) => d.getUTCDate(),
  day_of_week: (d) => d.getUTCDay(),
  day_of_year: (d) => {
    const start = Date.UTC(d.getUTCFullYear(), 0, 1);
    return Math.floor((d.getTime() - start) / 86400000) + 1;
  },
  days_in_month: (d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate(),
  hour: (d) => d.getUTCHours(),
  minute: (d) => d.getUTCMinutes(),
};

function unwrap(expr: Expr): Expr {
  return expr.kind === 'ParenExpr' ? unwrap(expr.expr) : expr;
}

function scalarArg(ctx: EvalContext, expr: Expr, t: number): number {
  const v = ctx.eval(expr, t);
  if (v.type !== 'scalar') {
    throw new PromQLError('execution', `expected scalar argument, got ${v.type}`);
  }
  return v.v;
}

function stringArg(ctx: EvalContext, expr: Expr, t: number): string {
  const v = ctx.eval(expr, t);
  if (v.type !== 'string') {
    throw new PromQLError('execution', `expected string argument, got ${v.type}`);
  }
  return v.v;
}

function vectorArg(ctx: EvalContext, expr: Expr, t: number): InstantSample[] {
  const v = ctx.eval(expr, t);
  if (v.type !== 'vector') {
    throw new PromQLError('execution', `expected instant vector argument, got ${v.type}`);
  }
  return v.samples;
}

function mapValues(samples: InstantSample[], fn: (v: number) => number): InstantSample[] {
  return samples.map((s) => ({ labels: dropMetricName(s.labels), v: fn(s.v) }));
}

/** Labels absent()/absent_over_time() report: the selector's equality matchers, minus ambiguous names. */
function absentLabels(expr: Expr): Labels {
  const node = unwrap(expr);
  let matchers: LabelMatcher[] = [];
  if (node.kind === 'VectorSelector') {
    matchers = node.matchers;
  } else if (node.kind === 'MatrixSelector') {
    matchers = node.selector.matchers;
  }
  const out: Labels = {};
  const seen = new Set<string>();
  for (const m of matchers) {
    if (m.name === METRIC_NAME) {
      continue;
    }
    if (m.type === '=' && !seen.has(m.name)) {
      out[m.name] = m.value;
      seen.add(m.name);
    } else {
      delete out[m.name];
    }
  }
  for (const n of Object.keys(out)) {
    if (out[n] === '') {
      delete out[n];
    }
  }
  return out;
}

function evalRangeArg(
  ctx: EvalContext,
  expr: Expr,
  t: number,
): { series: RangeSeries[]; window: Omit<RangeWindow, 'params' | 'evalMs'> } {
  const node = unwrap(expr);
  if (node.kind === 'MatrixSelector') {
    const ref = referenceTime(ctx, node.selector.at, node.selector.offsetMs, t);
    return {
      series: evalMatrixSelector(ctx, node, t),
      window: { rangeStartMs: ref - node.rangeMs, rangeEndMs: ref, rangeMs: node.rangeMs },
    };
  }
  if (node.kind === 'SubqueryExpr') {
    const ref = referenceTime(ctx, node.at, node.offsetMs, t);
    return {
      series: evalSubquery(ctx, node, t),
      window: { rangeStartMs: ref - node.rangeMs, rangeEndMs: ref, rangeMs: node.rangeMs },
    };
  }
  throw new PromQLError('execution', 'expected range vector argument');
}

function naturalCompare(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) {
      continue;
    }
    const xn = /^\d/.test(x);
    const yn = /^\d/.test(y);
    if (xn && yn) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) {
        return diff;
      }
      return x.length - y.length;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

function sortByValue(samples: InstantSample[], desc: boolean): InstantSample[] {
  return [...samples].sort((a, b) => {
    const an = Number.isNaN(a.v);
    const bn = Number.isNaN(b.v);
    if (an || bn) {
      return an === bn ? 0 : an ? 1 : -1;
    }
    return desc ? b.v - a.v : a.v - b.v;
  });
}

function expandTemplate(template: string, match: RegExpExecArray): string {
  return template.replace(
    /\$(\$|\{([A-Za-z0-9_]+)\}|([A-Za-z0-9_]+))/g,
    (_whole, body: string, braced?: string, bare?: string) => {
      if (body === '$') {
        return '$';
      }
      const name = braced ?? bare ?? '';
      if (/^\d+$/.test(name)) {
        return match[Number(name)] ?? '';
      }
      return match.groups?.[name] ?? '';
    },
  );
}

function labelReplace(ctx: EvalContext, e: Call, t: number): InstantSample[] {
  const [vecExpr, dstE, replE, srcE, reE] = e.args;
  const dst = stringArg(ctx, dstE, t);
  const repl = stringArg(ctx, replE, t);
  const src = stringArg(ctx, srcE, t);
  const source = stringArg(ctx, reE, t);
  let re: RegExp;
  try {
    re = compileAnchoredRegex(source);
  } catch {
    throw new PromQLError('execution', `invalid regular expression in label_replace(): ${source}`);
  }
  if (!isValidLabelName(dst)) {
    throw new PromQLError('execution', `invalid destination label name in label_replace(): ${dst}`);
  }
  const out = vectorArg(ctx, vecExpr, t).map((s) => {
    const m = re.exec(s.labels[src] ?? '');
    if (!m) {
      return { labels: s.labels, v: s.v };
    }
    return { labels: setLabel(s.labels, dst, expandTemplate(repl, m)), v: s.v };
  });
  assertUniqueLabelsets(out);
  return out;
}

function setLabel(labels: Labels, name: string, value: string): Labels {
  const out = { ...labels };
  if (value === '') {
    delete out[name];
  } else {
    out[name] = value;
  }
  return out;
}

function labelJoin(ctx: EvalContext, e: Call, t: number): InstantSample[] {
  const [vecExpr, dstE, sepE, ...srcEs] = e.args;
  const dst = stringArg(ctx, dstE, t);
  const sep = stringArg(ctx, sepE, t);
  const srcs = srcEs.map((a) => stringArg(ctx, a, t));
  if (!isValidLabelName(dst)) {
    throw new PromQLError('execution', `invalid destination label name in label_join(): ${dst}`);
  }
  const out = vectorArg(ctx, vecExpr, t).map((s) => ({
    labels: setLabel(s.labels, dst, srcs.map((n) => s.labels[n] ?? '').join(sep)),
    v: s.v,
  }));
  assertUniqueLabelsets(out);
  return out;
}

function rangeFunction(ctx: EvalContext, e: Call, t: number): InstantSample[] {
  const fn = RANGE_FUNCTIONS[e.func];
  const matrixIndex = e.func === 'quantile_over_time' ? 1 : 0;
  const params = e.args.filter((_, i) => i !== matrixIndex).map((a) => scalarArg(ctx, a, t));
  if (e.func === 'quantile_over_time') {
    const q = params[0];
    if (Number.isNaN(q) || q < 0 || q > 1) {
      ctx.annotations.warn(`quantile value should be between 0 and 1, got ${formatGoFloat(q)}`, e.args[0].pos);
    }
  }
  const { series, window } = evalRangeArg(ctx, e.args[matrixIndex], t);
  if (e.func === 'absent_over_time') {
    return series.length > 0 ? [] : [{ labels: absentLabels(e.args[0]), v: 1 }];
  }
  const out: InstantSample[] = [];
  const w: RangeWindow = { ...window, evalMs: t, params };
  const checkCounter = e.func === 'rate' || e.func === 'increase';
  for (const s of series) {
    if (checkCounter) {
      const name = s.labels[METRIC_NAME];
      if (name && !COUNTER_SUFFIX.test(name)) {
        ctx.annotations.info(
          `metric might not be a counter, name does not end in _total/_sum/_count/_bucket: ${JSON.stringify(name)}`,
          e.args[matrixIndex].pos,
        );
      }
    }
    const v = fn(s.samples, w);
    if (v !== undefined) {
      out.push({ labels: KEEPS_NAME.has(e.func) ? s.labels : dropMetricName(s.labels), v });
    }
  }
  assertUniqueLabelsets(out);
  return out;
}

export function evalCall(ctx: EvalContext, e: Call, t: number): Value {
  const name = e.func;
  const scalar = (v: number): Value => ({ type: 'scalar', v });
  const vec = (samples: InstantSample[]): Value => ({ type: 'vector', samples });
  switch (name) {
    case 'time':
      return scalar(t / 1000);
    case 'pi':
      return scalar(Math.PI);
    case 'step':
      return scalar(ctx.intervalMs / 1000);
    case 'range':
      return scalar((ctx.endMs - ctx.startMs) / 1000);
    case 'start':
      return scalar(ctx.startMs / 1000);
    case 'end':
      return scalar(ctx.endMs / 1000);
    case 'vector':
      return vec([{ labels: {}, v: scalarArg(ctx, e.args[0], t) }]);
    case 'scalar': {
      const samples = vectorArg(ctx, e.args[0], t);
      return scalar(samples.length === 1 ? samples[0].v : NaN);
    }
  }
  if (name in RANGE_FUNCTIONS || name === 'absent_over_time') {
    return vec(rangeFunction(ctx, e, t));
  }
  if (name in MATH) {
    return vec(checked(mapValues(vectorArg(ctx, e.args[0], t), MATH[name])));
  }
  if (name in DATE_PARTS) {
    const input = e.args.length > 0 ? vectorArg(ctx, e.args[0], t) : [{ labels: {}, v: t / 1000 }];
    const part = DATE_PARTS[name];
    return vec(
      checked(
        input
          .filter((s) => Number.isFinite(s.v))
          .map((s) => ({ labels: dropMetricName(s.labels), v: part(new Date(Math.trunc(s.v) * 1000)) })),
      ),
    );
  }
  switch (name) {
    case 'round': {
      const nearest = e.args.length > 1 ? scalarArg(ctx, e.args[1], t) : 1;
      const inverse = 1 / nearest;
      return vec(checked(mapValues(vectorArg(ctx, e.args[0], t), (v) => Math.floor(v * inverse + 0.5) / inverse)));
    }
    case 'clamp': {
      const input = vectorArg(ctx, e.args[0], t);
      const min = scalarArg(ctx, e.args[1], t);
      const max = scalarArg(ctx, e.args[2], t);
      if (max < min) {
        return vec([]);
      }
      return vec(checked(mapValues(input, (v) => Math.max(min, Math.min(max, v)))));
    }
    case 'clamp_min': {
      const min = scalarArg(ctx, e.args[1], t);
      return vec(checked(mapValues(vectorArg(ctx, e.args[0], t), (v) => Math.max(min, v))));
    }
    case 'clamp_max': {
      const max = scalarArg(ctx, e.args[1], t);
      return vec(checked(mapValues(vectorArg(ctx, e.args[0], t), (v) => Math.min(max, v))));
    }
    case 'timestamp': {
      const input = vectorArg(ctx, e.args[0], t);
      return vec(checked(input.map((s) => ({ labels: dropMetricName(s.labels), v: (s.ts ?? t) / 1000 }))));
    }
    case 'absent': {
      const input = vectorArg(ctx, e.args[0], t);
      return vec(input.length > 0 ? [] : [{ labels: absentLabels(e.args[0]), v: 1 }]);
    }
    case 'sort':
    case 'sort_desc':
    case 'sort_by_label':
    case 'sort_by_label_desc':
      return vec(sortCall(ctx, e, t));
    case 'label_replace':
      return vec(labelReplace(ctx, e, t));
    case 'label_join':
      return vec(labelJoin(ctx, e, t));
    case 'histogram_quantile': {
      const q = scalarArg(ctx, e.args[0], t);
      const input = vectorArg(ctx, e.args[1], t);
      return vec(
        checked(histogramQuantile(q, input, ctx.annotations, { call: e.pos, q: e.args[0].pos, vector: e.args[1].pos })),
      );
    }
    case 'info':
      return vec(vectorArg(ctx, e.args[0], t));
    case 'histogram_count':
    case 'histogram_sum':
    case 'histogram_avg':
    case 'histogram_stddev':
    case 'histogram_stdvar':
    case 'histogram_fraction':
      // Only native histograms carry these; float series give nothing.
      vectorArg(ctx, e.args[e.args.length - 1], t);
      return vec([]);
  }
  throw new PromQLError('execution', `function ${JSON.stringify(name)} is not supported`);
}

function checked(samples: InstantSample[]): InstantSample[] {
  assertUniqueLabelsets(samples);
  return samples;
}

function sortCall(ctx: EvalContext, e: Call, t: number): InstantSample[] {
  if (ctx.isRange) {
    ctx.annotations.warn('sort is ineffective for range queries since results are always ordered by labels', e.pos);
  }
  const input = vectorArg(ctx, e.args[0], t);
  if (e.func === 'sort' || e.func === 'sort_desc') {
    return sortByValue(input, e.func === 'sort_desc');
  }
  const names = e.args.slice(1).map((a) => stringArg(ctx, a, t));
  const desc = e.func === 'sort_by_label_desc';
  return [...input].sort((a, b) => {
    for (const n of names) {
      const c = naturalCompare(a.labels[n] ?? '', b.labels[n] ?? '');
      if (c !== 0) {
        return desc ? -c : c;
      }
    }
    const c = compareLabels(a.labels, b.labels);
    return desc ? -c : c;
  });
}
