import { Injectable } from '@nestjs/common';
import type { MetricMetadata } from './metric-metadata';
import {
  BadDataError,
  MAX_TIME_MS,
  MIN_TIME_MS,
  parseDurationParam,
  parseRangeParams,
  parseTimeParam,
} from './prom-params';
import type { PromParams } from './prom-request';
import { promSuccess, type PromSuccess } from '@keel/prometheus-api';
import { toPromQueryData, type PromQueryData } from './prom-response';
import { MetricsQueryException, QueryErrorCode } from './query.errors';
import { QueryService, type CatalogQuery, type QueryOptions } from './query.service';

/**
 * The Prometheus HTTP API's parameters and envelope around QueryService: reads the parameters as Prometheus
 * does (names, defaults, messages), calls one service method, and wraps the result.
 */
@Injectable()
export class PromApiService {
  constructor(private readonly queries: QueryService) {}

  query(params: PromParams): Promise<PromSuccess<PromQueryData>> {
    return withPromErrors(async () => {
      const timeMs = parseTimeParam('time', params.get('time'), Date.now());
      const result = await this.queries.instant(params.get('query') ?? '', timeMs, queryOptions(params));
      return promSuccess(toPromQueryData(result.value), result.warnings, result.infos);
    });
  }

  queryRange(params: PromParams): Promise<PromSuccess<PromQueryData>> {
    return withPromErrors(async () => {
      const range = parseRangeParams({ start: params.get('start'), end: params.get('end'), step: params.get('step') });
      const options = queryOptions(params);
      const result = await this.queries.range(
        params.get('query') ?? '',
        range.startMs,
        range.endMs,
        range.stepMs,
        options,
      );
      return promSuccess(toPromQueryData(result.value), result.warnings, result.infos);
    });
  }

  series(params: PromParams): Promise<PromSuccess<Record<string, string>[]>> {
    return withPromErrors(async () => {
      const listed = await this.queries.findSeries(catalogQuery(params));
      return promSuccess(listed.items, listed.warnings);
    });
  }

  labels(params: PromParams): Promise<PromSuccess<string[]>> {
    return withPromErrors(async () => {
      const listed = await this.queries.labelNames(catalogQuery(params));
      return promSuccess(listed.items, listed.warnings);
    });
  }

  labelValues(name: string, params: PromParams): Promise<PromSuccess<string[]>> {
    return withPromErrors(async () => {
      const listed = await this.queries.labelValues(name, catalogQuery(params));
      return promSuccess(listed.items, listed.warnings);
    });
  }

  metadata(params: PromParams): Promise<PromSuccess<Record<string, MetricMetadata[]>>> {
    return withPromErrors(async () => {
      const metric = params.get('metric');
      const limit = parseLimit(params.get('limit'), 'limit');
      parseLimit(params.get('limit_per_metric'), 'limit_per_metric');
      return promSuccess(await this.queries.metadata(metric === '' ? undefined : metric, limit));
    });
  }
}

function queryOptions(params: PromParams): QueryOptions {
  const timeout = params.get('timeout');
  return {
    ...(timeout !== undefined && timeout !== '' ? { timeoutMs: parseDurationParam('timeout', timeout) } : {}),
    limit: parseLimit(params.get('limit'), 'limit'),
  };
}

function catalogQuery(params: PromParams): CatalogQuery {
  return {
    match: params.getAll('match[]'),
    startMs: parseTimeParam('start', params.get('start'), MIN_TIME_MS),
    endMs: parseTimeParam('end', params.get('end'), MAX_TIME_MS),
    limit: parseLimit(params.get('limit'), 'limit'),
  };
}

/** Prometheus' parseLimitParam: empty = 0 (no limit), else a non-negative integer. */
function parseLimit(raw: string | undefined, name: string): number {
  if (raw === undefined || raw === '') return 0;
  if (!/^[+-]?\d+$/.test(raw)) throw new BadDataError(`invalid parameter "${name}": cannot parse "${raw}" to a limit`);
  const limit = Number(raw);
  if (limit < 0) throw new BadDataError(`invalid parameter "${name}": limit must be non-negative`);
  return Math.min(limit, Number.MAX_SAFE_INTEGER);
}

/** Parameter errors and the engine's parse errors carry Prometheus' `invalid parameter "<name>": ` prefix. */
async function withPromErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BadDataError) {
      throw new MetricsQueryException(QueryErrorCode.INVALID_PARAMETER, error.message);
    }
    if (error instanceof MetricsQueryException && error.code === QueryErrorCode.INVALID_QUERY) {
      throw new MetricsQueryException(QueryErrorCode.INVALID_QUERY, `invalid parameter "query": ${error.message}`);
    }
    throw error;
  }
}
