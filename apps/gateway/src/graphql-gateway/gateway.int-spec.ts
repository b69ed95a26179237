import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { TokenService } from '@keel/auth';
import { loadConfig } from '@keel/config';
import { createGatewayApp } from '../bootstrap';
import { gatewayConfigSchema } from '../config';

// The gateway's own behaviour over real HTTP, without subgraphs behind it (their URLs point at a closed port):
// everything here is decided at the edge, before any subgraph is called.
async function startGateway(
  nodeEnv: 'production' | 'development',
): Promise<{ app: INestApplication; url: string; token: string }> {
  const config = loadConfig(gatewayConfigSchema, {
    NODE_ENV: nodeEnv,
    JWT_SECRET: randomBytes(32).toString('hex'),
    IDENTITY_URL: 'http://127.0.0.1:1/graphql',
    INCIDENTS_URL: 'http://127.0.0.1:1/graphql',
    GRAPHQL_MAX_COST: '500',
    LOG_LEVEL: 'fatal',
  });
  const app = await createGatewayApp(config);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const token = app
    .get(TokenService)
    .issueAccessToken({ type: 'user', id: 'u1', name: 'ana', roles: ['viewer'], scopes: [] }).token;
  return { app, url, token };
}

async function post(
  url: string,
  query: string,
  token?: string,
): Promise<{ status: number; body: { errors?: Array<{ message: string }>; data?: unknown } }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as { errors?: Array<{ message: string }> } };
}

describe('gateway edge (HTTP)', () => {
  let production: Awaited<ReturnType<typeof startGateway>>;
  let development: Awaited<ReturnType<typeof startGateway>>;

  beforeAll(async () => {
    production = await startGateway('production');
    development = await startGateway('development');
  });

  afterAll(async () => {
    await production?.app.close();
    await development?.app.close();
  });

  it('allows the portal origin and no other in CORS preflight', async () => {
    const preflight = (origin: string) =>
      fetch(`${production.url}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const allowed = await preflight('http://localhost:3000');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const refused = await preflight('http://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).not.toBe('http://evil.example');
  });

  it('turns introspection off in production and keeps it in development', async () => {
    const introspection = '{ __schema { queryType { name } } }';
    const prod = await post(production.url, introspection, production.token);
    expect(prod.body.errors?.[0]?.message).toMatch(/introspection/i);
    const dev = await post(development.url, introspection, development.token);
    expect(dev.body.errors).toBeUndefined();
    expect(dev.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('answers 401 to a missing, forged or non-bearer credential', async () => {
    expect((await post(production.url, '{ me { username } }')).status).toBe(401);
    expect((await post(production.url, '{ me { username } }', development.token)).status).toBe(401);
    const basic = await fetch(`${production.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic YWRtaW46YWRtaW4=' },
      body: JSON.stringify({ query: '{ me { username } }' }),
    });
    expect(basic.status).toBe(401);
  });

  it('refuses an over-costly query before calling any subgraph', async () => {
    const reply = await post(
      production.url,
      '{ incidents(first: 100) { id title services declaredBy { id username } } }',
      production.token,
    );
    expect(reply.body.errors?.map((e) => e.message)).toEqual([
      'operation has an estimated cost of 601, more than the limit of 500',
    ]);
  });
});
