import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DatabaseModule } from '@keel/database';
import { KafkaModule } from '@keel/kafka';
import { RedisModule } from '@keel/redis';
import { ObservabilityModule } from './observability.module';
import { startTcpProxy, type TcpProxy } from '@keel/testing';

const databaseUrl = process.env.KEEL_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/keel';
const redisUrl = new URL(process.env.KEEL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
const kafkaBrokers = (process.env.KEEL_TEST_KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

interface ReadyBody {
  status: string;
  error: Record<string, { status: string; message?: string }>;
  details: Record<string, { status: string }>;
}

describe('/health/ready with PostgreSQL, Redis and Kafka', () => {
  const suffix = randomBytes(4).toString('hex');
  let redisProxy: TcpProxy;
  let app: NestExpressApplication;
  let base: string;

  beforeAll(async () => {
    redisProxy = await startTcpProxy(redisUrl.hostname, Number(redisUrl.port || 6379));
    const proxiedRedis = new URL(redisUrl);
    proxiedRedis.hostname = '127.0.0.1';
    proxiedRedis.port = String(redisProxy.port);
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() });

    @Module({
      imports: [
        ObservabilityModule.forRoot({
          service: 'ready-test',
          logLevel: 'info',
          readiness: { database: true, redis: true, kafka: true },
          logDestination: silent,
        }),
        DatabaseModule.forRoot({
          useFactory: () => ({ url: databaseUrl, schema: `obs_ready_${suffix}`, entities: [], migrations: [] }),
        }),
        RedisModule.forRoot({
          useFactory: () => ({ url: proxiedRedis.toString(), keyPrefix: `keel:test:ready_${suffix}:` }),
        }),
        KafkaModule.forRoot({ useFactory: () => ({ brokers: kafkaBrokers, clientId: `ready-test-${suffix}` }) }),
      ],
    })
    class AppModule {}

    app = await NestFactory.create<NestExpressApplication>(AppModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app.close();
    await redisProxy.shut();
  });

  it('is 200 when all three answer, listing each', async () => {
    const response = await fetch(`${base}/health/ready`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as ReadyBody;
    expect(body.status).toBe('ok');
    expect(Object.fromEntries(Object.entries(body.details).map(([key, value]) => [key, value.status]))).toEqual({
      database: 'up',
      redis: 'up',
      kafka: 'up',
    });
  });

  it('is 503 naming Redis alone once Redis is gone', async () => {
    await redisProxy.shut();
    const response = await fetch(`${base}/health/ready`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as ReadyBody;
    expect(body.status).toBe('error');
    expect(Object.keys(body.error)).toEqual(['redis']);
    expect(body.error.redis?.status).toBe('down');
    expect(body.details.database?.status).toBe('up');
    expect(body.details.kafka?.status).toBe('up');
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
  });
});
