import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { errorTypeOfStatus, type PromError, type PromErrorType } from './envelope';

interface JsonResponse {
  status(code: number): JsonResponse;
  json(body: unknown): void;
}

/** An API's own errors (a refused query, say) → their status and error type; undefined for anything else. */
export type PromErrorMapping = (exception: unknown) => { status: number; errorType: PromErrorType } | undefined;

/**
 * Every failure of a Prometheus- or Alertmanager-compatible HTTP API leaves in Prometheus' error envelope,
 * `{status:"error", errorType, error}`, with its status code, the auth guard's 401/403 included, so Grafana
 * and promtool show the message. An API maps its own errors with `mapping`; unexpected errors are logged and
 * answered 500 `internal` without their details. Use as `@UseFilters(new PrometheusApiExceptionFilter(...))`.
 */
@Catch()
export class PrometheusApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(PrometheusApiExceptionFilter.name);

  constructor(private readonly mapping: PromErrorMapping = () => undefined) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<JsonResponse>();
    const known = this.mapping(exception);
    let status: number;
    let body: PromError;
    if (known) {
      status = known.status;
      body = { status: 'error', errorType: known.errorType, error: (exception as Error).message };
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      body = { status: 'error', errorType: errorTypeOfStatus(status), error: exception.message };
    } else {
      this.logger.error({ err: exception }, 'API request failed');
      status = 500;
      body = { status: 'error', errorType: 'internal', error: 'internal error' };
    }
    response.status(status).json(body);
  }
}
