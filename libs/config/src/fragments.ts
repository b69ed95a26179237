import { z } from 'zod';
import { envEnum, envInteger, envList, envSecret, envUrl } from './env-types';

// Shapes to spread into an app's schema: z.object({ ...httpEnv, ...databaseEnv, MY_VAR: … }).

export const httpEnv = {
  HOST: z.string().default('127.0.0.1').describe('Interface the HTTP server binds to'),
  PORT: envInteger({ min: 1, max: 65535 }).describe('TCP port the HTTP server listens on'),
};

export const databaseEnv = {
  DATABASE_URL: envUrl(['postgres', 'postgresql']).describe(
    'PostgreSQL connection URL, postgres://user[:password]@host:port/database',
  ),
};

export const redisEnv = {
  REDIS_URL: envUrl(['redis', 'rediss']).default('redis://127.0.0.1:6379').describe('Redis connection URL'),
  REDIS_KEY_PREFIX: z
    .string()
    .default('keel:')
    .describe('Prefix of every Redis key and BullMQ queue, so deployments can share a Redis'),
};

export const kafkaEnv = {
  KAFKA_BROKERS: envList({ item: /^[^\s:]+:\d{1,5}$/, itemName: 'host:port' })
    .default(['127.0.0.1:9092'])
    .describe('Kafka bootstrap brokers, comma-separated host:port'),
  KAFKA_CLIENT_ID: z.string().optional().describe('Kafka client id; the service name when unset'),
};

export const authEnv = {
  JWT_SECRET: envSecret({ minLength: 32 }).describe('HMAC secret for access tokens, at least 32 characters'),
  JWT_ACCESS_TTL_SECONDS: envInteger({ min: 1 }).default(900).describe('Lifetime of an access token, in seconds'),
  JWT_REFRESH_TTL_SECONDS: envInteger({ min: 1 })
    .default(1_209_600)
    .describe('Lifetime of a refresh token, in seconds (14 days by default)'),
  JWT_ISSUER: z.string().default('keel').describe('Issuer (iss) of the tokens this deployment signs and accepts'),
};

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

export const logEnv = {
  LOG_LEVEL: envEnum(LOG_LEVELS).default('info').describe('Lowest level of log lines written'),
};

export const NODE_ENVS = ['development', 'test', 'production'] as const;

export const runtimeEnv = {
  NODE_ENV: envEnum(NODE_ENVS).default('development').describe('Runtime environment'),
};
