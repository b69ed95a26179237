/** The logging surface this lib needs; a pino logger satisfies it. */
export interface RedisLogger {
  info(msg: string, meta?: Record<string, unknown>): void;
  warn(msg: string, meta?: Record<string, unknown>): void;
  error(msg: string, meta?: Record<string, unknown>): void;
}

export interface RedisSettings {
  /** redis://[:password@]host:port[/db] or rediss:// for TLS. */
  url: string;
  /** Prepended to every key this client touches, e.g. `keel:alerting:`; must end with `:`. The empty string
   * means no prefix, for tooling that works across prefixes (test cleanup, admin commands). */
  keyPrefix: string;
  /** Connect on the first command instead of at once. */
  lazyConnect?: boolean;
  /** Shown by CLIENT LIST, which helps find who holds connections. */
  connectionName?: string;
  /** Default: connection problems to stderr. */
  logger?: RedisLogger;
}

export const stderrRedisLogger: RedisLogger = {
  info: () => undefined,
  warn: (msg, meta) => process.stderr.write(`${JSON.stringify({ level: 'warn', msg, ...meta })}\n`),
  error: (msg, meta) => process.stderr.write(`${JSON.stringify({ level: 'error', msg, ...meta })}\n`),
};

const PREFIX = /^[A-Za-z0-9._-]+(:[A-Za-z0-9._-]+)*:$/;

export function assertKeyPrefix(keyPrefix: string): void {
  if (keyPrefix !== '' && !PREFIX.test(keyPrefix)) {
    throw new Error(
      `Redis keyPrefix ${JSON.stringify(keyPrefix)} must be segments of [A-Za-z0-9._-] separated by ':' and end with ':', e.g. "keel:alerting:" (or be empty for no prefix)`,
    );
  }
}

/** The URL without its credentials, for log lines and error messages. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
      return '<not a redis:// URL>';
    }
    return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return '<unparseable Redis URL>';
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
