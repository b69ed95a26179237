import { createRedis } from '@keel/redis';
import { uniqueName } from './unique-name';

export const TEST_REDIS_URL = process.env.KEEL_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A Redis key prefix of its own for one test file (`test:<name>_<random>:`), and a cleanup that deletes its keys. */
export function testRedisPrefix(name: string): { prefix: string; cleanup(): Promise<number> } {
  const prefix = `test:${uniqueName(name)}:`;
  return {
    prefix,
    cleanup: async () => {
      const redis = createRedis({ url: TEST_REDIS_URL, keyPrefix: '' });
      let deleted = 0;
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
          cursor = next;
          if (keys.length > 0) deleted += await redis.del(...keys);
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
      return deleted;
    },
  };
}
