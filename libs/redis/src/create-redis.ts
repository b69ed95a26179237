import { Redis, type RedisOptions } from 'ioredis';
import {
  assertKeyPrefix,
  describeRedisUrl,
  errorMessage,
  stderrRedisLogger,
  type RedisLogger,
  type RedisSettings,
} from './redis-settings';

/** The last connection error of each client made here, so a health check can say why Redis is down. */
const lastErrors = new WeakMap<Redis, string>();

export function lastConnectionError(client: Redis): string | undefined {
  return lastErrors.get(client);
}

/**
 * An ioredis client with Keel's defaults: every key prefixed, reconnecting forever with a capped backoff,
 * and commands failing after a few reconnect attempts instead of waiting forever while Redis is down.
 * Not for BullMQ, which needs createBullConnection().
 */
export function createRedis(settings: RedisSettings): Redis {
  assertKeyPrefix(settings.keyPrefix);
  return connect(settings.url, settings.logger, {
    keyPrefix: settings.keyPrefix,
    lazyConnect: settings.lazyConnect ?? false,
    connectionName: settings.connectionName,
    maxRetriesPerRequest: 3,
  });
}

/**
 * A connection for BullMQ queues and workers. BullMQ requires maxRetriesPerRequest null (its blocking
 * commands must survive reconnects) and does its own key prefixing (the queue `prefix` option), so
 * ioredis's keyPrefix must not be set here.
 */
export function createBullConnection(
  url: string,
  options: { connectionName?: string; logger?: RedisLogger } = {},
): Redis {
  return connect(url, options.logger, {
    maxRetriesPerRequest: null,
    connectionName: options.connectionName,
  });
}

/** QUIT politely, or drop the connection when Redis does not answer in time. Safe to call twice. */
export async function closeRedis(client: Redis, timeoutMs = 2000): Promise<void> {
  if (isClosed(client)) {
    return;
  }
  closedClients.add(client);
  if (client.status !== 'ready') {
    // Not connected (waiting, or between reconnect attempts): nothing to say goodbye to.
    client.disconnect();
    return;
  }
  const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
  client.quit().catch(() => client.disconnect());
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      client.disconnect();
      resolve();
    }, timeoutMs);
  });
  await Promise.race([ended, late]);
  clearTimeout(timer);
}

/** ioredis leaves a client that was closed between reconnect attempts in status "reconnecting". */
const closedClients = new WeakSet<Redis>();

export function isClosed(client: Redis): boolean {
  return client.status === 'end' || closedClients.has(client);
}

function connect(url: string, logger: RedisLogger = stderrRedisLogger, options: RedisOptions): Redis {
  const where = describeRedisUrl(url);
  const client = new Redis(url, {
    connectTimeout: 5000,
    // ioredis arms this timer on disconnect even when the socket is already gone (a client closed between
    // reconnect attempts), and it holds the process open that long; 2 s by default.
    disconnectTimeout: 300,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    ...options,
  });
  // Without an error listener ioredis prints every failed reconnect; log each distinct failure once instead.
  client.on('error', (error: unknown) => {
    const message = errorMessage(error);
    if (lastErrors.get(client) !== message) {
      logger.error('redis connection error', { redis: where, error: message });
    }
    lastErrors.set(client, message);
  });
  client.on('ready', () => {
    if (lastErrors.delete(client)) {
      logger.info('redis connection restored', { redis: where });
    }
  });
  return client;
}
