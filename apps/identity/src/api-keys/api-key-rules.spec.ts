import {
  apiKeyNameProblem,
  exchangeTtlSeconds,
  expiryProblem,
  normalizeScopes,
  scopesProblem,
  shouldRecordUse,
} from './api-key-rules';

const now = new Date('2026-11-26T12:00:00Z');
const seconds = (n: number): Date => new Date(now.getTime() + n * 1000);

describe('API key rules', () => {
  it('validates names', () => {
    expect(apiKeyNameProblem('ci pipeline')).toBeUndefined();
    expect(apiKeyNameProblem('  ')).toBe('API key name must not be empty');
    expect(apiKeyNameProblem('x'.repeat(101))).toBe('API key name must have at most 100 characters');
  });

  it('accepts only known scopes, at least one, and names the unknown ones', () => {
    expect(scopesProblem(['graphql:read', 'metrics:write'])).toBeUndefined();
    expect(scopesProblem([])).toMatch(/at least one scope/);
    expect(scopesProblem(['graphql:read', 'root', 'graphql:admin'])).toBe(
      'unknown scope(s) "root", "graphql:admin"; known: graphql:read, graphql:write, metrics:write, metrics:read, alerts:write',
    );
    expect(normalizeScopes(['metrics:write', 'graphql:read', 'metrics:write'])).toEqual([
      'graphql:read',
      'metrics:write',
    ]);
  });

  it('wants an expiry in the future, or none', () => {
    expect(expiryProblem(undefined, now)).toBeUndefined();
    expect(expiryProblem(null, now)).toBeUndefined();
    expect(expiryProblem(seconds(60), now)).toBeUndefined();
    expect(expiryProblem(now, now)).toBe('expiresAt 2026-11-26T12:00:00.000Z is not in the future');
  });

  describe('exchange lifetime', () => {
    it('is five minutes for a key without expiry', () => {
      expect(exchangeTtlSeconds({ revokedAt: null, expiresAt: null }, now)).toBe(300);
      expect(exchangeTtlSeconds({ revokedAt: null, expiresAt: seconds(86_400) }, now)).toBe(300);
    });

    it('never outlives the key', () => {
      expect(exchangeTtlSeconds({ revokedAt: null, expiresAt: seconds(42.9) }, now)).toBe(42);
    });

    it('is zero for a revoked, expired or about-to-expire key', () => {
      expect(exchangeTtlSeconds({ revokedAt: seconds(-10), expiresAt: null }, now)).toBe(0);
      expect(exchangeTtlSeconds({ revokedAt: null, expiresAt: seconds(-1) }, now)).toBe(0);
      expect(exchangeTtlSeconds({ revokedAt: null, expiresAt: seconds(0.5) }, now)).toBe(0);
    });
  });

  it('records a use at most once a minute', () => {
    expect(shouldRecordUse(null, now)).toBe(true);
    expect(shouldRecordUse(seconds(-59), now)).toBe(false);
    expect(shouldRecordUse(seconds(-60), now)).toBe(true);
  });
});
