import jwt from 'jsonwebtoken';
import { AuthError } from './auth-error';
import type { Identity } from './identity';
import { bearerCredential, TokenService } from './token-service';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const service = new TokenService({ secret, issuer: 'keel', accessTtlSeconds: 900 });
const alice: Identity = { type: 'user', id: 'u-1', name: 'alice', roles: ['responder'], scopes: [] };

function expectRefused(token: string): void {
  expect(() => service.verifyAccessToken(token)).toThrow(AuthError);
  expect(() => service.verifyAccessToken(token)).toThrow('invalid or expired token');
}

describe('TokenService', () => {
  it('round-trips an identity', () => {
    const { token, expiresAt } = service.issueAccessToken(alice);
    expect(service.verifyAccessToken(token)).toEqual(alice);
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + 890_000);
  });

  it('keeps API key scopes', () => {
    const key: Identity = { type: 'api_key', id: 'k1', name: 'ci', roles: ['viewer'], scopes: ['graphql:read'] };
    expect(service.verifyAccessToken(service.issueAccessToken(key).token).scopes).toEqual(['graphql:read']);
  });

  it('refuses an expired token', () => {
    const expired = jwt.sign({ sub: 'u-1', typ: 'user', name: 'alice', roles: ['admin'] }, secret, {
      algorithm: 'HS256',
      issuer: 'keel',
      audience: 'keel',
      expiresIn: -10,
    });
    expectRefused(expired);
  });

  it('refuses a token signed with another secret', () => {
    const forged = new TokenService({
      secret: 'another-secret-that-is-long-enough-xxxxxx',
      issuer: 'keel',
      accessTtlSeconds: 60,
    });
    expectRefused(forged.issueAccessToken({ ...alice, roles: ['admin'] }).token);
  });

  it('refuses alg none', () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const payload = Buffer.from(
      JSON.stringify({
        sub: 'u-1',
        typ: 'user',
        name: 'alice',
        roles: ['admin'],
        iss: 'keel',
        aud: 'keel',
        iat: now,
        exp: now + 600,
      }),
    ).toString('base64url');
    expectRefused(`${header}.${payload}.`);
  });

  it('refuses another algorithm with the same secret', () => {
    const hs512 = jwt.sign({ sub: 'u-1', typ: 'user', name: 'alice', roles: ['admin'] }, secret, {
      algorithm: 'HS512',
      issuer: 'keel',
      audience: 'keel',
      expiresIn: 60,
    });
    expectRefused(hs512);
  });

  it('refuses a token without expiry, a wrong issuer, and a tampered payload', () => {
    expectRefused(
      jwt.sign({ sub: 'u-1', typ: 'user', name: 'a', roles: [] }, secret, {
        algorithm: 'HS256',
        issuer: 'keel',
        audience: 'keel',
      }),
    );
    expectRefused(
      jwt.sign({ sub: 'u-1', typ: 'user', name: 'a', roles: [] }, secret, {
        algorithm: 'HS256',
        issuer: 'other',
        audience: 'keel',
        expiresIn: 60,
      }),
    );
    const [h, p, s] = service.issueAccessToken(alice).token.split('.');
    const claims = JSON.parse(Buffer.from(p as string, 'base64url').toString()) as Record<string, unknown>;
    const tampered = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
    expectRefused(`${h}.${tampered}.${s}`);
  });

  it('refuses unknown roles and identity types', () => {
    const bad = jwt.sign({ sub: 'u-1', typ: 'user', name: 'a', roles: ['root'] }, secret, {
      algorithm: 'HS256',
      issuer: 'keel',
      audience: 'keel',
      expiresIn: 60,
    });
    expectRefused(bad);
    const badType = jwt.sign({ sub: 'u-1', typ: 'robot', name: 'a', roles: [] }, secret, {
      algorithm: 'HS256',
      issuer: 'keel',
      audience: 'keel',
      expiresIn: 60,
    });
    expectRefused(badType);
  });

  it('issues short service tokens without roles', () => {
    const { token, expiresAt } = service.issueServiceToken('gateway');
    expect(service.verifyAccessToken(token)).toEqual({
      type: 'service',
      id: 'gateway',
      name: 'gateway',
      roles: [],
      scopes: [],
    });
    expect(expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it('refuses a short secret', () => {
    expect(() => new TokenService({ secret: 'short', issuer: 'keel', accessTtlSeconds: 1 })).toThrow(/at least 32/);
  });
});

describe('bearerCredential', () => {
  it('reads a bearer header and ignores other schemes', () => {
    expect(bearerCredential('Bearer abc.def')).toBe('abc.def');
    expect(bearerCredential('bearer   xyz ')).toBe('xyz');
    expect(bearerCredential('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerCredential(undefined)).toBeUndefined();
    expect(bearerCredential(['Bearer first', 'Bearer second'])).toBe('first');
  });
});
