/** A value handed to the publisher does not satisfy its topic contract; nothing was sent. */
export class ContractViolationError extends Error {
  override readonly name = 'ContractViolationError';

  constructor(
    readonly topic: string,
    readonly reason: string,
  ) {
    super(`message for topic ${topic} violates its contract: ${reason}`);
  }
}

/**
 * Thrown by a handler for a message that is valid by schema but can never be processed (for example it
 * refers to something that does not exist). The consumer dead-letters it at once instead of retrying.
 */
export class PermanentMessageError extends Error {
  override readonly name = 'PermanentMessageError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
