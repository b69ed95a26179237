import type { INestApplication } from '@nestjs/common';
import type { Identity } from '@keel/auth';
import { auditTopic, incidentsTopic } from '@keel/contracts';
import { assertEntitiesMatchMigrations } from '@keel/database';
import { committedSchemaFile, firstSdlDifference, printSubgraphSdl } from '@keel/graphql';
import { createKafkaClient, type KafkaClient } from '@keel/kafka';
import { eventually, TEST_DATABASE_URL, TEST_KAFKA_BROKERS, uniqueName } from '@keel/testing';
import { readFileSync } from 'node:fs';
import { INCIDENTS_ENTITIES, INCIDENTS_MIGRATIONS } from '../database/data-source-options';
import { listen, startIncidentsTestApp, type GraphQLReply, type IncidentsTestApp } from '../test/incidents-test-env';

const responder: Identity = { type: 'user', id: 'u-responder', name: 'rita', roles: ['responder'], scopes: [] };
const viewer: Identity = { type: 'user', id: 'u-viewer', name: 'victor', roles: ['viewer'], scopes: [] };

describe('incidents service (PostgreSQL, Kafka, HTTP)', () => {
  let env: IncidentsTestApp;
  let app: INestApplication;
  let kafka: KafkaClient;
  let incidentEvents: Awaited<ReturnType<typeof listen>>;
  let auditEvents: Awaited<ReturnType<typeof listen>>;

  const graphql = <T>(query: string, who?: Identity): Promise<GraphQLReply<T>> => env.graphql<T>(query, who);

  beforeAll(async () => {
    env = await startIncidentsTestApp('incidents');
    await env.registerServices('payments');
    app = env.app;
    kafka = createKafkaClient({ brokers: TEST_KAFKA_BROKERS, clientId: uniqueName('incidents_int') });
    incidentEvents = await listen(kafka, incidentsTopic);
    auditEvents = await listen(kafka, auditTopic);
  });

  afterAll(async () => {
    await kafka?.close();
    await env?.stop();
  });

  it('answers 401 without a valid token, at the HTTP layer', async () => {
    expect((await graphql('{ incidents { id } }')).status).toBe(401);
  });

  it('declares an incident, publishes keel.incidents.v1 and audits the mutation', async () => {
    const reply = await graphql<{ declareIncident: { id: string; status: string; declaredBy: { id: string } } }>(
      'mutation { declareIncident(input: { title: "Payments failing", severity: P0, services: ["payments"] }) { id status declaredBy { id } } }',
      responder,
    );
    expect(reply.errors).toBeUndefined();
    const incident = reply.data?.declareIncident;
    expect(incident).toMatchObject({ status: 'INVESTIGATING', declaredBy: { id: 'u-responder' } });

    const event = await eventually(
      () => incidentEvents.messages.find((m) => (m.value as { incident: { id: string } }).incident.id === incident?.id),
      { timeoutMs: 15_000, intervalMs: 100, what: 'the incident.opened event' },
    );
    expect(event.value).toMatchObject({
      type: 'incident.opened',
      incident: { title: 'Payments failing', severity: 'P0', status: 'investigating', services: ['payments'] },
      actor: { type: 'user', id: 'u-responder', name: 'rita', roles: ['responder'] },
    });
    const audit = await eventually(
      () => auditEvents.messages.find((m) => (m.value as { resource: { id: string } }).resource.id === incident?.id),
      { timeoutMs: 15_000, intervalMs: 100, what: 'the audit event' },
    );
    expect(audit.value).toMatchObject({
      service: 'incidents',
      action: 'incidents.declare_incident',
      outcome: 'success',
      resource: { type: 'incident' },
    });
    expect(audit.correlationId).toBe(event.correlationId);
  });

  it('lists and fetches incidents, and names a missing one', async () => {
    const list = await graphql<{ incidents: Array<{ title: string }> }>(
      '{ incidents(severity: P0) { title } }',
      viewer,
    );
    expect(list.data?.incidents.map((i) => i.title)).toContain('Payments failing');
    const missing = await graphql('{ incident(id: "00000000-0000-4000-8000-000000000000") { id } }', viewer);
    expect(missing.errors?.[0]).toMatchObject({
      message: 'incident 00000000-0000-4000-8000-000000000000 does not exist',
      extensions: { code: 'NOT_FOUND', reason: 'INCIDENT_NOT_FOUND' },
    });
    const malformed = await graphql('{ incident(id: "42") { id } }', viewer);
    expect(malformed.errors?.[0]).toMatchObject({
      message: 'incident id must be a UUID, got "42"',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses a viewer and a bad declaration with precise errors', async () => {
    const forbidden = await graphql(
      'mutation { declareIncident(input: { title: "Nope", severity: P3 }) { id } }',
      viewer,
    );
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await graphql('mutation { declareIncident(input: { title: "x", severity: P3 }) { id } }', responder);
    expect(bad.errors?.[0]).toMatchObject({
      message: 'title must have 3 to 200 characters, got 1',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const page = await graphql('{ incidents(first: 1000) { id } }', viewer);
    expect(page.errors?.[0]?.message).toBe('first must be an integer from 1 to 100, got 1000');
  });

  it('writes one opened status entry with the declarer as actor, in the declaring transaction', async () => {
    const declared = await graphql<{ declareIncident: { id: string; createdAt: string } }>(
      'mutation { declareIncident(input: { title: "Timeline starts", severity: P2 }) { id createdAt } }',
      responder,
    );
    expect(declared.errors).toBeUndefined();
    const id = declared.data?.declareIncident.id ?? '';
    const read = await graphql<{
      incident: {
        timeline: Array<{
          id: string;
          kind: string;
          actor: { id: string; name: string };
          occurredAt: string;
          key: boolean;
          summary: string;
        }>;
      };
    }>(`{ incident(id: "${id}") { timeline { id kind actor { id name } occurredAt key summary } } }`, viewer);
    expect(read.errors).toBeUndefined();
    expect(read.data?.incident.timeline).toEqual([
      {
        id: expect.stringMatching(/^\d+$/),
        kind: 'status_change',
        actor: { id: 'u-responder', name: 'rita' },
        occurredAt: declared.data?.declareIncident.createdAt,
        key: true,
        summary: 'Incident opened as investigating',
      },
    ]);
  });

  it('has migrations that build exactly what the entities describe', async () => {
    await expect(
      assertEntitiesMatchMigrations({
        url: TEST_DATABASE_URL,
        entities: INCIDENTS_ENTITIES,
        migrations: INCIDENTS_MIGRATIONS,
        schemaPrefix: 'incidents_drift',
      }),
    ).resolves.toBeUndefined();
  });

  it('has a committed schema.graphql equal to the SDL of the running code (else: npm run graphql:schema)', () => {
    const committed = readFileSync(committedSchemaFile('incidents'), 'utf8');
    expect(firstSdlDifference(committed, printSubgraphSdl(app))).toBeUndefined();
  });
});
