import { hostname } from 'node:os';
import { currentCorrelationId } from '@keel/context';
import { type DestinationStream, type Level, type Logger, type LoggerOptions, pino } from 'pino';
import { REDACTED, redactPaths } from './redaction';

export interface CreateLoggerOptions {
  /** Written as `service` on every line. */
  service: string;
  level: Level | 'silent';
  /** Where lines go; default stdout. Tests pass a stream to read them back. */
  destination?: DestinationStream;
}

const CORRELATION_KEY = 'correlationId';
const BOUND_CORRELATION = `"${CORRELATION_KEY}":`;

/** Whether a child logger already carries the id in its bindings (pino-http binds it per request). */
function hasBoundCorrelationId(logger: Logger): boolean {
  const bindings = (logger as unknown as Record<symbol, unknown>)[pino.symbols.chindingsSym];
  return typeof bindings === 'string' && bindings.includes(BOUND_CORRELATION);
}

/**
 * The one JSON logger of a service: `service`, `pid` and `hostname` on every line, the current
 * correlation id (from @keel/context) mixed in, credentials and tokens redacted.
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const loggerOptions: LoggerOptions = {
    level: options.level,
    base: { service: options.service, pid: process.pid, hostname: hostname() },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: (_object, _level, logger) => {
      const correlationId = currentCorrelationId();
      return correlationId === undefined || hasBoundCorrelationId(logger) ? {} : { [CORRELATION_KEY]: correlationId };
    },
    redact: { paths: redactPaths(), censor: REDACTED },
  };
  return options.destination ? pino(loggerOptions, options.destination) : pino(loggerOptions);
}
