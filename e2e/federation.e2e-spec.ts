import { graphqlRequest as graphql, runCompiledScript, startPlatform, type Platform } from '@keel/testing';

// The walking skeleton end to end: identity, incidents and the gateway as real processes over real HTTP, on the
// real PostgreSQL and Kafka. The first admin is made by the `keel` CLI, as a person would make it.
describe('federated platform', () => {
  let platform: Platform;
  let adminToken: string;
  const password = 'e2e-admin-password-1234';

  beforeAll(async () => {
    platform = await startPlatform();
    const output = await runCompiledScript(
      'apps/cli/src/main.js',
      platform.env,
      ['admin', 'create', '--username', 'e2e-admin'],
      `${password}\n`,
    );
    expect(output).toMatch(/created admin e2e-admin/);
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('signs in anonymously through the gateway and answers `me`', async () => {
    const login = await graphql<{ login: { accessToken: string; user: { username: string; roles: string[] } } }>(
      platform.gateway.url,
      'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken user { username roles } } }',
      { variables: { u: 'e2e-admin', p: password } },
    );
    expect(login.errors).toBeUndefined();
    expect(login.data?.login.user).toEqual({ username: 'e2e-admin', roles: ['admin'] });
    adminToken = login.data?.login.accessToken ?? '';
    const me = await graphql<{ me: { username: string } }>(platform.gateway.url, '{ me { username } }', {
      token: adminToken,
    });
    expect(me.data?.me.username).toBe('e2e-admin');
  });

  it('refuses anonymous access to anything but sign-in, at the gateway and at each subgraph', async () => {
    expect((await graphql(platform.gateway.url, '{ me { username } }')).status).toBe(401);
    expect((await graphql(platform.gateway.url, '{ me { username } }', { token: 'not.a.token' })).status).toBe(401);
    expect((await graphql(platform.identity.url, '{ me { username } }')).status).toBe(401);
    expect((await graphql(platform.incidents.url, '{ incidents { id } }')).status).toBe(401);
  });

  it('joins data across subgraphs: an incident declared in incidents names its user from identity', async () => {
    const registered = await graphql(
      platform.gateway.url,
      'mutation { registerService(input: { name: "checkout-api" }) { name } }',
      { token: adminToken },
    );
    expect(registered.errors).toBeUndefined();
    const declared = await graphql<{ declareIncident: { id: string } }>(
      platform.gateway.url,
      'mutation { declareIncident(input: { title: "Checkout errors", severity: P1, services: ["checkout-api"] }) { id } }',
      { token: adminToken },
    );
    expect(declared.errors).toBeUndefined();
    const listed = await graphql<{
      incidents: Array<{ id: string; title: string; severity: string; declaredBy: { username: string } }>;
    }>(platform.gateway.url, '{ incidents { id title severity declaredBy { username } } }', { token: adminToken });
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.incidents).toContainEqual({
      id: declared.data?.declareIncident.id,
      title: 'Checkout errors',
      severity: 'P1',
      declaredBy: { username: 'e2e-admin' },
    });
  });

  it('answers FORBIDDEN to a viewer calling a mutation', async () => {
    const created = await graphql(
      platform.gateway.url,
      'mutation { createUser(input: { username: "e2e-viewer", displayName: "Viewer", password: "viewer-password-1234", roles: [viewer] }) { id } }',
      { token: adminToken },
    );
    expect(created.errors).toBeUndefined();
    const login = await graphql<{ login: { accessToken: string } }>(
      platform.gateway.url,
      'mutation { login(username: "e2e-viewer", password: "viewer-password-1234") { accessToken } }',
    );
    const viewerToken = login.data?.login.accessToken ?? '';
    const denied = await graphql(
      platform.gateway.url,
      'mutation { declareIncident(input: { title: "Nope", severity: P3 }) { id } }',
      {
        token: viewerToken,
      },
    );
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const allowed = await graphql(platform.gateway.url, '{ incidents { id } }', { token: viewerToken });
    expect(allowed.errors).toBeUndefined();
  });

  it('lets an external system in with a scoped API key, exchanged at the edge', async () => {
    const created = await graphql<{ createApiKey: { token: string } }>(
      platform.gateway.url,
      'mutation { createApiKey(input: { name: "e2e-reader", role: responder, scopes: ["graphql:read"] }) { token } }',
      { token: adminToken },
    );
    expect(created.errors).toBeUndefined();
    const apiKey = created.data?.createApiKey.token ?? '';
    const read = await graphql<{ severityLevels: Array<{ severity: string }> }>(
      platform.gateway.url,
      '{ severityLevels { severity } }',
      { token: apiKey },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data?.severityLevels.map((l) => l.severity)).toEqual(['P0', 'P1', 'P2', 'P3']);
    const write = await graphql(
      platform.gateway.url,
      'mutation { declareIncident(input: { title: "By key", severity: P3 }) { id } }',
      { token: apiKey },
    );
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(
      (await graphql(platform.gateway.url, '{ severityLevels { severity } }', { token: `${apiKey.slice(0, -2)}xx` }))
        .status,
    ).toBe(401);
  });

  it('refuses over-deep and over-aliased queries with a clear error before any resolver runs', async () => {
    const deep = `{ incidents { ${'declaredBy { '.repeat(12)}id${' }'.repeat(12)} } }`;
    const tooDeep = await graphql(platform.gateway.url, deep, { token: adminToken });
    expect(tooDeep.errors?.map((e) => e.message)).toContain('operation has depth 14, more than the limit of 12');
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `x${i}: severityLevels { severity }`).join(' ')} }`;
    const tooMany = await graphql(platform.gateway.url, aliases, { token: adminToken });
    expect(tooMany.errors?.map((e) => e.message)).toContain('operation uses 31 aliases, more than the limit of 30');
  });

  it('shows health and metrics of every service', async () => {
    for (const service of [
      platform.gateway,
      platform.identity,
      platform.incidents,
      platform.metrics,
      platform.alerting,
    ]) {
      expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);
      const metrics = await (await fetch(`${service.url}/metrics`)).text();
      expect(metrics).toContain('http_requests_total');
    }
    const gatewayMetrics = await (await fetch(`${platform.gateway.url}/metrics`)).text();
    expect(gatewayMetrics).toMatch(/http_requests_total\{method="POST",route="\/graphql",status="200"\} [1-9]/);
    expect(gatewayMetrics).toMatch(/http_requests_total\{method="POST",route="\/graphql",status="401"\} [1-9]/);
  });

  it('runs the daily health check with the keel CLI: every service ready, PostgreSQL and Kafka up', async () => {
    const output = await runCompiledScript('apps/cli/src/main.js', platform.env, ['health', '--json']);
    const report = JSON.parse(output) as {
      healthy: boolean;
      services: Array<{ name: string; ok: boolean }>;
      database: { ok: boolean };
      kafka: { ok: boolean };
    };
    expect(report.services.map((s) => [s.name, s.ok])).toEqual([
      ['gateway', true],
      ['identity', true],
      ['incidents', true],
      ['metrics', true],
      ['alerting', true],
    ]);
    expect(report.database.ok).toBe(true);
    expect(report.kafka.ok).toBe(true);
    expect(report.healthy).toBe(true);
  });

  it('lets Prometheus remote-write to the metrics service with a raw API key (exchanged with identity there)', async () => {
    const keyWith = async (scopes: string[]): Promise<string> => {
      const created = await graphql<{ createApiKey: { token: string } }>(
        platform.gateway.url,
        'mutation ($scopes: [String!]!) { createApiKey(input: { name: "e2e-prometheus", role: viewer, scopes: $scopes }) { token } }',
        { token: adminToken, variables: { scopes } },
      );
      return created.data?.createApiKey.token ?? '';
    };
    const write = (key: string) =>
      fetch(`${platform.metrics.url}/api/v1/write`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/x-protobuf',
          'content-encoding': 'snappy',
        },
        body: Buffer.from('not snappy'),
      });
    const writer = await keyWith(['metrics:write']);
    // The credential is accepted; the body is then refused as what it is.
    expect((await write(writer)).status).toBe(400);
    expect((await write(await keyWith(['graphql:read']))).status).toBe(403);
    expect((await write(`${writer.slice(0, -2)}xx`)).status).toBe(401);
  });

  it('serves health and metrics of the metrics service', async () => {
    expect((await fetch(`${platform.metrics.url}/health/ready`)).status).toBe(200);
    expect(await (await fetch(`${platform.metrics.url}/metrics`)).text()).toContain('keel_ingest_samples_total');
  });
});
