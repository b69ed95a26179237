import { Catch, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { KeelError, type ErrorCategory } from './keel-error';

const HTTP_STATUS: Record<ErrorCategory, HttpStatus> = {
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

/**
 * Feature errors are expected outcomes, not crashes. In GraphQL the error goes on to `createFormatError`
 * (Nest would otherwise log every KeelError as an unhandled exception); over HTTP its category becomes the
 * status code and `{statusCode, code, message}` the body. Installed globally by SubgraphModule.
 */
@Catch(KeelError)
export class KeelErrorFilter implements ExceptionFilter<KeelError> {
  private readonly logger = new Logger(KeelErrorFilter.name);

  catch(error: KeelError, host: ArgumentsHost): KeelError | undefined {
    if (host.getType<string>() === 'graphql') return error;
    const status = HTTP_STATUS[error.category];
    if (status === HttpStatus.INTERNAL_SERVER_ERROR) this.logger.error({ err: error }, 'internal error');
    const message = status === HttpStatus.INTERNAL_SERVER_ERROR ? 'internal error' : error.message;
    host
      .switchToHttp()
      .getResponse<JsonResponse>()
      .status(status)
      .json({ statusCode: status, code: error.code, message });
    return undefined;
  }
}
