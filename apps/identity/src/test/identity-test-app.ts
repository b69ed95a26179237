// Boots the real identity service for one integration test file: its own PostgreSQL schema (migrated),
// the real Kafka, HTTP on 127.0.0.1 with a free port. Used by *.int-spec.ts only.
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TokenService } from '@keel/auth';
import { loadConfig } from '@keel/config';
import { migrateDatabase } from '@keel/database';
import { createTestSchema, TEST_KAFKA_BROKERS, type TestSchema } from '@keel/testing';
import { AppModule } from '../app.module';
import { identityConfigSchema, type IdentityConfig } from '../config';
import { identityDatabaseOptions } from '../database/identity-database';

export interface HttpReply<T = unknown> {
  status: number;
  body: T;
}

export interface GraphqlBody<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; reason?: string } }>;
}

export interface IdentityTestApp {
  app: INestApplication;
  config: IdentityConfig;
  baseUrl: string;
  tokens: TokenService;
  /** A one-minute token of a Keel service, e.g. `gateway` or `cli`. */
  serviceToken(name: string): string;
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<HttpReply<GraphqlBody<T>>>;
  post<T = Record<string, unknown>>(path: string, body: unknown, token?: string): Promise<HttpReply<T>>;
  /** Makes an admin the way `keel admin create` does (cli service token). */
  bootstrapAdmin(username: string, password: string): Promise<CreatedUser>;
  /** Signs in through the gateway's service token, as the gateway forwards anonymous logins; throws on failure. */
  login(username: string, password: string): Promise<SignedIn>;
  close(): Promise<void>;
}

export interface CreatedUser {
  id: string;
  username: string;
  roles: string[];
}

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  user: CreatedUser;
}

export const LOGIN = `mutation Login($username: String!, $password: String!) {
  login(username: $username, password: $password) {
    accessToken accessTokenExpiresAt refreshToken refreshTokenExpiresAt user { id username roles }
  }
}`;

export async function startIdentityApp(name: string): Promise<IdentityTestApp> {
  const schema: TestSchema = await createTestSchema(`identity_${name}`);
  let app: INestApplication | undefined;
  try {
    const config = loadConfig(identityConfigSchema, {
      NODE_ENV: 'test',
      DATABASE_URL: schema.url,
      DATABASE_SCHEMA: schema.name,
      KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'fatal',
    });
    await migrateDatabase(identityDatabaseOptions(config));
    const nest = await NestFactory.create(AppModule.forRoot(config), { logger: false });
    app = nest;
    await nest.listen(0, '127.0.0.1');
    const baseUrl = (await nest.getUrl()).replace('[::1]', '127.0.0.1');
    const tokens = nest.get(TokenService);

    async function request<T>(path: string, body: unknown, token: string | undefined): Promise<HttpReply<T>> {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers['authorization'] = `Bearer ${token}`;
      const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    }

    const serviceToken = (service: string): string => tokens.issueServiceToken(service).token;

    return {
      app: nest,
      config,
      baseUrl,
      tokens,
      serviceToken,
      graphql: (query, variables, token) => request('/graphql', { query, variables }, token),
      post: (path, body, token) => request(path, body, token),
      bootstrapAdmin: async (username, password) => {
        const reply = await request<CreatedUser>(
          '/internal/admin-users',
          { username, displayName: username, password },
          serviceToken('cli'),
        );
        if (reply.status !== 201) throw new Error(`bootstrap of ${username} failed: ${JSON.stringify(reply)}`);
        return reply.body;
      },
      login: async (username, password) => {
        const reply = await request<GraphqlBody<{ login: SignedIn }>>(
          '/graphql',
          { query: LOGIN, variables: { username, password } },
          serviceToken('gateway'),
        );
        if (!reply.body.data?.login) throw new Error(`login of ${username} failed: ${JSON.stringify(reply.body)}`);
        return reply.body.data.login;
      },
      close: async () => {
        try {
          await nest.close();
        } finally {
          await schema.drop();
        }
      },
    };
  } catch (error) {
    await app?.close().catch(() => undefined);
    await schema.drop();
    throw error;
  }
}
