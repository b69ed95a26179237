/** A readable reason for any thrown value. */
export function errorMessage(error: unknown): string {
  // Duck-typed rather than `instanceof`: errors raised by Node's own modules come from another realm
  // under Jest's VM sandbox, and a plain object with a message is just as readable.
  if (typeof error !== 'object' || error === null) {
    return String(error);
  }
  const { message, name, errors } = error as { message?: unknown; name?: unknown; errors?: unknown };
  if (Array.isArray(errors) && errors.length > 0 && !message) {
    // pg reports a refused connection to a host with several addresses (::1 and 127.0.0.1) as an
    // AggregateError whose own message is empty.
    return errors.map(errorMessage).join('; ');
  }
  if (typeof message === 'string' && message.length > 0) {
    return message;
  }
  return typeof name === 'string' ? name : String(error);
}
