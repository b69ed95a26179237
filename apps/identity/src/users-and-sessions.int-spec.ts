import { TokenService, type Identity } from '@keel/auth';
import { auditTopic, type AuditEvent } from '@keel/contracts';
import { createKafkaClient, type KafkaClient } from '@keel/kafka';
import { TEST_KAFKA_BROKERS, uniqueName } from '@keel/testing';
import { startIdentityApp, type IdentityTestApp, type SignedIn } from './test/identity-test-app';

const ME = '{ me { id username roles } }';
const CREATE_USER = `mutation CreateUser($input: CreateUserInput!) {
  createUser(input: $input) { id username displayName roles disabled }
}`;
const REFRESH = `mutation Refresh($token: String!) {
  refreshSession(refreshToken: $token) { accessToken refreshToken user { id username } }
}`;
const LOGOUT = 'mutation Logout($token: String!) { logout(refreshToken: $token) }';
const PASSWORD = 'correct horse battery staple';

function unsignedToken(claims: Record<string, unknown>): string {
  const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`;
}

describe('identity: authentication, users and sessions (PostgreSQL, Kafka, HTTP)', () => {
  let identity: IdentityTestApp;
  let admin: SignedIn;
  let gateway: string;

  beforeAll(async () => {
    identity = await startIdentityApp('users');
    gateway = identity.serviceToken('gateway');
    await identity.bootstrapAdmin('root', PASSWORD);
    admin = await identity.login('root', PASSWORD);
  });

  afterAll(async () => {
    await identity?.close();
  });

  async function createUser(username: string, roles: string[], password = PASSWORD) {
    return identity.graphql<{ createUser: { id: string; username: string; roles: string[] } }>(
      CREATE_USER,
      { input: { username, displayName: `${username} display`, password, roles } },
      admin.accessToken,
    );
  }

  it('is ready when PostgreSQL and Kafka answer (GET /health/ready, no token)', async () => {
    const reply = await fetch(`${identity.baseUrl}/health/ready`);
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, kafka: { status: 'up' } },
    });
  });

  describe('the HTTP layer of /graphql', () => {
    const adminIdentity = (): Identity => ({
      type: 'user',
      id: admin.user.id,
      name: 'root',
      roles: ['admin'],
      scopes: [],
    });

    it('answers a valid token', async () => {
      const reply = await identity.graphql<{ me: { username: string } }>(ME, {}, admin.accessToken);
      expect(reply.status).toBe(200);
      expect(reply.body.data?.me.username).toBe('root');
    });

    it('refuses a request without a token with HTTP 401', async () => {
      const reply = await identity.graphql(ME);
      expect(reply.status).toBe(401);
      expect(reply.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a token signed with another secret with HTTP 401', async () => {
      const forger = new TokenService({
        secret: 'f'.repeat(40),
        issuer: identity.config.JWT_ISSUER,
        accessTtlSeconds: 60,
      });
      expect((await identity.graphql(ME, {}, forger.issueAccessToken(adminIdentity()).token)).status).toBe(401);
    });

    it('refuses an unsigned (alg: none) token with HTTP 401', async () => {
      const now = Math.floor(Date.now() / 1000);
      const token = unsignedToken({
        sub: admin.user.id,
        typ: 'user',
        name: 'root',
        roles: ['admin'],
        iss: 'keel',
        aud: 'keel',
        iat: now,
        exp: now + 300,
      });
      expect((await identity.graphql(ME, {}, token)).status).toBe(401);
    });

    it('refuses an expired token with HTTP 401', async () => {
      const expired = identity.tokens.issueAccessToken(adminIdentity(), -30).token;
      expect((await identity.graphql(ME, {}, expired)).status).toBe(401);
    });
  });

  describe('login', () => {
    it('fails alike for a wrong password and an unknown user, without a hint', async () => {
      const wrongPassword = await identity.graphql(
        'mutation { login(username: "root", password: "not the password!") { accessToken } }',
        {},
        gateway,
      );
      const unknownUser = await identity.graphql(
        'mutation { login(username: "nobody", password: "not the password!") { accessToken } }',
        {},
        gateway,
      );
      expect(wrongPassword.status).toBe(200);
      expect(wrongPassword.body.errors).toEqual([
        expect.objectContaining({
          message: 'invalid credentials',
          extensions: { code: 'UNAUTHENTICATED', reason: 'INVALID_CREDENTIALS' },
        }),
      ]);
      expect(unknownUser.body).toEqual(wrongPassword.body);
    });

    it('signs in (user names are case-insensitive) and the access token works for me', async () => {
      const signedIn = await identity.login('ROOT', PASSWORD);
      expect(signedIn.user).toMatchObject({ id: admin.user.id, username: 'root', roles: ['admin'] });
      expect(signedIn.refreshToken).not.toBe(admin.refreshToken);
      const me = await identity.graphql<{ me: { id: string } }>(ME, {}, signedIn.accessToken);
      expect(me.body.data?.me.id).toBe(admin.user.id);
    });

    it('tells a service token that me is only for users', async () => {
      const reply = await identity.graphql(ME, {}, gateway);
      expect(reply.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('users', () => {
    it('lets an admin create a user, and refuses a duplicate name as CONFLICT naming it', async () => {
      const created = await createUser('ana', ['responder']);
      expect(created.body.errors).toBeUndefined();
      expect(created.body.data?.createUser).toMatchObject({ username: 'ana', roles: ['responder'] });

      const duplicate = await createUser('ANA', ['viewer']);
      expect(duplicate.body.data).toBeNull();
      expect(duplicate.body.errors?.[0]).toMatchObject({
        message: 'user name "ana" is already taken',
        extensions: { code: 'CONFLICT', reason: 'USERNAME_TAKEN' },
      });
    });

    it('refuses a weak password as BAD_USER_INPUT naming the rule', async () => {
      const reply = await createUser('weak', ['viewer'], 'short');
      expect(reply.body.errors?.[0]).toMatchObject({
        message: 'password must have at least 12 characters',
        extensions: { code: 'BAD_USER_INPUT', reason: 'WEAK_PASSWORD' },
      });
    });

    it('refuses createUser and users to a viewer with FORBIDDEN', async () => {
      await createUser('vera', ['viewer']);
      const vera = await identity.login('vera', PASSWORD);
      const create = await identity.graphql(
        CREATE_USER,
        { input: { username: 'eve', displayName: 'Eve', password: PASSWORD, roles: ['admin'] } },
        vera.accessToken,
      );
      expect(create.status).toBe(200);
      expect(create.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(
        (await identity.graphql('{ users { id } }', {}, vera.accessToken)).body.errors?.[0]?.extensions?.code,
      ).toBe('FORBIDDEN');
      expect(
        (await identity.graphql<{ me: { username: string } }>(ME, {}, vera.accessToken)).body.data?.me.username,
      ).toBe('vera');
    });

    it('answers NOT_FOUND for an unknown user id', async () => {
      const reply = await identity.graphql(
        '{ user(id: "00000000-0000-4000-8000-000000000000") { id } }',
        {},
        admin.accessToken,
      );
      expect(reply.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it('changes roles, which the next refresh puts into the access token', async () => {
      const created = await createUser('rolf', ['viewer']);
      const rolf = await identity.login('rolf', PASSWORD);
      const id = created.body.data?.createUser.id;
      const update = await identity.graphql<{ updateUserRoles: { roles: string[] } }>(
        'mutation ($id: ID!) { updateUserRoles(id: $id, roles: [responder, auditor]) { roles } }',
        { id },
        admin.accessToken,
      );
      expect(update.body.data?.updateUserRoles.roles).toEqual(['responder', 'auditor']);
      const refreshed = await identity.graphql<{ refreshSession: { accessToken: string } }>(
        REFRESH,
        { token: rolf.refreshToken },
        gateway,
      );
      const token = refreshed.body.data?.refreshSession.accessToken ?? '';
      expect(identity.tokens.verifyAccessToken(token).roles).toEqual(['responder', 'auditor']);
    });

    it('resolves User references of other subgraphs for the gateway (federation _entities)', async () => {
      const reply = await identity.graphql<{ _entities: Array<{ username: string } | null> }>(
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { username } } }',
        {
          r: [
            { __typename: 'User', id: admin.user.id },
            { __typename: 'User', id: 'abcdefghijkl' },
          ],
        },
        admin.accessToken,
      );
      expect(reply.body.errors).toBeUndefined();
      expect(reply.body.data?._entities).toEqual([{ username: 'root' }, null]);
    });

    it("resolves User references for the incidents service's own token, and nothing an admin query gives", async () => {
      const incidents = identity.serviceToken('incidents');
      const entities = (token: string) =>
        identity.graphql<{ _entities: Array<{ id: string; username: string; disabled: boolean } | null> }>(
          'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id username disabled } } }',
          {
            r: [
              { __typename: 'User', id: 'u-123' },
              { __typename: 'User', id: admin.user.id },
            ],
          },
          token,
        );
      const resolved = await entities(incidents);
      expect(resolved.body.errors).toBeUndefined();
      expect(resolved.body.data?._entities).toEqual([null, { id: admin.user.id, username: 'root', disabled: false }]);

      // Still no admin queries for a service token, nor anything else not marked for services.
      for (const query of ['{ users { id } }', `{ user(id: "${admin.user.id}") { id } }`, ME]) {
        const refused = await identity.graphql(query, {}, incidents);
        expect(refused.body.data ?? null).toBeNull();
        expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      }
      // Only the named service: the gateway's token stands for anonymous sign-ins and resolves nobody.
      for (const service of ['gateway', 'alerting']) {
        const refused = await entities(identity.serviceToken(service));
        expect(refused.body.data?._entities).toEqual([null, null]);
        expect(refused.body.errors?.[0]).toMatchObject({
          message: `the ${service} service may not resolve users (only incidents)`,
          extensions: { code: 'FORBIDDEN', reason: 'USER_LOOKUP_FORBIDDEN' },
        });
      }
    });

    it('keeps the last admin from being demoted', async () => {
      const reply = await identity.graphql(
        'mutation ($id: ID!) { updateUserRoles(id: $id, roles: [viewer]) { id } }',
        { id: admin.user.id },
        admin.accessToken,
      );
      expect(reply.body.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'LAST_ADMIN' });
    });

    it('disables a user: no more sign-in, no more refresh', async () => {
      const created = await createUser('dora', ['viewer']);
      const dora = await identity.login('dora', PASSWORD);
      const disable = await identity.graphql<{ disableUser: { disabled: boolean } }>(
        'mutation ($id: ID!) { disableUser(id: $id) { disabled } }',
        { id: created.body.data?.createUser.id },
        admin.accessToken,
      );
      expect(disable.body.data?.disableUser.disabled).toBe(true);
      await expect(identity.login('dora', PASSWORD)).rejects.toThrow(/invalid credentials/);
      const refresh = await identity.graphql(REFRESH, { token: dora.refreshToken }, gateway);
      expect(refresh.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('changes the own password after checking the current one, and ends every session', async () => {
      await createUser('paul', ['viewer']);
      const paul = await identity.login('paul', PASSWORD);
      const change = (current: string, next: string) =>
        identity.graphql(
          'mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { id } }',
          { c: current, n: next },
          paul.accessToken,
        );
      expect((await change('wrong password!!', 'a brand new password')).body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'WRONG_PASSWORD',
      });
      expect((await change(PASSWORD, 'a brand new password')).body.errors).toBeUndefined();
      expect(
        (await identity.graphql(REFRESH, { token: paul.refreshToken }, gateway)).body.errors?.[0]?.extensions?.code,
      ).toBe('UNAUTHENTICATED');
      await expect(identity.login('paul', PASSWORD)).rejects.toThrow(/invalid credentials/);
      expect((await identity.login('paul', 'a brand new password')).user.username).toBe('paul');
    });
  });

  describe('refresh sessions', () => {
    it('rotates the refresh token; reusing an old one revokes the whole session', async () => {
      const first = await identity.login('root', PASSWORD);
      const rotated = await identity.graphql<{ refreshSession: { accessToken: string; refreshToken: string } }>(
        REFRESH,
        { token: first.refreshToken },
        gateway,
      );
      const second = rotated.body.data?.refreshSession;
      expect(second?.refreshToken).toBeDefined();
      expect(second?.refreshToken).not.toBe(first.refreshToken);
      expect((await identity.graphql(ME, {}, second?.accessToken)).body.errors).toBeUndefined();

      const reuse = await identity.graphql(REFRESH, { token: first.refreshToken }, gateway);
      expect(reuse.body.errors?.[0]).toMatchObject({
        message: 'invalid refresh token',
        extensions: { code: 'UNAUTHENTICATED', reason: 'INVALID_REFRESH_TOKEN' },
      });
      // The thief and the owner are told apart by nobody: the newest token of the family is dead too.
      const afterTheft = await identity.graphql(REFRESH, { token: second?.refreshToken }, gateway);
      expect(afterTheft.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('refuses an unknown refresh token with the same error', async () => {
      const reply = await identity.graphql(REFRESH, { token: 'not-a-refresh-token' }, gateway);
      expect(reply.body.errors?.[0]).toMatchObject({
        message: 'invalid refresh token',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    });

    it('logs out: the refresh token stops working', async () => {
      const session = await identity.login('root', PASSWORD);
      const logout = await identity.graphql<{ logout: boolean }>(
        LOGOUT,
        { token: session.refreshToken },
        session.accessToken,
      );
      expect(logout.body.data?.logout).toBe(true);
      const refresh = await identity.graphql(REFRESH, { token: session.refreshToken }, gateway);
      expect(refresh.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('admin bootstrap (POST /internal/admin-users)', () => {
    const body = (username: string) => ({ username, displayName: 'Ops Admin', password: PASSWORD });

    it('creates an admin for the cli service token', async () => {
      const reply = await identity.post<{ username: string; roles: string[] }>(
        '/internal/admin-users',
        body('ops'),
        identity.serviceToken('cli'),
      );
      expect(reply.status).toBe(201);
      expect(reply.body).toMatchObject({ username: 'ops', roles: ['admin'] });
      expect((await identity.login('ops', PASSWORD)).user.roles).toEqual(['admin']);
    });

    it('is forbidden to users (even admins) and to other services, and needs a token', async () => {
      expect((await identity.post('/internal/admin-users', body('ops2'), admin.accessToken)).status).toBe(403);
      expect((await identity.post('/internal/admin-users', body('ops2'), gateway)).status).toBe(403);
      expect((await identity.post('/internal/admin-users', body('ops2'))).status).toBe(401);
    });

    it('applies the user rules: 400 naming the rule, 409 for a taken name', async () => {
      const cli = identity.serviceToken('cli');
      const weak = await identity.post<{ message: string }>(
        '/internal/admin-users',
        { ...body('ops3'), password: 'short' },
        cli,
      );
      expect(weak.status).toBe(400);
      expect(weak.body.message).toBe('password must have at least 12 characters');
      const taken = await identity.post<{ message: string }>('/internal/admin-users', body('root'), cli);
      expect(taken.status).toBe(409);
      expect(taken.body.message).toBe('user name "root" is already taken');
      expect((await identity.post('/internal/admin-users', { username: 'x' }, cli)).status).toBe(400);
    });
  });

  describe('audit trail', () => {
    let kafka: KafkaClient;

    beforeAll(() => {
      kafka = createKafkaClient({ brokers: TEST_KAFKA_BROKERS, clientId: uniqueName('identity_audit_test') });
    });

    afterAll(async () => {
      await kafka?.close();
    });

    /** Reads keel.audit.v1 with a fresh consumer group until `wanted` events matched. */
    async function auditEvents(wanted: Array<(event: AuditEvent) => boolean>): Promise<AuditEvent[]> {
      const found = new Map<number, AuditEvent>();
      let done!: () => void;
      const complete = new Promise<void>((resolve) => (done = resolve));
      const consumer = kafka.consumer({
        groupId: uniqueName('identity_audit_test'),
        contract: auditTopic,
        fromBeginning: true,
        handle: async ({ value }) => {
          wanted.forEach((matches, index) => {
            if (!found.has(index) && matches(value)) found.set(index, value);
          });
          if (found.size === wanted.length) done();
        },
      });
      await consumer.start();
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 30_000).unref());
      await Promise.race([complete, timeout]);
      await consumer.stop();
      return wanted.map((_, index) => found.get(index)).filter((event): event is AuditEvent => event !== undefined);
    }

    it('publishes createUser and the admin bootstrap with actor and resource, and never a password', async () => {
      const created = await createUser('audrey', ['viewer'], 'audrey secret password');
      const audreyId = created.body.data?.createUser.id;
      const [createEvent, bootstrapEvent] = await auditEvents([
        (event) => event.action === 'identity.user.create' && event.resource.id === audreyId,
        (event) => event.action === 'identity.user.bootstrap_admin' && event.resource.id === admin.user.id,
      ]);
      expect(createEvent).toMatchObject({
        service: 'identity',
        actor: { type: 'user', id: admin.user.id, name: 'root', roles: ['admin'] },
        resource: { type: 'user', id: audreyId },
        outcome: 'success',
        details: { arguments: { input: { username: 'audrey', password: '[redacted]', roles: ['viewer'] } } },
      });
      expect(JSON.stringify(createEvent)).not.toContain('audrey secret password');
      expect(bootstrapEvent).toMatchObject({
        actor: { type: 'service', id: 'cli' },
        resource: { type: 'user', id: admin.user.id },
        outcome: 'success',
      });
      expect(JSON.stringify(bootstrapEvent)).not.toContain(PASSWORD);
    });
  });
});
