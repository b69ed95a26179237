/** Injection token of the ioredis client provided by RedisModule. */
export const REDIS_CLIENT = 'REDIS_CLIENT';
