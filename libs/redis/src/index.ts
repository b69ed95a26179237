export type { Redis } from 'ioredis';
export { closeRedis, createBullConnection, createRedis } from './create-redis';
export { checkRedisHealth, type RedisHealth } from './redis-health';
export { describeRedisUrl, type RedisLogger, type RedisSettings } from './redis-settings';
export { RedisModule, type RedisModuleOptions } from './nest/redis.module';
export { RedisHealthIndicator } from './nest/redis-health.indicator';
export { REDIS_CLIENT } from './nest/redis.constants';
