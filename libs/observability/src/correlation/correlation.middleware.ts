import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { CORRELATION_HEADER, runWithContext } from '@keel/context';
import { correlationIdOf } from './request-correlation';

/** Opens the request context: everything the request does (and logs) carries its correlation id. */
@Injectable()
export class CorrelationMiddleware implements NestMiddleware {
  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const correlationId = correlationIdOf(req);
    res.setHeader(CORRELATION_HEADER, correlationId);
    runWithContext({ correlationId }, next);
  }
}
