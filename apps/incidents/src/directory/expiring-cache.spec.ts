import { ExpiringCache } from './expiring-cache';

describe('ExpiringCache', () => {
  let now = 0;
  const clock = (): number => now;

  beforeEach(() => {
    now = 1_000;
  });

  it('answers a value until its ttl has passed, then forgets it', () => {
    const cache = new ExpiringCache<string>(60_000, 10, clock);
    cache.set('u-1', 'alice');
    now += 59_999;
    expect(cache.get('u-1')).toBe('alice');
    now += 1;
    expect(cache.get('u-1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('restarts the ttl when a key is set again', () => {
    const cache = new ExpiringCache<string>(1_000, 10, clock);
    cache.set('k', 'a');
    now += 900;
    cache.set('k', 'b');
    now += 900;
    expect(cache.get('k')).toBe('b');
  });

  it('holds at most maxEntries, evicting the one set longest ago', () => {
    const cache = new ExpiringCache<number>(60_000, 2, clock);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3); // a is now the newest
    cache.set('c', 4);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(3);
    expect(cache.get('c')).toBe(4);
  });

  it('deletes on request and refuses a non-positive ttl or size', () => {
    const cache = new ExpiringCache<number>(10, 1, clock);
    cache.set('a', 1);
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
    expect(() => new ExpiringCache(0, 1)).toThrow(/positive/);
    expect(() => new ExpiringCache(1, 0)).toThrow(/positive/);
  });
});
