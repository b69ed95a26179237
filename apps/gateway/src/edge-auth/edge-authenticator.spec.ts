import { AuthError, TokenService, type Identity } from '@keel/auth';
import { EdgeAuthenticator, serviceBaseUrl } from './edge-authenticator';

const tokens = new TokenService({
  secret: 'gateway-unit-test-secret-0123456789abcdef',
  issuer: 'keel',
  accessTtlSeconds: 300,
});
const keyIdentity: Identity = {
  type: 'api_key',
  id: 'abcdefghijkl',
  name: 'ci',
  roles: ['viewer'],
  scopes: ['graphql:read'],
};
const apiKey = `keel_abcdefghijkl_${'A'.repeat(43)}`;

// A stand-in for the identity service's HTTP answer (pure logic under test: caching and mapping of answers).
function fakeIdentity(status: number) {
  const calls: Array<{ url: string; authorization: string | null }> = [];
  const fetchImpl = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), authorization: new Headers(init?.headers).get('authorization') });
    const { token, expiresAt } = tokens.issueAccessToken(keyIdentity, 300);
    return new Response(
      status === 200 ? JSON.stringify({ accessToken: token, expiresAt: expiresAt.toISOString() }) : '{}',
      { status },
    );
  }) as typeof fetch;
  return { calls, fetchImpl };
}

describe('EdgeAuthenticator', () => {
  it('treats a request without credential as anonymous', async () => {
    expect(await new EdgeAuthenticator(tokens, 'http://identity').authenticate(undefined)).toEqual({
      kind: 'anonymous',
    });
  });

  it('verifies a JWT locally and forwards it unchanged', async () => {
    const user: Identity = { type: 'user', id: 'u1', name: 'ana', roles: ['admin'], scopes: [] };
    const { token } = tokens.issueAccessToken(user);
    expect(await new EdgeAuthenticator(tokens, 'http://identity').authenticate(`Bearer ${token}`)).toEqual({
      kind: 'identified',
      identity: user,
      forwardToken: token,
    });
  });

  it('refuses a forged token and a non-bearer scheme', async () => {
    const auth = new EdgeAuthenticator(tokens, 'http://identity');
    const forged = new TokenService({ secret: 'x'.repeat(40), issuer: 'keel', accessTtlSeconds: 60 }).issueAccessToken(
      keyIdentity,
    ).token;
    await expect(auth.authenticate(`Bearer ${forged}`)).rejects.toThrow(AuthError);
    await expect(auth.authenticate('Basic YTpi')).rejects.toThrow(AuthError);
  });

  it('exchanges an API key once, with the gateway service token, then reuses the result', async () => {
    const identity = fakeIdentity(200);
    const auth = new EdgeAuthenticator(tokens, 'http://identity:4101', identity.fetchImpl);
    const first = await auth.authenticate(`Bearer ${apiKey}`);
    const second = await auth.authenticate(`Bearer ${apiKey}`);
    expect(first).toMatchObject({ kind: 'identified', identity: keyIdentity });
    expect(second).toEqual(first);
    expect(identity.calls).toHaveLength(1);
    expect(identity.calls[0]?.url).toBe('http://identity:4101/internal/api-keys/exchange');
    const serviceToken = identity.calls[0]?.authorization?.replace('Bearer ', '') ?? '';
    expect(tokens.verifyAccessToken(serviceToken)).toMatchObject({ type: 'service', id: 'gateway' });
  });

  it('maps a refused API key to UNAUTHENTICATED and other failures to an error', async () => {
    await expect(
      new EdgeAuthenticator(tokens, 'http://i', fakeIdentity(401).fetchImpl).authenticate(`Bearer ${apiKey}`),
    ).rejects.toThrow(AuthError);
    await expect(
      new EdgeAuthenticator(tokens, 'http://i', fakeIdentity(503).fetchImpl).authenticate(`Bearer ${apiKey}`),
    ).rejects.toThrow('answered 503');
  });
});

describe('serviceBaseUrl', () => {
  it('drops the GraphQL path', () => {
    expect(serviceBaseUrl('http://127.0.0.1:4101/graphql')).toBe('http://127.0.0.1:4101');
  });
});
