import { KeelError } from '@keel/graphql';

export enum SessionErrorCode {
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  INVALID_REFRESH_TOKEN = 'INVALID_REFRESH_TOKEN',
}

/** One message per failure kind: the caller never learns which part was wrong. */
export class SessionException extends KeelError<SessionErrorCode> {
  static invalidCredentials(): SessionException {
    return new SessionException('UNAUTHENTICATED', SessionErrorCode.INVALID_CREDENTIALS, 'invalid credentials');
  }

  static invalidRefreshToken(): SessionException {
    return new SessionException('UNAUTHENTICATED', SessionErrorCode.INVALID_REFRESH_TOKEN, 'invalid refresh token');
  }
}
