/** Prometheus HTTP API's envelope (https://prometheus.io/docs/prometheus/latest/querying/api/#format-overview). */
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

/** The success envelope; `warnings` and `infos` only when there are some, as Prometheus omits them. */
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

/** Statuses of errors raised outside an API's own code (auth guards, the router) → the envelope's error type. */
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
