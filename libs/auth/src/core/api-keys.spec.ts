import { generateApiKey, isApiKeyScope, looksLikeApiKey, parseApiKey } from './api-keys';
import { constantTimeEqual, hashToken } from './secrets';

describe('API keys', () => {
  it('generates keys that parse back to their id and secret', () => {
    const key = generateApiKey();
    expect(key.token).toMatch(/^keel_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiKey(key.token)).toEqual({ id: key.id, secret: key.secret });
    expect(looksLikeApiKey(key.token)).toBe(true);
  });

  it('generates distinct keys', () => {
    const ids = new Set(Array.from({ length: 50 }, () => generateApiKey().id));
    expect(ids.size).toBe(50);
  });

  it('refuses malformed keys', () => {
    expect(parseApiKey('keel_short_secret')).toBeUndefined();
    expect(parseApiKey('eyJhbGciOiJIUzI1NiJ9.e30.sig')).toBeUndefined();
    expect(looksLikeApiKey('eyJhbGciOiJIUzI1NiJ9.e30.sig')).toBe(false);
  });

  it('knows its scopes', () => {
    expect(isApiKeyScope('metrics:write')).toBe(true);
    expect(isApiKeyScope('root')).toBe(false);
  });

  it('hashes secrets deterministically and compares in constant time', () => {
    expect(hashToken('abc')).toBe(hashToken('abc'));
    expect(hashToken('abc')).not.toBe(hashToken('abd'));
    expect(constantTimeEqual('same', 'same')).toBe(true);
    expect(constantTimeEqual('same', 'diff')).toBe(false);
    expect(constantTimeEqual('same', 'longer')).toBe(false);
  });
});
