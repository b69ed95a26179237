import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { TokenService, type Identity } from '@keel/auth';
import { loadConfig } from '@keel/config';
import type { TopicContract } from '@keel/contracts';
import { migrateDatabase } from '@keel/database';
import type { EventConsumer, KafkaClient, ReceivedMessage } from '@keel/kafka';
import { createTestSchema, TEST_KAFKA_BROKERS, uniqueName, type TestSchema } from '@keel/testing';
import { Client } from 'pg';
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

/** An incidents app of the test's own, on its own schema, listening on loopback. */
export interface IncidentsTestApp {
  app: INestApplication;
  schema: TestSchema;
  baseUrl: string;
  tokens: TokenService;
  /** POST /graphql as `who` (no token when absent). */
  graphql<T>(query: string, who?: Identity): Promise<GraphQLReply<T>>;
  /** A connected client on the app's schema (search_path set), closed by stop(). */
  database(): Promise<Client>;
  stop(): Promise<void>;
}

export async function startIncidentsTestApp(
  schemaPrefix: string,
  overrides: Record<string, string> = {},
): Promise<IncidentsTestApp> {
  const schema = await createTestSchema(schemaPrefix);
  const config = loadConfig(incidentsConfigSchema, {
    NODE_ENV: 'test',
    DATABASE_URL: schema.url,
    DATABASE_SCHEMA: schema.name,
    KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'fatal',
    ...overrides,
  });
  await migrateDatabase({ url: schema.url, ...incidentsDataSourceOptions(schema.name) });
  const app = await createIncidentsApp(config);
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const tokens = app.get(TokenService);
  const clients: Client[] = [];
  return {
    app,
    schema,
    baseUrl,
    tokens,
    async graphql<T>(query: string, who?: Identity): Promise<GraphQLReply<T>> {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (who) headers['authorization'] = `Bearer ${tokens.issueAccessToken(who).token}`;
      const response = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query }) });
      return { status: response.status, ...((await response.json()) as Omit<GraphQLReply<T>, 'status'>) };
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
}

/** Collects the messages of a topic that arrive after it joined, on the real broker. */
export async function listen(
  kafka: KafkaClient,
  contract: TopicContract,
): Promise<{ messages: ReceivedMessage<unknown>[]; consumer: EventConsumer }> {
  const messages: ReceivedMessage<unknown>[] = [];
  const consumer = kafka.consumer({
    groupId: uniqueName('incidents_int_listen'),
    contract,
    handle: async (m) => void messages.push(m),
  });
  await consumer.start();
  return { messages, consumer };
}
