import { z } from 'zod';
import { describeConfig } from './describe-config';
import { authEnv, databaseEnv, httpEnv, kafkaEnv, logEnv, redisEnv, runtimeEnv } from './fragments';
import { loadConfig } from './load-config';

const all = z.object({ ...httpEnv, ...databaseEnv, ...redisEnv, ...kafkaEnv, ...authEnv, ...logEnv, ...runtimeEnv });
const required = { PORT: '4000', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/keel', JWT_SECRET: 's'.repeat(32) };

describe('environment fragments', () => {
  it('apply the documented defaults', () => {
    expect(loadConfig(all, required)).toEqual({
      HOST: '127.0.0.1',
      PORT: 4000,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/keel',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: 'keel:',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      JWT_SECRET: 's'.repeat(32),
      JWT_ACCESS_TTL_SECONDS: 900,
      JWT_REFRESH_TTL_SECONDS: 1_209_600,
      JWT_ISSUER: 'keel',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
    });
  });

  it('parse overridden values', () => {
    const config = loadConfig(all, {
      ...required,
      REDIS_URL: 'rediss://:pw@cache:6380/2',
      KAFKA_BROKERS: 'k1:9092, k2:9093',
      KAFKA_CLIENT_ID: 'keel-metrics',
      JWT_ACCESS_TTL_SECONDS: '60',
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
    });
    expect(config).toMatchObject({
      REDIS_URL: 'rediss://:pw@cache:6380/2',
      KAFKA_BROKERS: ['k1:9092', 'k2:9093'],
      KAFKA_CLIENT_ID: 'keel-metrics',
      JWT_ACCESS_TTL_SECONDS: 60,
      LOG_LEVEL: 'debug',
      NODE_ENV: 'production',
    });
  });

  it('require exactly PORT, DATABASE_URL and JWT_SECRET', () => {
    expect(
      describeConfig(all)
        .filter((v) => v.required)
        .map((v) => v.name),
    ).toEqual(['PORT', 'DATABASE_URL', 'JWT_SECRET']);
  });

  it('describe every variable', () => {
    for (const variable of describeConfig(all)) {
      expect(variable.description).not.toBe('');
    }
  });
});
