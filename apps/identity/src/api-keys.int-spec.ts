import { startIdentityApp, type GraphqlBody, type IdentityTestApp, type SignedIn } from './test/identity-test-app';

const CREATE_KEY = `mutation CreateKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { token apiKey { id name role scopes createdBy expiresAt revokedAt lastUsedAt } }
}`;
const REVOKE_KEY = 'mutation Revoke($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }';
const EXCHANGE = '/internal/api-keys/exchange';
const PASSWORD = 'correct horse battery staple';

interface CreatedKey {
  token: string;
  apiKey: { id: string; name: string; role: string; scopes: string[]; createdBy: string; lastUsedAt: string | null };
}

interface Exchanged {
  accessToken: string;
  expiresAt: string;
}

describe('identity: API keys (PostgreSQL, HTTP)', () => {
  let identity: IdentityTestApp;
  let admin: SignedIn;
  let gateway: string;

  beforeAll(async () => {
    identity = await startIdentityApp('api_keys');
    gateway = identity.serviceToken('gateway');
    await identity.bootstrapAdmin('root', PASSWORD);
    admin = await identity.login('root', PASSWORD);
  });

  afterAll(async () => {
    await identity?.close();
  });

  async function createKey(input: Record<string, unknown>): Promise<GraphqlBody<{ createApiKey: CreatedKey }>> {
    return (await identity.graphql<{ createApiKey: CreatedKey }>(CREATE_KEY, { input }, admin.accessToken)).body;
  }

  async function exchange(apiKey: string, token = gateway) {
    return identity.post<Exchanged & { message?: string }>(EXCHANGE, { apiKey }, token);
  }

  it('creates a key, shows its secret once, and exchanges it for a short token carrying role and scopes', async () => {
    const created = await createKey({ name: 'grafana', scopes: ['graphql:read'] });
    expect(created.errors).toBeUndefined();
    const key = created.data?.createApiKey as CreatedKey;
    expect(key.token).toMatch(new RegExp(`^keel_${key.apiKey.id}_[A-Za-z0-9_-]{43}$`));
    expect(key.apiKey).toMatchObject({
      name: 'grafana',
      role: 'viewer',
      scopes: ['graphql:read'],
      createdBy: `user:${admin.user.id}`,
    });

    const listed = await identity.graphql<{ apiKeys: Array<Record<string, unknown>> }>(
      '{ apiKeys { id name } }',
      {},
      admin.accessToken,
    );
    expect(listed.body.data?.apiKeys).toContainEqual({ id: key.apiKey.id, name: 'grafana' });
    expect(JSON.stringify(listed.body)).not.toContain(key.token.slice(`keel_${key.apiKey.id}_`.length));

    const reply = await exchange(key.token);
    expect(reply.status).toBe(200);
    const lifetimeMs = new Date(reply.body.expiresAt).getTime() - Date.now();
    expect(lifetimeMs).toBeGreaterThan(290_000);
    expect(lifetimeMs).toBeLessThanOrEqual(300_000);
    expect(identity.tokens.verifyAccessToken(reply.body.accessToken)).toEqual({
      type: 'api_key',
      id: key.apiKey.id,
      name: 'grafana',
      roles: ['viewer'],
      scopes: ['graphql:read'],
    });

    const me = await identity.graphql<{ me: unknown }>('{ me { id } }', {}, reply.body.accessToken);
    expect(me.status).toBe(200);
    expect(me.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lets an exchanged token query, and refuses a mutation to a key without graphql:write', async () => {
    const readOnly = (await createKey({ name: 'reader', role: 'admin', scopes: ['graphql:read'] })).data
      ?.createApiKey as CreatedKey;
    const token = (await exchange(readOnly.token)).body.accessToken;
    const query = await identity.graphql<{ users: Array<{ username: string }> }>('{ users { username } }', {}, token);
    expect(query.body.errors).toBeUndefined();
    expect(query.body.data?.users.map((user) => user.username)).toContain('root');

    const mutation = await identity.graphql(
      CREATE_KEY,
      { input: { name: 'escalate', scopes: ['graphql:write'] } },
      token,
    );
    expect(mutation.body.errors?.[0]).toMatchObject({
      message: 'API key lacks scope graphql:write',
      extensions: { code: 'FORBIDDEN' },
    });

    const writer = (await createKey({ name: 'writer', role: 'admin', scopes: ['graphql:read', 'graphql:write'] })).data
      ?.createApiKey as CreatedKey;
    const writerToken = (await exchange(writer.token)).body.accessToken;
    const allowed = await identity.graphql<{ createApiKey: CreatedKey }>(
      CREATE_KEY,
      { input: { name: 'by-key', scopes: ['metrics:write'] } },
      writerToken,
    );
    expect(allowed.body.data?.createApiKey.apiKey.createdBy).toBe(`api_key:${writer.apiKey.id}`);
  });

  it('refuses a revoked, a wrong and a malformed key with the same 401', async () => {
    const key = (await createKey({ name: 'ci', scopes: ['metrics:write'] })).data?.createApiKey as CreatedKey;
    expect((await exchange(key.token)).status).toBe(200);
    const revoked = await identity.graphql<{ revokeApiKey: { revokedAt: string | null } }>(
      REVOKE_KEY,
      { id: key.apiKey.id },
      admin.accessToken,
    );
    expect(revoked.body.data?.revokeApiKey.revokedAt).not.toBeNull();

    const afterRevoke = await exchange(key.token);
    const wrongSecret = await exchange(`keel_${key.apiKey.id}_${'A'.repeat(43)}`);
    const malformed = await exchange('keel_nope');
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.body).toEqual({ statusCode: 401, code: 'INVALID_API_KEY', message: 'invalid API key' });
    expect(wrongSecret.body).toEqual(afterRevoke.body);
    expect(malformed.body).toEqual(afterRevoke.body);
  });

  it('never issues a token that outlives the key', async () => {
    const expiresAt = new Date(Date.now() + 60_000);
    const key = (await createKey({ name: 'short', scopes: ['graphql:read'], expiresAt: expiresAt.toISOString() })).data
      ?.createApiKey as CreatedKey;
    const reply = await exchange(key.token);
    expect(reply.status).toBe(200);
    expect(new Date(reply.body.expiresAt).getTime()).toBeLessThanOrEqual(expiresAt.getTime());
  });

  it('records the last use', async () => {
    const key = (await createKey({ name: 'usage', scopes: ['graphql:read'] })).data?.createApiKey as CreatedKey;
    expect(key.apiKey.lastUsedAt).toBeNull();
    await exchange(key.token);
    const listed = await identity.graphql<{ apiKeys: Array<{ id: string; lastUsedAt: string | null }> }>(
      '{ apiKeys { id lastUsedAt } }',
      {},
      admin.accessToken,
    );
    expect(listed.body.data?.apiKeys.find((entry) => entry.id === key.apiKey.id)?.lastUsedAt).not.toBeNull();
  });

  it('allows the exchange only to the gateway service', async () => {
    const key = (await createKey({ name: 'gw-only', scopes: ['graphql:read'] })).data?.createApiKey as CreatedKey;
    expect((await exchange(key.token, admin.accessToken)).status).toBe(403);
    expect((await exchange(key.token, identity.serviceToken('cli'))).status).toBe(403);
    const keyToken = (await exchange(key.token)).body.accessToken;
    expect((await exchange(key.token, keyToken)).status).toBe(403);
    expect((await identity.post(EXCHANGE, { apiKey: key.token })).status).toBe(401);
    expect((await identity.post(EXCHANGE, {}, gateway)).status).toBe(400);
  });

  it('validates new keys: scopes, name, expiry, and admin-only access', async () => {
    const badScope = await createKey({ name: 'x', scopes: ['graphql:read', 'root'] });
    expect(badScope.errors?.[0]).toMatchObject({
      message: expect.stringContaining('unknown scope(s) "root"'),
      extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_SCOPES' },
    });
    expect((await createKey({ name: ' ', scopes: ['graphql:read'] })).errors?.[0]?.extensions?.reason).toBe(
      'INVALID_NAME',
    );
    expect(
      (await createKey({ name: 'past', scopes: ['graphql:read'], expiresAt: '2020-01-01T00:00:00Z' })).errors?.[0]
        ?.extensions?.reason,
    ).toBe('INVALID_EXPIRY');
    expect(
      (await identity.graphql(REVOKE_KEY, { id: 'unknownkey00' }, admin.accessToken)).body.errors?.[0]?.extensions
        ?.code,
    ).toBe('NOT_FOUND');

    await identity.graphql(
      'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input: { username: 'resp', displayName: 'Responder', password: PASSWORD, roles: ['responder'] } },
      admin.accessToken,
    );
    const responder = await identity.login('resp', PASSWORD);
    const forbidden = await identity.graphql('{ apiKeys { id } }', {}, responder.accessToken);
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
