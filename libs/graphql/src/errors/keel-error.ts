/**
 * What kind of failure an error is, as a client must react to it. Every feature exception names one, and
 * toGraphQLErrorCode maps each to exactly one GraphQL error code.
 */
export type ErrorCategory = 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'INTERNAL';

/**
 * Base of every feature exception (`class IncidentException extends KeelError<IncidentErrorCode>`). `code` is
 * the feature's own precise code (e.g. USER_NAME_TAKEN); `category` tells the client what to do about it. The
 * message is shown to the client, so it names the bad input and never leaks internals.
 */
export class KeelError<Code extends string = string> extends Error {
  constructor(
    readonly category: ErrorCategory,
    readonly code: Code,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export function toGraphQLErrorCode(category: ErrorCategory): string {
  switch (category) {
    case 'NOT_FOUND':
      return 'NOT_FOUND';
    case 'CONFLICT':
      return 'CONFLICT';
    case 'FORBIDDEN':
      return 'FORBIDDEN';
    case 'BAD_USER_INPUT':
      return 'BAD_USER_INPUT';
    case 'UNAUTHENTICATED':
      return 'UNAUTHENTICATED';
    case 'INTERNAL':
      return 'INTERNAL_SERVER_ERROR';
    default: {
      const unreachable: never = category;
      throw new Error(`unmapped error category ${String(unreachable)}`);
    }
  }
}
