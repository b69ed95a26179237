import { KeelError, type ErrorCategory } from '@keel/graphql';
import { PromQLError } from '@keel/promql';

export enum QueryErrorCode {
  /** The PromQL text does not parse or type-check (Prometheus: bad_data on the `query` parameter). */
  INVALID_QUERY = 'INVALID_QUERY',
  /** Another parameter is wrong: a time, a step, a selector in match[], a limit. */
  INVALID_PARAMETER = 'INVALID_PARAMETER',
  EXECUTION_FAILED = 'EXECUTION_FAILED',
  TOO_MANY_SAMPLES = 'TOO_MANY_SAMPLES',
  QUERY_TIMEOUT = 'QUERY_TIMEOUT',
  QUERY_CANCELED = 'QUERY_CANCELED',
}

const CATEGORY: Record<QueryErrorCode, ErrorCategory> = {
  [QueryErrorCode.INVALID_QUERY]: 'BAD_USER_INPUT',
  [QueryErrorCode.INVALID_PARAMETER]: 'BAD_USER_INPUT',
  [QueryErrorCode.EXECUTION_FAILED]: 'BAD_USER_INPUT',
  [QueryErrorCode.TOO_MANY_SAMPLES]: 'BAD_USER_INPUT',
  [QueryErrorCode.QUERY_TIMEOUT]: 'INTERNAL',
  [QueryErrorCode.QUERY_CANCELED]: 'INTERNAL',
};

/** A query the metrics service refuses; the Prometheus API and the subgraph each map the code to their errors. */
export class MetricsQueryException extends KeelError<QueryErrorCode> {
  constructor(code: QueryErrorCode, message: string) {
    super(CATEGORY[code], code, message);
  }

  static invalidParameter(name: string, reason: string): MetricsQueryException {
    return new MetricsQueryException(QueryErrorCode.INVALID_PARAMETER, `invalid parameter "${name}": ${reason}`);
  }

  static fromPromQL(error: PromQLError): MetricsQueryException {
    switch (error.kind) {
      case 'bad_data':
        return new MetricsQueryException(QueryErrorCode.INVALID_QUERY, error.message);
      case 'execution':
        return new MetricsQueryException(QueryErrorCode.EXECUTION_FAILED, error.message);
      case 'too_many_samples':
        return new MetricsQueryException(QueryErrorCode.TOO_MANY_SAMPLES, error.message);
      case 'timeout':
        return new MetricsQueryException(QueryErrorCode.QUERY_TIMEOUT, error.message);
      case 'canceled':
        return new MetricsQueryException(QueryErrorCode.QUERY_CANCELED, error.message);
    }
  }
}
