import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('keeps recently used entries and drops those unused for a whole generation', () => {
    const cache = new LruCache<string, number>(4); // generations of 2
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3); // a, b become the previous generation
    expect(cache.get('a')).toBe(1); // promoted into the current generation
    cache.set('d', 4); // current full (c, a): it becomes previous; b, unused, is dropped
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.get('d')).toBe(4);
  });

  it('never holds more than its capacity', () => {
    const cache = new LruCache<number, number>(10);
    for (let i = 0; i < 1000; i += 1) {
      cache.set(i, i);
      expect(cache.size).toBeLessThanOrEqual(10);
    }
    expect(cache.get(999)).toBe(999);
    expect(cache.get(0)).toBeUndefined();
  });

  it('updates a present key without growing', () => {
    const cache = new LruCache<string, number>(4);
    cache.set('a', 1);
    cache.set('a', 5);
    expect(cache.size).toBe(1);
    expect(cache.get('a')).toBe(5);
  });

  it('refuses a capacity below 2 or not an integer', () => {
    expect(() => new LruCache(1)).toThrow(/capacity/);
    expect(() => new LruCache(2.5)).toThrow(/capacity/);
  });
});
