import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger, LevelWithSilent } from 'pino';
import type { Options } from 'pino-http';
import { correlationIdOf } from '../correlation/request-correlation';

// Probes hit these every few seconds; a line per probe would drown the rest.
const PROBE_PATH = /\/(health(\/live|\/ready)?|metrics)\/?(\?.*)?$/;

function levelFor(_req: IncomingMessage, res: ServerResponse, error?: Error): LevelWithSilent {
  if (error || res.statusCode >= 500) {
    return 'error';
  }
  return res.statusCode >= 400 ? 'warn' : 'info';
}

/**
 * pino-http settings: the request id IS the correlation id (bound as `correlationId` to every line
 * of the request), one `request completed` line per request except probes, level by status.
 */
export function httpLoggingOptions(logger: Logger): Options {
  return {
    logger,
    genReqId: (req) => correlationIdOf(req),
    customAttributeKeys: { reqId: 'correlationId' },
    quietReqLogger: true,
    customLogLevel: levelFor,
    autoLogging: { ignore: (req) => PROBE_PATH.test(req.url ?? '') },
  };
}
