import type { Redis } from 'ioredis';
import { isClosed, lastConnectionError } from './create-redis';
import { errorMessage } from './redis-settings';

export interface RedisHealth {
  ok: boolean;
  detail: string;
}

/** Never throws: PINGs Redis and answers within about `timeoutMs`. */
export async function checkRedisHealth(client: Redis, timeoutMs = 2000): Promise<RedisHealth> {
  if (isClosed(client)) {
    return { ok: false, detail: 'redis connection is closed' };
  }
  const started = Date.now();
  const ping = client.ping();
  // The ping may still fail after the timeout has answered; that rejection is expected and ignored.
  ping.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    const reply = await Promise.race([
      ping,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, detail: `${reply} in ${Date.now() - started} ms` };
  } catch (error) {
    const cause = lastConnectionError(client);
    const why = cause && cause !== errorMessage(error) ? `${errorMessage(error)} (${cause})` : errorMessage(error);
    return { ok: false, detail: `redis unreachable (${client.status}): ${why}` };
  } finally {
    clearTimeout(timer);
  }
}
