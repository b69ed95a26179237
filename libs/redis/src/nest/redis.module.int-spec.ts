import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Redis } from 'ioredis';
import type { RedisSettings } from '../redis-settings';
import { RedisHealthIndicator } from './redis-health.indicator';
import { RedisModule } from './redis.module';
import { REDIS_CLIENT } from './redis.constants';

const REDIS_URL = process.env['KEEL_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const SETTINGS = 'TEST_REDIS_SETTINGS';
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function appWith(settings: RedisSettings) {
  @Module({ providers: [{ provide: SETTINGS, useValue: settings }], exports: [SETTINGS] })
  class SettingsModule {}

  @Module({
    imports: [
      RedisModule.forRoot({ imports: [SettingsModule], inject: [SETTINGS], useFactory: (s: RedisSettings) => s }),
    ],
  })
  class AppModule {}

  return NestFactory.createApplicationContext(AppModule, { logger: false });
}

describe('RedisModule', () => {
  it('provides the prefixed client and a health indicator, and quits on shutdown', async () => {
    const prefix = `test:redis-module-${Math.random().toString(36).slice(2, 10)}:`;
    const app = await appWith({ url: REDIS_URL, keyPrefix: prefix, logger: quiet });
    const client = app.get<Redis>(REDIS_CLIENT);
    expect(client.options.keyPrefix).toBe(prefix);
    await expect(app.get(RedisHealthIndicator).isHealthy('redis')).resolves.toEqual({ redis: { status: 'up' } });
    await app.close();
    expect(client.status).toBe('end');
  });

  it('reports an unreachable server down, with the reason', async () => {
    const app = await appWith({ url: 'redis://127.0.0.1:1', keyPrefix: 'test:unused:', logger: quiet });
    try {
      const result = await app.get(RedisHealthIndicator).isHealthy('cache', 500);
      expect(result.cache.status).toBe('down');
      expect(result.cache['message']).toMatch(/ECONNREFUSED/);
    } finally {
      await app.close();
    }
  });
});
