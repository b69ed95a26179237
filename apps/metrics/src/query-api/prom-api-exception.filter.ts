import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { PROM_ERRORS, errorTypeOfStatus, type PromError } from './prom-response';
import { MetricsQueryException } from './query.errors';

interface JsonResponse {
  status(code: number): JsonResponse;
  json(body: unknown): void;
}

/**
 * Every failure of the query API leaves in Prometheus' error envelope, `{status:"error", errorType, error}`,
 * with its status code, the auth guard's 401/403 included, so Grafana shows the message. Unexpected errors are
 * logged and answered 500 `internal` without their details.
 */
@Catch()
export class PromApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(PromApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<JsonResponse>();
    let status: number;
    let body: PromError;
    if (exception instanceof MetricsQueryException) {
      const mapped = PROM_ERRORS[exception.code];
      status = mapped.status;
      body = { status: 'error', errorType: mapped.errorType, error: exception.message };
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      body = { status: 'error', errorType: errorTypeOfStatus(status), error: exception.message };
    } else {
      this.logger.error({ err: exception }, 'query API request failed');
      status = 500;
      body = { status: 'error', errorType: 'internal', error: 'internal error' };
    }
    response.status(status).json(body);
  }
}
