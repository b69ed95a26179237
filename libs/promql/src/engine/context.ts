import type { AtModifier, Expr, SubqueryExpr, VectorSelector } from '../ast/ast';
import type { Annotations } from './annotations';
import { labelsKey } from './labels';
import { type InstantSample, type Value } from './values';
import { PromQLError, type Series } from './types';

export interface EvalContext {
  startMs: number;
  endMs: number;
  /** 0 for instant queries. */
  intervalMs: number;
  isRange: boolean;
  lookbackMs: number;
  defaultSubqueryStepMs: number;
  data: Map<VectorSelector, Series[]>;
  annotations: Annotations;
  subqueryCache: Map<SubqueryExpr, Map<number, Value>>;
  checkAlive(): void;
  eval(expr: Expr, t: number): Value;
}

/** The time a selector or subquery reads at, after `@` and `offset`. */
export function referenceTime(ctx: EvalContext, at: AtModifier | undefined, offsetMs: number, t: number): number {
  let base = t;
  if (at) {
    base = at.kind === 'timestamp' ? at.ms : at.kind === 'start' ? ctx.startMs : ctx.endMs;
  }
  return base - offsetMs;
}

export function assertUniqueLabelsets(samples: readonly InstantSample[]): void {
  if (samples.length < 2) {
    return;
  }
  const seen = new Set<string>();
  for (const s of samples) {
    const key = labelsKey(s.labels);
    if (seen.has(key)) {
      throw new PromQLError('execution', 'vector cannot contain metrics with the same labelset');
    }
    seen.add(key);
  }
}
