import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { KafkaLogger, KafkaSettings } from '../kafka-settings';
import type { ConsumerTransportConfig, KafkaDriver } from '../kafka-transport';
import { KafkajsAdmin } from './kafkajs-admin';
import { KafkajsConsumer } from './kafkajs-consumer';
import { kafkajsLogCreator } from './kafkajs-logger';
import { KafkajsProducer } from './kafkajs-producer';

export function createKafkajsDriver(
  settings: KafkaSettings,
  connectionTimeoutMs: number,
  logger: KafkaLogger,
): KafkaDriver {
  const kafka = new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    connectionTimeout: connectionTimeoutMs,
    logLevel: logLevel.INFO,
    logCreator: kafkajsLogCreator(logger),
  });
  let probeAdmin: Admin | undefined;

  const dropProbe = async (): Promise<void> => {
    const admin = probeAdmin;
    probeAdmin = undefined;
    await admin?.disconnect().catch(() => undefined);
  };

  return {
    producer: () => new KafkajsProducer(kafka),
    admin: () => new KafkajsAdmin(kafka),
    consumer: (config: ConsumerTransportConfig) => new KafkajsConsumer(kafka, config, logger),

    async probe(timeoutMs: number): Promise<{ brokers: number }> {
      if (!probeAdmin) {
        // A client of its own: no retries and a connect timeout within the probe's budget, and no log
        // lines per failed probe (the caller reports the failure).
        probeAdmin = new Kafka({
          clientId: `${settings.clientId}-health`,
          brokers: settings.brokers,
          connectionTimeout: Math.min(connectionTimeoutMs, timeoutMs),
          requestTimeout: timeoutMs,
          logLevel: logLevel.NOTHING,
          retry: { retries: 0 },
        }).admin({ retry: { retries: 0 } });
      }
      try {
        await probeAdmin.connect();
        const cluster = await probeAdmin.describeCluster();
        return { brokers: cluster.brokers.length };
      } catch (error) {
        // The next probe starts from a fresh connection rather than a half-broken one.
        await dropProbe();
        throw error;
      }
    },

    close: dropProbe,
  };
}
