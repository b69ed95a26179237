import type { LabelMatcher } from '../ast/ast';

export type Labels = Record<string, string>;

export interface Sample {
  /** Milliseconds since the epoch. */
  t: number;
  v: number;
}

export interface Series {
  /** All labels, `__name__` included. */
  labels: Labels;
  /** Sorted by time; a stale marker is the value STALE_NAN. */
  samples: Sample[];
}

/** Where the engine reads data from. Implementations return every series matching all matchers, with the
 * samples whose timestamps lie in [startMs, endMs] (inclusive; the engine trims further). */
export interface SeriesStore {
  select(matchers: LabelMatcher[], startMs: number, endMs: number): Promise<Series[]>;
}

export interface EngineOptions {
  /** How far back an instant selector looks for a sample (default 5 minutes). */
  lookbackDeltaMs?: number;
  /** Refuse a query that would hold more samples than this (default 50,000,000). */
  maxSamples?: number;
  /** Give up after this long (default: no limit). */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Step of subqueries written without one (`[5m:]`), default 1 minute. */
  defaultSubqueryStepMs?: number;
}

export interface VectorSample {
  labels: Labels;
  /** Evaluation timestamp in milliseconds. */
  t: number;
  v: number;
}

export interface MatrixSeries {
  labels: Labels;
  samples: Sample[];
}

export type QueryValue =
  | { type: 'scalar'; t: number; v: number }
  | { type: 'string'; t: number; v: string }
  | { type: 'vector'; samples: VectorSample[] }
  | { type: 'matrix'; series: MatrixSeries[] };

export interface QueryResult {
  value: QueryValue;
  /** Prometheus-rendered annotations, e.g. `PromQL warning: ... (1:5)`. */
  warnings: string[];
  infos: string[];
}

export type PromQLErrorKind = 'bad_data' | 'execution' | 'timeout' | 'canceled' | 'too_many_samples';

/** A query that cannot be answered: `kind` maps onto Prometheus' API error types. */
export class PromQLError extends Error {
  constructor(
    readonly kind: PromQLErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'PromQLError';
  }
}
