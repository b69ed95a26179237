import type { Redis } from 'ioredis';
import { closeRedis, createBullConnection, createRedis } from './create-redis';
import { checkRedisHealth } from './redis-health';
import type { RedisLogger } from './redis-settings';

const REDIS_URL = process.env['KEEL_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const prefix = `test:redis-lib-${Math.random().toString(36).slice(2, 10)}:`;
const quiet: RedisLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

let client: Redis;
// Unprefixed: sees the real key names, and cleans up.
let raw: Redis;

beforeAll(() => {
  client = createRedis({ url: REDIS_URL, keyPrefix: prefix, logger: quiet });
  raw = createBullConnection(REDIS_URL, { logger: quiet });
});

afterAll(async () => {
  // Only this file's keys: other tests share the server, so never FLUSHDB.
  let cursor = '0';
  do {
    const [next, keys] = await raw.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 200);
    if (keys.length > 0) {
      await raw.del(...keys);
    }
    cursor = next;
  } while (cursor !== '0');
  await closeRedis(client);
  await closeRedis(raw);
});

describe('createRedis on the real server', () => {
  it('prefixes every key', async () => {
    await client.set('greeting', 'hello');
    await client.hset('tuple', 'a', '1');
    expect(await raw.get(`${prefix}greeting`)).toBe('hello');
    expect(await raw.hget(`${prefix}tuple`, 'a')).toBe('1');
    expect(await client.get('greeting')).toBe('hello');
  });

  it('connects lazily when asked', async () => {
    const lazy = createRedis({ url: REDIS_URL, keyPrefix: prefix, lazyConnect: true, logger: quiet });
    try {
      expect(lazy.status).toBe('wait');
      await lazy.set('lazy', '1');
      expect(lazy.status).toBe('ready');
    } finally {
      await closeRedis(lazy);
    }
  });

  it('refuses a prefix without the trailing colon', () => {
    expect(() => createRedis({ url: REDIS_URL, keyPrefix: 'keel', logger: quiet })).toThrow(/keyPrefix "keel"/);
  });

  it('gives BullMQ a connection without retry limit or key prefix', () => {
    expect(raw.options.maxRetriesPerRequest).toBeNull();
    expect(raw.options.keyPrefix ?? '').toBe('');
    expect(client.options.maxRetriesPerRequest).toBe(3);
  });

  it('reports the server healthy', async () => {
    const health = await checkRedisHealth(client, 2000);
    expect(health.ok).toBe(true);
    expect(health.detail).toMatch(/^PONG in \d+ ms$/);
  });

  it('reports a closed port unhealthy within the timeout, with the cause', async () => {
    const errors: string[] = [];
    const nowhere = createRedis({
      url: 'redis://127.0.0.1:1',
      keyPrefix: prefix,
      logger: { ...quiet, error: (_msg, meta) => void errors.push(String(meta?.['error'])) },
    });
    try {
      const started = Date.now();
      const health = await checkRedisHealth(nowhere, 800);
      expect(Date.now() - started).toBeLessThan(1500);
      expect(health.ok).toBe(false);
      expect(health.detail).toMatch(/^redis unreachable \(\w+\): .*ECONNREFUSED/);
      // Repeated reconnect failures are logged once, not once per attempt.
      expect(errors.length).toBe(new Set(errors).size);
    } finally {
      await closeRedis(nowhere);
    }
  });

  it('quits and then reports the connection closed', async () => {
    const short = createRedis({ url: REDIS_URL, keyPrefix: prefix, logger: quiet });
    await short.ping();
    await closeRedis(short);
    await closeRedis(short);
    expect(short.status).toBe('end');
    await expect(checkRedisHealth(short)).resolves.toEqual({ ok: false, detail: 'redis connection is closed' });
  });
});
