import type { IncomingMessage } from 'node:http';
import { CORRELATION_HEADER, correlationIdFrom } from '@keel/context';

const assigned = new WeakMap<IncomingMessage, string>();

/**
 * The request's correlation id: the sanitized incoming `x-correlation-id`, or a new one. Decided once
 * per request, so pino-http's request id and the middleware's context agree whichever runs first.
 */
export function correlationIdOf(req: IncomingMessage): string {
  let id = assigned.get(req);
  if (id === undefined) {
    id = correlationIdFrom(req.headers[CORRELATION_HEADER]);
    assigned.set(req, id);
  }
  return id;
}
