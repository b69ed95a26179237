import { Catch, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { KeelError, type ErrorCategory } from '@keel/graphql';

const STATUS: Record<ErrorCategory, HttpStatus> = {
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  BAD_USER_INPUT: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  INTERNAL: HttpStatus.INTERNAL_SERVER_ERROR,
};

interface JsonResponse {
  status(code: number): JsonResponse;
  json(body: unknown): void;
}

/** The HTTP twin of the GraphQL error mapping, for identity's internal REST endpoints. */
@Catch(KeelError)
export class KeelErrorHttpFilter implements ExceptionFilter<KeelError> {
  private readonly logger = new Logger(KeelErrorHttpFilter.name);

  catch(error: KeelError, host: ArgumentsHost): void {
    const status = STATUS[error.category];
    if (status === HttpStatus.INTERNAL_SERVER_ERROR) this.logger.error({ err: error }, 'internal error');
    const message = status === HttpStatus.INTERNAL_SERVER_ERROR ? 'internal error' : error.message;
    host
      .switchToHttp()
      .getResponse<JsonResponse>()
      .status(status)
      .json({ statusCode: status, code: error.code, message });
  }
}
