export type AuthErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN';

/**
 * Raised for a missing, expired, forged or malformed credential (UNAUTHENTICATED) or a role that does not
 * suffice (FORBIDDEN). The message is safe to show: it never says which part of a credential was wrong.
 */
export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    message: string = code === 'UNAUTHENTICATED' ? 'authentication required' : 'not allowed',
  ) {
    super(message);
    this.name = 'AuthError';
  }
}
