import { type EngineOptions, evaluateInstant, type Expr, parsePromQL, type SeriesStore } from '@keel/promql';
import type { InstantVector, RuleQuerier } from './evaluation.types';

/** Prometheus' wording (rules.EngineQueryFunc) for a query that returns a string or a range vector. */
export const NOT_A_VECTOR_OR_SCALAR = 'rule result is not a vector or scalar';

/**
 * A RuleQuerier over a @keel/promql SeriesStore: an instant query per call, like Prometheus' EngineQueryFunc
 * (a vector as is, a scalar as one sample with no labels, anything else an error). Parsed expressions are cached.
 */
export function memoryQuerier(store: SeriesStore, options: EngineOptions = {}): RuleQuerier {
  const parsed = new Map<string, Expr>();
  return {
    async query(expr: string, timeMs: number): Promise<InstantVector> {
      let query: Expr | string = expr;
      const cached = parsed.get(expr);
      if (cached) {
        query = cached;
      } else {
        const result = parsePromQL(expr);
        if (result.ok) {
          parsed.set(expr, result.expr);
          query = result.expr;
        }
      }
      // An unparsable expression goes to the engine as text, which throws its parse error.
      const { value } = await evaluateInstant(query, timeMs, store, options);
      switch (value.type) {
        case 'vector':
          return value.samples.map((s) => ({ labels: s.labels, value: s.v }));
        case 'scalar':
          return [{ labels: {}, value: value.v }];
        default:
          throw new Error(NOT_A_VECTOR_OR_SCALAR);
      }
    },
  };
}
