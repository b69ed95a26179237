import type { KafkaLogger } from './kafka-settings';
import { installShutdownHooks } from './shutdown-hooks';

const quietLogger: KafkaLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
// A signal nobody else in the test process listens to; process.emit only calls the listeners.
const SIGNAL: NodeJS.Signals = 'SIGUSR2';

function waitForExit(): { exit: (code: number) => void; code: Promise<number> } {
  let exit: (code: number) => void = () => undefined;
  const code = new Promise<number>((resolve) => {
    exit = resolve;
  });
  return { exit, code };
}

describe('installShutdownHooks', () => {
  it('closes everything in order on the signal, then exits 0', async () => {
    const closed: string[] = [];
    const { exit, code } = waitForExit();
    const remove = installShutdownHooks(
      [{ close: async () => void closed.push('kafka') }, { close: async () => void closed.push('redis') }],
      { signals: [SIGNAL], exit, logger: quietLogger },
    );
    try {
      process.emit(SIGNAL, SIGNAL);
      await expect(code).resolves.toBe(0);
      expect(closed).toEqual(['kafka', 'redis']);
    } finally {
      remove();
    }
  });

  it('exits 1 when closing fails', async () => {
    const { exit, code } = waitForExit();
    const remove = installShutdownHooks(
      { close: () => Promise.reject(new Error('stuck')) },
      { signals: [SIGNAL], exit, logger: quietLogger },
    );
    try {
      process.emit(SIGNAL, SIGNAL);
      await expect(code).resolves.toBe(1);
    } finally {
      remove();
    }
  });

  it('exits 1 when closing takes longer than the timeout', async () => {
    const { exit, code } = waitForExit();
    const remove = installShutdownHooks(
      { close: () => new Promise<void>(() => undefined) },
      { signals: [SIGNAL], exit, logger: quietLogger, timeoutMs: 20 },
    );
    try {
      process.emit(SIGNAL, SIGNAL);
      await expect(code).resolves.toBe(1);
    } finally {
      remove();
    }
  });

  it('removes its listeners when asked', () => {
    const before = process.listenerCount(SIGNAL);
    const remove = installShutdownHooks({ close: async () => undefined }, { signals: [SIGNAL], logger: quietLogger });
    expect(process.listenerCount(SIGNAL)).toBe(before + 1);
    remove();
    expect(process.listenerCount(SIGNAL)).toBe(before);
  });
});
