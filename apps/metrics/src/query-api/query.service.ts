import { Inject, Injectable } from '@nestjs/common';
import { evaluateInstant, evaluateRange, PromQLError, type QueryResult, type QueryValue } from '@keel/promql';
import { SeriesRepository } from '../storage/series.repository';
import { inferMetadata, type MetricMetadata } from './metric-metadata';
import { PromqlStorageAdapter } from './promql-store.adapter';
import { MAX_POINTS_PER_SERIES } from './prom-params';
import { QUERY_LIMITS, type QueryLimits } from './query-limits';
import { MetricsQueryException, QueryErrorCode } from './query.errors';
import { QuerySamplesRepository } from './query-samples.repository';
import { parseSeriesSelector } from './series-selector';
import { SeriesCatalogRepository, type CatalogScope } from './series-catalog.repository';

export interface QueryOptions {
  /** Shortens the configured query timeout, never lengthens it. */
  timeoutMs?: number;
  /** Keep at most this many series of a vector or matrix (0 or absent: all), with a warning when cut. */
  limit?: number;
}

/** What the catalog calls take: selectors as PromQL text (`match[]`), a time range, and a result limit. */
export interface CatalogQuery {
  match: readonly string[];
  startMs: number;
  endMs: number;
  limit?: number;
}

export interface Listed<T> {
  items: T[];
  warnings: string[];
}

const TRUNCATED = 'results truncated due to limit';

/**
 * PromQL and the series catalog over the PostgreSQL store, for the Prometheus HTTP API and the subgraph alike.
 * Every query runs under the configured sample and time limits; failures are MetricsQueryExceptions.
 */
@Injectable()
export class QueryService {
  constructor(
    private readonly series: SeriesRepository,
    private readonly samples: QuerySamplesRepository,
    private readonly catalog: SeriesCatalogRepository,
    @Inject(QUERY_LIMITS) private readonly limits: QueryLimits,
  ) {}

  async instant(query: string, timeMs: number, options: QueryOptions = {}): Promise<QueryResult> {
    return this.run(options, (store, engine) => evaluateInstant(query, timeMs, store, engine));
  }

  async range(
    query: string,
    startMs: number,
    endMs: number,
    stepMs: number,
    options: QueryOptions = {},
  ): Promise<QueryResult> {
    if ((endMs - startMs) / stepMs > MAX_POINTS_PER_SERIES) {
      throw new MetricsQueryException(
        QueryErrorCode.INVALID_PARAMETER,
        `exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)`,
      );
    }
    return this.run(options, (store, engine) => evaluateRange(query, startMs, endMs, stepMs, store, engine));
  }

  /** Label sets (with `__name__`) of the series matching any selector with samples in range. */
  async findSeries(query: CatalogQuery): Promise<Listed<Record<string, string>>> {
    if (query.match.length === 0) {
      throw new MetricsQueryException(QueryErrorCode.INVALID_PARAMETER, 'no match[] parameter provided');
    }
    return this.limited(query, (scope) => this.catalog.findSeries(scope));
  }

  async labelNames(query: CatalogQuery): Promise<Listed<string>> {
    return this.limited(query, (scope) => this.catalog.findLabelNames(scope));
  }

  async labelValues(label: string, query: CatalogQuery): Promise<Listed<string>> {
    if (label === '') throw new MetricsQueryException(QueryErrorCode.INVALID_PARAMETER, 'invalid label name: ""');
    return this.limited(query, (scope) => this.catalog.findLabelValues(label, scope));
  }

  /** Metric families with their (inferred) type; `limit` families, `limitPerMetric` entries each (always 1 here). */
  async metadata(metric?: string, limit = 0): Promise<Record<string, MetricMetadata[]>> {
    const families = [...inferMetadata(await this.catalog.findMetricNames(metric)).entries()];
    const kept = limit > 0 ? families.slice(0, limit) : families;
    return Object.fromEntries(kept.map(([name, meta]) => [name, [meta]]));
  }

  private async run(
    options: QueryOptions,
    evaluate: (
      store: PromqlStorageAdapter,
      engine: { maxSamples: number; timeoutMs: number; lookbackDeltaMs: number },
    ) => Promise<QueryResult>,
  ): Promise<QueryResult> {
    const timeoutMs = Math.min(options.timeoutMs ?? Infinity, this.limits.timeoutMs);
    const store = new PromqlStorageAdapter(this.series, this.samples, this.limits.maxSamples, Date.now() + timeoutMs);
    let result: QueryResult;
    try {
      result = await evaluate(store, {
        maxSamples: this.limits.maxSamples,
        timeoutMs,
        lookbackDeltaMs: this.limits.lookbackDeltaMs,
      });
    } catch (error) {
      if (error instanceof PromQLError) throw MetricsQueryException.fromPromQL(error);
      throw error;
    }
    return truncate(result, options.limit ?? 0);
  }

  private async limited<T>(query: CatalogQuery, find: (scope: CatalogScope) => Promise<T[]>): Promise<Listed<T>> {
    const limit = query.limit ?? 0;
    const scope: CatalogScope = {
      selectors: query.match.map((text) => parseSeriesSelector(text)),
      startMs: query.startMs,
      endMs: query.endMs,
      limit: limit > 0 ? limit + 1 : 0,
    };
    const found = await find(scope);
    if (limit > 0 && found.length > limit) return { items: found.slice(0, limit), warnings: [TRUNCATED] };
    return { items: found, warnings: [] };
  }
}

function truncate(result: QueryResult, limit: number): QueryResult {
  if (limit <= 0) return result;
  const value: QueryValue = result.value;
  if (value.type === 'vector' && value.samples.length > limit) {
    return {
      ...result,
      value: { type: 'vector', samples: value.samples.slice(0, limit) },
      warnings: [...result.warnings, TRUNCATED],
    };
  }
  if (value.type === 'matrix' && value.series.length > limit) {
    return {
      ...result,
      value: { type: 'matrix', series: value.series.slice(0, limit) },
      warnings: [...result.warnings, TRUNCATED],
    };
  }
  return result;
}
