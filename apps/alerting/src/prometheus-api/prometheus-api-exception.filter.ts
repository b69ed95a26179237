import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';

interface JsonResponse {
  status(code: number): JsonResponse;
  json(body: unknown): void;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'bad_data',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
};

/**
 * Failures of the Prometheus- and Alertmanager-compatible HTTP APIs leave in Prometheus' error envelope,
 * `{status:"error", errorType, error}`, with their status code; unexpected ones are logged and answered 500.
 */
@Catch()
export class PrometheusApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(PrometheusApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<JsonResponse>();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      response
        .status(status)
        .json({ status: 'error', errorType: ERROR_TYPES[status] ?? 'internal', error: exception.message });
      return;
    }
    this.logger.error({ err: exception }, 'API request failed');
    response.status(500).json({ status: 'error', errorType: 'internal', error: 'internal error' });
  }
}
