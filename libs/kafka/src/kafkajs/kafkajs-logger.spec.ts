import { logLevel } from 'kafkajs';
import type { KafkaLogger } from '../kafka-settings';
import { kafkajsLogCreator } from './kafkajs-logger';

function recordingLogger(): { logger: KafkaLogger; lines: [string, string, Record<string, unknown> | undefined][] } {
  const lines: [string, string, Record<string, unknown> | undefined][] = [];
  const record = (level: string) => (msg: string, meta?: Record<string, unknown>) =>
    void lines.push([level, msg, meta]);
  return {
    lines,
    logger: { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') },
  };
}

describe('kafkajsLogCreator', () => {
  const entry = (level: logLevel, message: string) => ({
    namespace: 'Consumer',
    level,
    label: 'X',
    log: { timestamp: '2026-01-01T00:00:00Z', logger: 'kafkajs', message, groupId: 'g' },
  });

  it('keeps errors and warnings, demotes info to debug, and drops kafkajs bookkeeping fields', () => {
    const { logger, lines } = recordingLogger();
    const log = kafkajsLogCreator(logger)(logLevel.INFO);
    log(entry(logLevel.ERROR, 'crash'));
    log(entry(logLevel.WARN, 'rebalancing'));
    log(entry(logLevel.INFO, 'joined'));
    expect(lines).toEqual([
      ['error', 'kafkajs Consumer: crash', { groupId: 'g' }],
      ['warn', 'kafkajs Consumer: rebalancing', { groupId: 'g' }],
      ['debug', 'kafkajs Consumer: joined', { groupId: 'g' }],
    ]);
  });

  it('drops the warning about the bounded retries we chose on purpose', () => {
    const { logger, lines } = recordingLogger();
    kafkajsLogCreator(logger)(logLevel.INFO)(
      entry(logLevel.WARN, 'Limiting retries for the idempotent producer may invalidate EoS guarantees'),
    );
    expect(lines).toEqual([]);
  });
});
