import { KeelError, type ErrorCategory } from '@keel/graphql';

export enum DirectoryErrorCode {
  /** One or more user ids are not users of the identity service; the message names every one. */
  UNKNOWN_USER = 'UNKNOWN_USER',
  /** One or more users named anew are disabled (they cannot sign in, so they cannot respond); every one named. */
  DISABLED_USER = 'DISABLED_USER',
  /** The identity service could not be asked (down, timing out, refusing the credential, answering garbage). */
  USER_CHECK_UNAVAILABLE = 'USER_CHECK_UNAVAILABLE',
  /** One or more service names are not in the catalog; the message names every one, with a suggestion when close. */
  UNKNOWN_SERVICE = 'UNKNOWN_SERVICE',
  /** `updateService` names a service that is not in the catalog. */
  SERVICE_NOT_FOUND = 'SERVICE_NOT_FOUND',
  /** `registerService` names a service that is already in the catalog. */
  SERVICE_EXISTS = 'SERVICE_EXISTS',
  /** A catalog entry is invalid; the message lists every issue, each naming its field. */
  INVALID_SERVICE = 'INVALID_SERVICE',
}

const CATEGORY: Record<DirectoryErrorCode, ErrorCategory> = {
  [DirectoryErrorCode.UNKNOWN_USER]: 'BAD_USER_INPUT',
  [DirectoryErrorCode.DISABLED_USER]: 'BAD_USER_INPUT',
  [DirectoryErrorCode.USER_CHECK_UNAVAILABLE]: 'INTERNAL',
  [DirectoryErrorCode.UNKNOWN_SERVICE]: 'BAD_USER_INPUT',
  [DirectoryErrorCode.SERVICE_NOT_FOUND]: 'NOT_FOUND',
  [DirectoryErrorCode.SERVICE_EXISTS]: 'CONFLICT',
  [DirectoryErrorCode.INVALID_SERVICE]: 'BAD_USER_INPUT',
};

export class DirectoryException extends KeelError<DirectoryErrorCode> {
  /** `details` reach the client as GraphQL error extensions (`unknown` ids or names, `suggestions`, `issues`). */
  constructor(code: DirectoryErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(CATEGORY[code], code, message, details);
  }
}
