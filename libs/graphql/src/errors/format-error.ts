import { HttpException } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { currentCorrelationId } from '@keel/context';
import { KeelError, toGraphQLErrorCode } from './keel-error';

export interface ErrorLogger {
  error(object: Record<string, unknown>, message: string): void;
}

const HTTP_STATUS_CODES: Record<number, string> = {
  400: 'BAD_USER_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
};

// Codes that graphql-js and Apollo Server give to problems of the request itself; their messages are safe.
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * One place where any error thrown below a resolver becomes what the client sees: feature errors keep their
 * message and get their category's code; guard exceptions become UNAUTHENTICATED/FORBIDDEN; request errors from
 * graphql-js pass; anything else is logged with the correlation id and shown as "internal error".
 */
export function createFormatError(logger: ErrorLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

    if (original instanceof KeelError) {
      return {
        ...base,
        message: original.message,
        extensions: { code: toGraphQLErrorCode(original.category), reason: original.code, ...original.details },
      };
    }
    if (original instanceof HttpException) {
      const code = HTTP_STATUS_CODES[original.getStatus()];
      if (code) return { ...base, message: original.message, extensions: { code } };
    }
    const code = formatted.extensions?.['code'];
    if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      return { ...base, extensions: { code } };
    }
    if (original instanceof GraphQLError && !original.originalError) {
      // Thrown by graphql-js itself (e.g. variable coercion): a request problem.
      return { ...base, extensions: { code: 'BAD_USER_INPUT' } };
    }
    const correlationId = currentCorrelationId();
    logger.error({ err: original, correlationId, path: formatted.path }, 'unhandled error in GraphQL resolver');
    return { ...base, message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR', correlationId } };
  };
}
