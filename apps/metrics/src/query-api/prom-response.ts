import type { QueryValue } from '@keel/promql';
import { formatSampleValue, formatTimestamp } from './prom-format';
import type { PromErrorType } from '@keel/prometheus-api';
import { MetricsQueryException, QueryErrorCode } from './query.errors';

export type PromPoint = [number, string];

export type PromQueryData =
  | { resultType: 'scalar'; result: PromPoint }
  | { resultType: 'string'; result: PromPoint }
  | { resultType: 'vector'; result: { metric: Record<string, string>; value: PromPoint }[] }
  | { resultType: 'matrix'; result: { metric: Record<string, string>; values: PromPoint[] }[] };

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
/** The query API's own errors → Prometheus' status and error type. */
export const PROM_ERRORS: Record<QueryErrorCode, { errorType: PromErrorType; status: number }> = {
  [QueryErrorCode.INVALID_QUERY]: { errorType: 'bad_data', status: 400 },
  [QueryErrorCode.INVALID_PARAMETER]: { errorType: 'bad_data', status: 400 },
  [QueryErrorCode.EXECUTION_FAILED]: { errorType: 'execution', status: 422 },
  [QueryErrorCode.TOO_MANY_SAMPLES]: { errorType: 'execution', status: 422 },
  [QueryErrorCode.QUERY_TIMEOUT]: { errorType: 'timeout', status: 503 },
  [QueryErrorCode.QUERY_CANCELED]: { errorType: 'canceled', status: 503 },
};

/** For the Prometheus API's exception filter: a refused query leaves with Prometheus' status and error type. */
export function promErrorOfQuery(exception: unknown): { status: number; errorType: PromErrorType } | undefined {
  return exception instanceof MetricsQueryException ? PROM_ERRORS[exception.code] : undefined;
}
