/** The logging surface the Kafka lib needs; a pino logger satisfies it. */
export interface KafkaLogger {
  debug(msg: string, meta?: Record<string, unknown>): void;
  info(msg: string, meta?: Record<string, unknown>): void;
  warn(msg: string, meta?: Record<string, unknown>): void;
  error(msg: string, meta?: Record<string, unknown>): void;
}

export interface KafkaSettings {
  /** `host:port` of one or more brokers. */
  brokers: string[];
  clientId: string;
  /** TCP connect timeout per broker; default 3000 ms. */
  connectionTimeoutMs?: number;
  /** Default: warnings and errors to stderr, nothing else. */
  logger?: KafkaLogger;
}

/** Used when the caller gives no logger: quiet, but problems are never swallowed. */
export const stderrKafkaLogger: KafkaLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (msg, meta) => process.stderr.write(`${JSON.stringify({ level: 'warn', msg, ...meta })}\n`),
  error: (msg, meta) => process.stderr.write(`${JSON.stringify({ level: 'error', msg, ...meta })}\n`),
};

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
