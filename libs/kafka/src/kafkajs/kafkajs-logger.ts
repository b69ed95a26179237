import { logLevel, type logCreator } from 'kafkajs';
import type { KafkaLogger } from '../kafka-settings';

// Deliberate: the idempotent producer runs with bounded retries (see kafkajs-producer.ts), which kafkajs
// warns about on every producer it creates. The trade-off is documented there; the warning is noise.
const SUPPRESSED = new Set(['Limiting retries for the idempotent producer may invalidate EoS guarantees']);

/** kafkajs narrates group joins and pauses at info level; that is debug detail for us. */
export function kafkajsLogCreator(logger: KafkaLogger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const { message, timestamp: _timestamp, logger: _source, ...meta } = log;
      if (SUPPRESSED.has(message)) {
        return;
      }
      const text = `kafkajs ${namespace}: ${message}`;
      const fields: Record<string, unknown> = { ...meta };
      switch (level) {
        case logLevel.ERROR:
          logger.error(text, fields);
          break;
        case logLevel.WARN:
          logger.warn(text, fields);
          break;
        default:
          logger.debug(text, fields);
      }
    };
}
