import type { Expr, SubqueryExpr, VectorSelector } from '../ast/ast';
import { typeOf } from '../ast/type-of';
import { documentedType } from '../ast/functions';
import { parsePromQL } from '../parser/parse';
import { evalAggregate } from './aggregate';
import { Annotations } from './annotations';
import { evalBinary } from './binary';
import { assertUniqueLabelsets, type EvalContext } from './context';
import { evalCall } from './functions';
import { compareLabels, dropMetricName, labelsKey } from './labels';
import { evalMatrixSelector, evalSubquery, evalVectorSelector } from './selectors';
import {
  type EngineOptions,
  type MatrixSeries,
  PromQLError,
  type QueryResult,
  type Series,
  type SeriesStore,
} from './types';
import type { Value } from './values';

const DEFAULT_LOOKBACK_MS = 5 * 60 * 1000;
const DEFAULT_MAX_SAMPLES = 50_000_000;
const DEFAULT_SUBQUERY_STEP_MS = 60 * 1000;

/** Evaluates a query at one instant (milliseconds). */
export async function evaluateInstant(
  query: Expr | string,
  timeMs: number,
  store: SeriesStore,
  options: EngineOptions = {},
): Promise<QueryResult> {
  const { expr, text } = parseQuery(query);
  const ctx = await prepare(expr, text, timeMs, timeMs, 0, false, store, options);
  const value = ctx.eval(expr, timeMs);
  return { value: toQueryValue(value, timeMs), ...annotationsOf(ctx) };
}

/** Evaluates a query at every step from start to end (inclusive), giving a matrix (or scalar as `{}` series). */
export async function evaluateRange(
  query: Expr | string,
  startMs: number,
  endMs: number,
  stepMs: number,
  store: SeriesStore,
  options: EngineOptions = {},
): Promise<QueryResult> {
  const { expr, text } = parseQuery(query);
  if (!(stepMs > 0)) {
    throw new PromQLError('bad_data', 'zero or negative query resolution step widths are not accepted');
  }
  if (endMs < startMs) {
    throw new PromQLError('bad_data', 'end timestamp must not be before start time');
  }
  const type = typeOf(expr);
  if (type !== 'scalar' && type !== 'vector') {
    throw new PromQLError(
      'bad_data',
      `invalid expression type ${JSON.stringify(documentedType(type))} for range query, must be Scalar or instant Vector`,
    );
  }
  const ctx = await prepare(expr, text, startMs, endMs, stepMs, true, store, options);
  const maxSamples = options.maxSamples ?? DEFAULT_MAX_SAMPLES;
  const bySeries = new Map<string, MatrixSeries>();
  let points = 0;
  for (let t = startMs; t <= endMs; t += stepMs) {
    ctx.checkAlive();
    const value = ctx.eval(expr, t);
    const samples =
      value.type === 'scalar' ? [{ labels: {}, v: value.v }] : value.type === 'vector' ? value.samples : [];
    points += samples.length;
    if (points > maxSamples) {
      throw tooManySamples();
    }
    for (const s of samples) {
      const key = labelsKey(s.labels);
      let series = bySeries.get(key);
      if (!series) {
        series = { labels: s.labels, samples: [] };
        bySeries.set(key, series);
      }
      series.samples.push({ t, v: s.v });
    }
  }
  const series = [...bySeries.values()].sort((a, b) => compareLabels(a.labels, b.labels));
  return { value: { type: 'matrix', series }, ...annotationsOf(ctx) };
}

function parseQuery(query: Expr | string): { expr: Expr; text: string } {
  if (typeof query !== 'string') {
    return { expr: query, text: '' };
  }
  const parsed = parsePromQL(query);
  if (!parsed.ok) {
    throw new PromQLError('bad_data', parsed.error.message);
  }
  return { expr: parsed.expr, text: query };
}

function tooManySamples(): PromQLError {
  return new PromQLError(
    'too_many_samples',
    'query processing would load too many samples into memory in query execution',
  );
}

function annotationsOf(ctx: EvalContext): { warnings: string[]; infos: string[] } {
  return { warnings: [...ctx.annotations.warnings], infos: [...ctx.annotations.infos] };
}

function toQueryValue(value: Value, t: number): QueryResult['value'] {
  switch (value.type) {
    case 'scalar':
      return { type: 'scalar', t, v: value.v };
    case 'string':
      return { type: 'string', t, v: value.v };
    case 'vector':
      return { type: 'vector', samples: value.samples.map((s) => ({ labels: s.labels, t, v: s.v })) };
    case 'matrix':
      return {
        type: 'matrix',
        series: [...value.series]
          .sort((a, b) => compareLabels(a.labels, b.labels))
          .map((s) => ({ labels: s.labels, samples: s.samples })),
      };
  }
}

interface Fetch {
  selector: VectorSelector;
  from: number;
  to: number;
}

