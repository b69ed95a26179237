import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { TokenService, type Identity } from '@keel/auth';
import { loadConfig } from '@keel/config';
import type { TopicContract } from '@keel/contracts';
import { migrateDatabase } from '@keel/database';
import type { EventConsumer, KafkaClient, ReceivedMessage } from '@keel/kafka';
import { createTestSchema, TEST_KAFKA_BROKERS, uniqueName, type TestSchema } from '@keel/testing';
import { Client } from 'pg';
import type { IncidentsAppOptions } from '../app.module';
import { createIncidentsApp } from '../bootstrap';
import { incidentsConfigSchema } from '../config';
import { incidentsDataSourceOptions } from '../database/data-source-options';

export interface GraphQLReply<T> {
  status: number;
  data?: T | null;
  errors?: Array<{
    message: string;
    extensions?: { code?: string; reason?: string; version?: number; issues?: Array<{ field: string }> };
  }>;
}

/** A signed-in person as the tests act (their tokens are signed by the app's own TokenService). */
export function testUser(id: string, name: string, roles: Identity['roles']): Identity {
  return { type: 'user', id, name, roles, scopes: [] };
}

/** The people most integration tests act as: one per role, with the ids their expectations name. */
export const TEST_USERS: Readonly<Record<'admin' | 'responder' | 'viewer', Identity>> = Object.freeze({
  admin: testUser('u-admin', 'ada', ['admin']),
  responder: testUser('u-responder', 'rita', ['responder']),
  viewer: testUser('u-viewer', 'victor', ['viewer']),
});

/** What the tests read of an audit event on keel.audit (see @keel/graphql's @Audited). */
export interface AuditEventReply {
  action: string;
  outcome: string;
  resource: { type: string; id?: string };
  actor: { id: string };
  details?: { arguments?: unknown };
}

/** An incidents app of the test's own, on its own schema, listening on loopback. */
export interface IncidentsTestApp {
  app: INestApplication;
  schema: TestSchema;
  baseUrl: string;
  tokens: TokenService;
  /**
   * POST /graphql as `who` (no token when absent), with a correlation id `<runId>.<n>` of this app's own: the
   * events the request causes carry it, so a test can tell them from those of test files running beside it.
   */
  graphql<T>(query: string, who?: Identity): Promise<GraphQLReply<T>>;
  /** Whether a consumed message was caused by a request of this app's `graphql` (its correlation id). */
  sentHere(message: { correlationId: string }): boolean;
  /** The audit events among `messages` (a `listen` on keel.audit.v1) that this app's requests caused. */
  auditsSentHere(messages: readonly ReceivedMessage<unknown>[]): AuditEventReply[];
  /** Registers services in the catalog (as an admin), so incidents may name them. */
  registerServices(...names: string[]): Promise<void>;
  /** A connected client on the app's schema (search_path set), closed by stop(). */
  database(): Promise<Client>;
  stop(): Promise<void>;
}

/**
 * Events grouped by resource, each group in the order consumed. keel.audit.v1 is keyed by resource: one resource's
 * events keep their order, while those of different resources may sit on different partitions and arrive in
 * another order than they were published. Compare the groups, not one list across resources.
 */
export function byResource<T>(events: readonly T[], resourceOf: (event: T) => string): Record<string, T[]> {
  const groups: Record<string, T[]> = {};
  for (const event of events) (groups[resourceOf(event)] ??= []).push(event);
  return groups;
}

export async function startIncidentsTestApp(
  schemaPrefix: string,
  overrides: Record<string, string> = {},
  options: IncidentsAppOptions = {},
): Promise<IncidentsTestApp> {
  const schema = await createTestSchema(schemaPrefix);
  const config = loadConfig(incidentsConfigSchema, {
    NODE_ENV: 'test',
    DATABASE_URL: schema.url,
    DATABASE_SCHEMA: schema.name,
    KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'fatal',
    // No identity service runs beside these tests: user ids are not checked unless a test asks for it.
    INCIDENTS_USER_CHECK: 'off',
    // The alert intake consumes only a topic a test gives it: on the shared keel.alerts.v1 it would open incidents
    // from the alerts of other test files running beside it (a post-mortems test once listed one of those).
    INCIDENTS_ALERTS_CONSUMER: overrides['INCIDENTS_ALERTS_TOPIC'] === undefined ? 'false' : 'true',
    ...overrides,
  });
  await migrateDatabase({ url: schema.url, ...incidentsDataSourceOptions(schema.name) });
  const app = await createIncidentsApp(config, options);
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const tokens = app.get(TokenService);
  const clients: Client[] = [];
  // keel.audit.v1 and keel.incidents.v1 are shared with the apps of the test files Jest runs beside this one.
  const runId = uniqueName(schemaPrefix);
  let sent = 0;
  const env: IncidentsTestApp = {
    app,
    schema,
    baseUrl,
    tokens,
    async graphql<T>(query: string, who?: Identity): Promise<GraphQLReply<T>> {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-correlation-id': `${runId}.${++sent}`,
      };
      if (who) headers['authorization'] = `Bearer ${tokens.issueAccessToken(who).token}`;
      const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query }) });
      return { status: response.status, ...((await response.json()) as Omit<GraphQLReply<T>, 'status'>) };
    },
    sentHere: (message) => message.correlationId.startsWith(`${runId}.`),
    auditsSentHere: (messages) => messages.filter((m) => env.sentHere(m)).map((m) => m.value as AuditEventReply),
    async registerServices(...names: string[]) {
      const admin: Identity = { type: 'user', id: 'u-test-admin', name: 'test-admin', roles: ['admin'], scopes: [] };
      for (const name of names) {
        const reply = await env.graphql(
          `mutation { registerService(input: { name: ${JSON.stringify(name)} }) { name } }`,
          admin,
        );
        if (reply.errors) throw new Error(`registering service ${name}: ${reply.errors[0]?.message}`);
      }
    },
    async database() {
      const client = new Client({ connectionString: schema.url, options: `-c search_path=${schema.name}` });
      await client.connect();
      clients.push(client);
      return client;
    },
    async stop() {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      await app.close();
      await schema.drop();
    },
  };
  return env;
}

/** Collects the messages of a topic that arrive after it joined, on the real broker. */
export async function listen(
  kafka: KafkaClient,
  contract: TopicContract,
): Promise<{ messages: ReceivedMessage<unknown>[]; consumer: EventConsumer }> {
  const messages: ReceivedMessage<unknown>[] = [];
  // It may join before any app has made the topic (a fresh broker has none).
  await kafka.ensureTopics([contract]);
  const consumer = kafka.consumer({
    groupId: uniqueName('incidents_int_listen'),
    contract,
    handle: async (m) => void messages.push(m),
  });
  await consumer.start();
  return { messages, consumer };
}
