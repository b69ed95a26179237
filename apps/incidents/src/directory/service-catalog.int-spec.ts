import { randomBytes, randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { Identity } from '@keel/auth';
import { alertsTopic, auditTopic, type AlertEventInput } from '@keel/contracts';
import { createKafkaClient, type KafkaClient } from '@keel/kafka';
import { createTestTopics, eventually, TEST_KAFKA_BROKERS, uniqueName, type TestTopics } from '@keel/testing';
import {
  byResource,
  listen,
  startIncidentsTestApp,
  TEST_USERS,
  type AuditEventReply,
  type GraphQLReply,
  type IncidentsTestApp,
} from '../test/incidents-test-env';
import { ServiceCatalog } from './service-catalog';

interface Service {
  name: string;
  displayName: string;
  ownerTeam: string | null;
  tier: string | null;
  description: string;
  source: string;
}

const { admin, responder, viewer } = TEST_USERS;

const FIELDS = 'name displayName ownerTeam tier description source';

type Contract = typeof alertsTopic;

describe('service catalog (PostgreSQL, Kafka, HTTP)', () => {
  let env: IncidentsTestApp;
  let topics: TestTopics<Contract>;
  let contract: Contract;
  let kafka: KafkaClient;
  let auditEvents: Awaited<ReturnType<typeof listen>>;
  let db: Client;
  const run = randomBytes(3).toString('hex');

  const graphql = <T>(query: string, who?: Identity): Promise<GraphQLReply<T>> => env.graphql<T>(query, who);
  const listed = async (): Promise<Service[]> => {
    const reply = await graphql<{ services: Service[] }>(`{ services { ${FIELDS} } }`, viewer);
    expect(reply.errors).toBeUndefined();
    return reply.data?.services ?? [];
  };

  beforeAll(async () => {
    topics = await createTestTopics([alertsTopic]);
    contract = topics.contracts[0] as Contract;
    kafka = createKafkaClient({ brokers: TEST_KAFKA_BROKERS, clientId: uniqueName('catalog_int') });
    auditEvents = await listen(kafka, auditTopic);
    env = await startIncidentsTestApp('incidents_catalog', {
      INCIDENTS_ALERTS_TOPIC: contract.topic,
      INCIDENTS_ALERTS_GROUP_ID: uniqueName('incidents_catalog'),
    });
    db = await env.database();
  });

  afterAll(async () => {
    await env?.stop();
    await kafka?.close();
    await topics?.cleanup();
  });

  it('lets an admin register services, the display name defaulting to the name', async () => {
    const reply = await graphql<{ registerService: Service }>(
      `mutation { registerService(input: { name: "checkout", displayName: " Checkout ", ownerTeam: "payments",
          tier: TIER_1, description: "Takes orders" }) { ${FIELDS} } }`,
      admin,
    );
    expect(reply.errors).toBeUndefined();
    expect(reply.data?.registerService).toEqual({
      name: 'checkout',
      displayName: 'Checkout',
      ownerTeam: 'payments',
      tier: 'TIER_1',
      description: 'Takes orders',
      source: 'MANUAL',
    });
    const bare = await graphql<{ registerService: Service }>(
      `mutation { registerService(input: { name: "search" }) { ${FIELDS} } }`,
      admin,
    );
    expect(bare.data?.registerService).toEqual({
      name: 'search',
      displayName: 'search',
      ownerTeam: null,
      tier: null,
      description: '',
      source: 'MANUAL',
    });
    expect((await listed()).map((s) => s.name)).toEqual(['checkout', 'search']);
  });

  it('refuses a taken name, an invalid entry (every field named) and an update of an unknown service', async () => {
    const taken = await graphql('mutation { registerService(input: { name: "checkout" }) { name } }', admin);
    expect(taken.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'SERVICE_EXISTS' });
    expect(taken.errors?.[0]?.message).toBe(
      'service "checkout" is already in the catalog; change it with updateService',
    );

    const invalid = await graphql(
      'mutation { registerService(input: { name: "Check Out", displayName: "  " }) { name } }',
      admin,
    );
    expect(invalid.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_SERVICE' });
    expect(invalid.errors?.[0]?.extensions?.issues?.map((i) => i.field)).toEqual(['name', 'displayName']);

    const missing = await graphql(
      'mutation { updateService(input: { name: "chekout", tier: TIER_2 }) { name } }',
      admin,
    );
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'SERVICE_NOT_FOUND' });
    expect(missing.errors?.[0]?.message).toBe('service "chekout" is not in the catalog (did you mean "checkout"?)');
  });

  it('updates only the fields given; null clears the owner team', async () => {
    const reply = await graphql<{ updateService: Service }>(
      `mutation { updateService(input: { name: "checkout", ownerTeam: null, tier: TIER_2 }) { ${FIELDS} } }`,
      admin,
    );
    expect(reply.errors).toBeUndefined();
    expect(reply.data?.updateService).toMatchObject({
      displayName: 'Checkout',
      ownerTeam: null,
      tier: 'TIER_2',
      description: 'Takes orders',
    });
  });

  it('refuses unknown services by name, suggesting the close ones', async () => {
    const catalog = env.app.get(ServiceCatalog);
    await expect(catalog.assertKnownServices(['checkout', 'search', 'checkout'])).resolves.toBeUndefined();
    await expect(catalog.assertKnownServices([])).resolves.toBeUndefined();
    const refusal = await catalog.assertKnownServices(['checkout', 'chekout', 'inventory']).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refusal).toMatchObject({
      category: 'BAD_USER_INPUT',
      code: 'UNKNOWN_SERVICE',
      message: 'unknown service "chekout" (did you mean "checkout"?); unknown service "inventory"',
      details: { unknown: ['chekout', 'inventory'], suggestions: { chekout: 'checkout' } },
    });
  });

  it('adds the service of an alert that opens an incident, once, without touching registered entries', async () => {
    const alerted = `payments-${run}`;
    const publish = (service: string, fingerprint: string): Promise<void> => {
      const at = new Date().toISOString();
      const event: AlertEventInput = {
        eventId: randomUUID(),
        occurredAt: at,
        previousState: 'pending',
        alert: {
          fingerprint,
          ruleName: 'HighErrorRate',
          labels: { alertname: 'HighErrorRate', service, severity: 'critical' },
          annotations: { summary: 'Errors', description: 'details' },
          state: 'firing',
          firedAt: at,
          generatorUrl: 'http://127.0.0.1:4103/rules/x',
        },
      };
      return topics.kafka.publisher().publish(contract, event);
    };
    await publish(alerted, `fp-1-${run}`);
    // A second alert of the same service attaches to that incident; an alert of a registered service opens one.
    await publish(alerted, `fp-2-${run}`);
    await publish('checkout', `fp-3-${run}`);
    await eventually(
      async () => {
        const { rows } = await db.query<{ n: string }>(
          `SELECT count(*) AS n FROM alert_intake_processed WHERE fingerprint LIKE $1`,
          [`fp-%-${run}`],
        );
        return rows[0]?.n === '3' ? true : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 100, what: 'the three alert events processed' },
    );
    const services = await listed();
    expect(services.find((s) => s.name === alerted)).toEqual({
      name: alerted,
      displayName: alerted,
      ownerTeam: null,
      tier: null,
      description: '',
      source: 'ALERT',
    });
    expect(services.find((s) => s.name === 'checkout')).toMatchObject({ source: 'MANUAL', displayName: 'Checkout' });
    expect(services.filter((s) => s.name === alerted)).toHaveLength(1);
    await expect(env.app.get(ServiceCatalog).assertKnownServices([alerted])).resolves.toBeUndefined();
  });

  it('lets only admins change the catalog, and any viewer read it', async () => {
    for (const who of [responder, viewer]) {
      const denied = await graphql('mutation { registerService(input: { name: "sneaky" }) { name } }', who);
      expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const update = await graphql('mutation { updateService(input: { name: "search", tier: TIER_3 }) { name } }', who);
      expect(update.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await graphql('{ services { name } }')).status).toBe(401);
    expect((await listed()).map((s) => s.name)).not.toContain('sneaky');
  });

  it('audits each successful catalog mutation on keel.audit.v1 with the service name and the actor', async () => {
    const expected = [
      ['incidents.register_service', 'checkout'],
      ['incidents.register_service', 'search'],
      ['incidents.update_service', 'checkout'],
    ];
    // Only this file's events: the apps of other test files running beside it register services too.
    const successes = (): AuditEventReply[] =>
      env.auditsSentHere(auditEvents.messages).filter((e) => e.outcome === 'success' && e.resource.type === 'service');
    await eventually(() => (successes().length >= expected.length ? true : undefined), {
      timeoutMs: 15_000,
      intervalMs: 100,
      what: 'the audit events of the catalog mutations',
    });
    // Two services, so maybe two partitions: each one's events in order.
    const resourceOf = (row: string[]): string => row[1] ?? '';
    expect(
      byResource(
        successes().map((e) => [e.action, e.resource.id ?? '']),
        resourceOf,
      ),
    ).toEqual(byResource(expected, resourceOf));
    expect(successes().every((e) => e.actor.id === 'u-admin')).toBe(true);
    // Refusals are about other services, so on other partitions: they may arrive after the successes. Wait for them.
    const refusedBy = (): string[] =>
      env
        .auditsSentHere(auditEvents.messages)
        .filter((e) => e.outcome === 'failure' && e.resource.type === 'service')
        .map((e) => e.actor.id);
    const actors = await eventually(
      () => (['u-responder', 'u-viewer', 'u-admin'].every((id) => refusedBy().includes(id)) ? refusedBy() : undefined),
      { timeoutMs: 15_000, intervalMs: 100, what: 'the audit events of the refused catalog mutations' },
    );
    expect(actors).toEqual(expect.arrayContaining(['u-responder', 'u-viewer', 'u-admin']));
  });
});
