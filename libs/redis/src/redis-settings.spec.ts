import { assertKeyPrefix, describeRedisUrl } from './redis-settings';

describe('assertKeyPrefix', () => {
  // The empty prefix is allowed on purpose: it is how cross-prefix tooling asks for raw key names.
  it.each(['keel:', 'keel:alerting:', 'test.a1-b_2:x:', ''])('accepts %j', (prefix) => {
    expect(() => assertKeyPrefix(prefix)).not.toThrow();
  });

  it.each(['keel', 'keel::', ':keel:', 'keel alerting:', 'keel:*:'])('refuses %j, naming it', (prefix) => {
    expect(() => assertKeyPrefix(prefix)).toThrow(`Redis keyPrefix ${JSON.stringify(prefix)} must be`);
  });
});

describe('describeRedisUrl', () => {
  it('keeps host, port and database', () => {
    expect(describeRedisUrl('redis://127.0.0.1:6379/2')).toBe('redis://127.0.0.1:6379/2');
    expect(describeRedisUrl('rediss://cache.internal:6380')).toBe('rediss://cache.internal:6380');
  });

  it('never shows credentials', () => {
    expect(describeRedisUrl('redis://user:s3cret@cache:6379/0')).toBe('redis://cache:6379/0');
    expect(describeRedisUrl('redis://:s3cret@cache:6379')).toBe('redis://cache:6379');
  });

  it('does not echo something that is not a Redis URL, which may hold a password', () => {
    expect(describeRedisUrl('s3cret@cache')).toBe('<unparseable Redis URL>');
    expect(describeRedisUrl('http://user:s3cret@cache')).toBe('<not a redis:// URL>');
  });
});
