import { KeelError } from '@keel/graphql';

export enum ApiKeyErrorCode {
  API_KEY_NOT_FOUND = 'API_KEY_NOT_FOUND',
  INVALID_NAME = 'INVALID_NAME',
  INVALID_SCOPES = 'INVALID_SCOPES',
  INVALID_EXPIRY = 'INVALID_EXPIRY',
  INVALID_API_KEY = 'INVALID_API_KEY',
}

export class ApiKeyException extends KeelError<ApiKeyErrorCode> {
  static notFound(id: string): ApiKeyException {
    return new ApiKeyException('NOT_FOUND', ApiKeyErrorCode.API_KEY_NOT_FOUND, `API key ${id} does not exist`);
  }

  static invalid(code: ApiKeyErrorCode, message: string): ApiKeyException {
    return new ApiKeyException('BAD_USER_INPUT', code, message);
  }

  /** Unknown, malformed, wrong secret, revoked or expired: the caller is not told which. */
  static unusable(): ApiKeyException {
    return new ApiKeyException('UNAUTHENTICATED', ApiKeyErrorCode.INVALID_API_KEY, 'invalid API key');
  }
}
