import { randomBytes } from 'node:crypto';
import { Module } from '@nestjs/common';
import { auditTopic, type TopicContract } from '@keel/contracts';
import { NestFactory } from '@nestjs/core';
import type { KafkaClient } from '../kafka-client';
import type { KafkaSettings } from '../kafka-settings';
import { CapturingLogger, testSettings } from '../test-support/integration';
import { KafkaHealthIndicator } from './kafka-health.indicator';
import { KafkaModule } from './kafka.module';
import { KAFKA_CLIENT } from './kafka.constants';

const SETTINGS = 'TEST_KAFKA_SETTINGS';

async function appWith(settings: KafkaSettings, topics: TopicContract[] = []) {
  @Module({ providers: [{ provide: SETTINGS, useValue: settings }], exports: [SETTINGS] })
  class SettingsModule {}

  @Module({
    imports: [
      KafkaModule.forRoot({
        imports: [SettingsModule],
        inject: [SETTINGS],
        useFactory: (s: KafkaSettings) => s,
        topics,
      }),
    ],
  })
  class AppModule {}

  return NestFactory.createApplicationContext(AppModule, { logger: false });
}

describe('KafkaModule', () => {
  it('provides the client and a health indicator that reports the broker up, and closes the client on shutdown', async () => {
    const app = await appWith(testSettings(new CapturingLogger()));
    const client = app.get<KafkaClient>(KAFKA_CLIENT);
    await expect(app.get(KafkaHealthIndicator).isHealthy('kafka')).resolves.toEqual({
      kafka: { status: 'up', brokers: 1 },
    });
    await app.close();
    expect(() => client.publisher()).toThrow('kafka client is closed');
  });

  it('reports an unreachable broker down, with the reason', async () => {
    const app = await appWith({ ...testSettings(new CapturingLogger()), brokers: ['127.0.0.1:1'] });
    try {
      const result = await app.get(KafkaHealthIndicator).isHealthy('queue', 1000);
      expect(result.queue.status).toBe('down');
      expect(result.queue['message']).toMatch(/ECONNREFUSED/);
    } finally {
      await app.close();
    }
  });

  it('creates the topics it is given, with their dead-letter twins, at boot', async () => {
    const topic = `test.module_topics_${randomBytes(4).toString('hex')}`;
    const contract: TopicContract = { ...auditTopic, topic, dlq: `${topic}.dlq` };
    const app = await appWith(testSettings(new CapturingLogger()), [contract]);
    const client = app.get<KafkaClient>(KAFKA_CLIENT);
    try {
      expect(await client.ensureTopics([contract])).toEqual([]);
    } finally {
      await client.deleteTopics([contract.topic, contract.dlq]);
      await app.close();
    }
  });
});
