import type { QueryValue } from '@keel/promql';
import { formatSampleValue, formatTimestamp } from './prom-format';
import { QueryErrorCode } from './query.errors';

export type PromPoint = [number, string];

export type PromQueryData =
  | { resultType: 'scalar'; result: PromPoint }
  | { resultType: 'string'; result: PromPoint }
  | { resultType: 'vector'; result: { metric: Record<string, string>; value: PromPoint }[] }
  | { resultType: 'matrix'; result: { metric: Record<string, string>; values: PromPoint[] }[] };

export interface PromSuccess<T> {
  status: 'success';
  data: T;
  warnings?: string[];
  infos?: string[];
}

export type PromErrorType =
  'bad_data' | 'execution' | 'timeout' | 'canceled' | 'internal' | 'not_found' | 'unauthorized' | 'forbidden';

export interface PromError {
  status: 'error';
  errorType: PromErrorType;
  error: string;
}

/** Prometheus' envelope; `warnings` and `infos` only when there are some, as Prometheus omits them. */
export function promSuccess<T>(
  data: T,
  warnings: readonly string[] = [],
  infos: readonly string[] = [],
): PromSuccess<T> {
  return {
    status: 'success',
    data,
    ...(warnings.length > 0 ? { warnings: [...warnings] } : {}),
    ...(infos.length > 0 ? { infos: [...infos] } : {}),
  };
}

/** An engine result in the API's shape: values as strings, timestamps as float seconds. */
export function toPromQueryData(value: QueryValue): PromQueryData {
  const point = (t: number, v: number): PromPoint => [formatTimestamp(t), formatSampleValue(v)];
  switch (value.type) {
    case 'scalar':
      return { resultType: 'scalar', result: point(value.t, value.v) };
    case 'string':
      return { resultType: 'string', result: [formatTimestamp(value.t), value.v] };
    case 'vector':
      return {
        resultType: 'vector',
        result: value.samples.map((s) => ({ metric: s.labels, value: point(s.t, s.v) })),
      };
    case 'matrix':
      return {
        resultType: 'matrix',
        result: value.series.map((s) => ({ metric: s.labels, values: s.samples.map((p) => point(p.t, p.v)) })),
      };
  }
}

/** The Prometheus error type and HTTP status of each refusal (Prometheus' respondError table). */
export const PROM_ERRORS: Record<QueryErrorCode, { errorType: PromErrorType; status: number }> = {
  [QueryErrorCode.INVALID_QUERY]: { errorType: 'bad_data', status: 400 },
  [QueryErrorCode.INVALID_PARAMETER]: { errorType: 'bad_data', status: 400 },
  [QueryErrorCode.EXECUTION_FAILED]: { errorType: 'execution', status: 422 },
  [QueryErrorCode.TOO_MANY_SAMPLES]: { errorType: 'execution', status: 422 },
  [QueryErrorCode.QUERY_TIMEOUT]: { errorType: 'timeout', status: 503 },
  [QueryErrorCode.QUERY_CANCELED]: { errorType: 'canceled', status: 503 },
};

/** Statuses of errors raised outside the query code (the auth guard, the router) → the envelope's error type. */
export function errorTypeOfStatus(status: number): PromErrorType {
  switch (status) {
    case 400:
      return 'bad_data';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 422:
      return 'execution';
    case 503:
      return 'timeout';
    default:
      return 'internal';
  }
}
