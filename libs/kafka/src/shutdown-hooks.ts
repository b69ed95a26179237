import { errorMessage, stderrKafkaLogger, type KafkaLogger } from './kafka-settings';

export interface Closable {
  close(): Promise<void>;
}

export interface ShutdownHookOptions {
  signals?: NodeJS.Signals[];
  /** After this long the process exits with code 1 even if closing has not finished; default 25000 ms. */
  timeoutMs?: number;
  logger?: KafkaLogger;
  /** Default process.exit; replaceable for tests. */
  exit?: (code: number) => void;
}

/**
 * For processes without Nest: on SIGTERM or SIGINT, close everything given (in order), then exit 0, or 1
 * when closing failed or took too long. A second signal exits at once. Returns a function that removes the hooks.
 */
export function installShutdownHooks(
  closables: Closable | readonly Closable[],
  options: ShutdownHookOptions = {},
): () => void {
  const targets = Array.isArray(closables) ? closables : [closables as Closable];
  const signals = options.signals ?? ['SIGTERM', 'SIGINT'];
  const logger = options.logger ?? stderrKafkaLogger;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let shuttingDown = false;

  const onSignal = (signal: NodeJS.Signals): void => {
    if (shuttingDown) {
      logger.warn('second shutdown signal, exiting now', { signal });
      exit(1);
      return;
    }
    shuttingDown = true;
    logger.info('shutdown signal received, closing connections', { signal });
    const timer = setTimeout(() => {
      logger.error('shutdown took too long, exiting', { timeoutMs: options.timeoutMs ?? 25000 });
      exit(1);
    }, options.timeoutMs ?? 25000);
    timer.unref();
    closeInOrder(targets)
      .then(
        () => exit(0),
        (error: unknown) => {
          logger.error('shutdown failed', { error: errorMessage(error) });
          exit(1);
        },
      )
      .finally(() => clearTimeout(timer));
  };

  for (const signal of signals) {
    process.on(signal, onSignal);
  }
  return () => {
    for (const signal of signals) {
      process.off(signal, onSignal);
    }
  };
}

async function closeInOrder(targets: readonly Closable[]): Promise<void> {
  for (const target of targets) {
    await target.close();
  }
}