/** Works out which time range every selector needs, loads it once, and builds the evaluation context. */
async function prepare(
  expr: Expr,
  query: string,
  startMs: number,
  endMs: number,
  intervalMs: number,
  isRange: boolean,
  store: SeriesStore,
  options: EngineOptions,
): Promise<EvalContext> {
  const lookbackMs = options.lookbackDeltaMs ?? DEFAULT_LOOKBACK_MS;
  const defaultSubqueryStepMs = options.defaultSubqueryStepMs ?? DEFAULT_SUBQUERY_STEP_MS;
  const deadline = options.timeoutMs !== undefined ? Date.now() + options.timeoutMs : undefined;
  const checkAlive = (): void => {
    if (options.signal?.aborted) {
      throw new PromQLError('canceled', 'query was canceled');
    }
    if (deadline !== undefined && Date.now() >= deadline) {
      throw new PromQLError('timeout', 'query timed out in query execution');
    }
  };
  const resolveAt = (at: VectorSelector['at'], t: number): number =>
    !at ? t : at.kind === 'timestamp' ? at.ms : at.kind === 'start' ? startMs : endMs;
  const fetches: Fetch[] = [];
  const walk = (e: Expr, minT: number, maxT: number): void => {
    switch (e.kind) {
      case 'VectorSelector':
        fetches.push({
          selector: e,
          from: resolveAt(e.at, minT) - e.offsetMs - lookbackMs,
          to: resolveAt(e.at, maxT) - e.offsetMs,
        });
        return;
      case 'MatrixSelector': {
        const s = e.selector;
        fetches.push({
          selector: s,
          from: resolveAt(s.at, minT) - s.offsetMs - e.rangeMs,
          to: resolveAt(s.at, maxT) - s.offsetMs,
        });
        return;
      }
      case 'SubqueryExpr': {
        const from = resolveAt(e.at, minT) - e.offsetMs - e.rangeMs;
        walk(e.expr, from, resolveAt(e.at, maxT) - e.offsetMs);
        return;
      }
      case 'ParenExpr':
      case 'UnaryExpr':
        walk(e.expr, minT, maxT);
        return;
      case 'BinaryExpr':
        walk(e.lhs, minT, maxT);
        walk(e.rhs, minT, maxT);
        return;
      case 'AggregateExpr':
        walk(e.expr, minT, maxT);
        if (e.param) {
          walk(e.param, minT, maxT);
        }
        return;
      case 'Call':
        e.args.forEach((a) => walk(a, minT, maxT));
        return;
      default:
        return;
    }
  };
  walk(expr, startMs, endMs);

  const maxSamples = options.maxSamples ?? DEFAULT_MAX_SAMPLES;
  const data = new Map<VectorSelector, Series[]>();
  let loaded = 0;
  for (const f of fetches) {
    checkAlive();
    const series = await store.select(f.selector.matchers, f.from, f.to);
    for (const s of series) {
      loaded += s.samples.length;
    }
    if (loaded > maxSamples) {
      throw tooManySamples();
    }
    const previous = data.get(f.selector);
    data.set(f.selector, previous ? [...previous, ...series] : series);
  }

  const ctx: EvalContext = {
    startMs,
    endMs,
    intervalMs,
    isRange,
    lookbackMs,
    defaultSubqueryStepMs,
    data,
    annotations: new Annotations(query),
    subqueryCache: new Map<SubqueryExpr, Map<number, Value>>(),
    checkAlive,
    eval: (e, t) => evaluate(ctx, e, t),
  };
  return ctx;
}

function evaluate(ctx: EvalContext, e: Expr, t: number): Value {
  switch (e.kind) {
    case 'NumberLiteral':
      return { type: 'scalar', v: e.value };
    case 'StringLiteral':
      return { type: 'string', v: e.value };
    case 'ParenExpr':
      return evaluate(ctx, e.expr, t);
    case 'VectorSelector':
      return { type: 'vector', samples: evalVectorSelector(ctx, e, t) };
    case 'MatrixSelector':
      return { type: 'matrix', series: evalMatrixSelector(ctx, e, t) };
    case 'SubqueryExpr':
      return { type: 'matrix', series: evalSubquery(ctx, e, t) };
    case 'UnaryExpr': {
      const inner = evaluate(ctx, e.expr, t);
      if (e.op === '+') {
        return inner;
      }
      if (inner.type === 'scalar') {
        return { type: 'scalar', v: -inner.v };
      }
      if (inner.type === 'vector') {
        const samples = inner.samples.map((s) => ({ labels: dropMetricName(s.labels), v: -s.v }));
        assertUniqueLabelsets(samples);
        return { type: 'vector', samples };
      }
      throw new PromQLError('execution', 'unary expression only allowed on scalar or instant vector');
    }
    case 'BinaryExpr':
      return evalBinary(e, evaluate(ctx, e.lhs, t), evaluate(ctx, e.rhs, t));
    case 'AggregateExpr': {
      let param: number | string | undefined;
      if (e.param) {
        const p = evaluate(ctx, e.param, t);
        param = p.type === 'scalar' || p.type === 'string' ? p.v : undefined;
      }
      const input = evaluate(ctx, e.expr, t);
      if (input.type !== 'vector') {
        throw new PromQLError('execution', 'aggregation over a non-vector');
      }
      return { type: 'vector', samples: evalAggregate(e, input.samples, param, ctx.annotations) };
    }
    case 'Call':
      return evalCall(ctx, e, t);
  }
}
