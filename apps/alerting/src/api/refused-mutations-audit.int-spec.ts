import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { TokenService, type Identity } from '@keel/auth';
import { auditTopic, type AuditEvent } from '@keel/contracts';
import { createKafkaClient, type EventConsumer, type KafkaClient } from '@keel/kafka';
import { eventually, TEST_KAFKA_BROKERS, uniqueName } from '@keel/testing';
import { startAlertingTestEnv, type AlertingTestEnv } from '../test/alerting-test-env';

// Mutations the auth guard refuses (role, service token, API key scope) are audited on keel.audit.v1 like those
// that fail in their resolver — guards run before the audit interceptor — on real PostgreSQL, Kafka and HTTP.

const SAVE_GROUP = `mutation ($name: String!, $source: String!) {
  saveRuleGroup(name: $name, source: $source) { name }
}`;
const DELETE_GROUP = 'mutation ($name: String!) { deleteRuleGroup(name: $name) }';
const EXPIRE_SILENCE = 'mutation ($id: ID!) { expireSilence(id: $id) { id } }';

const admin: Identity = { type: 'user', id: 'u-admin', name: 'ada', roles: ['admin'], scopes: [] };
const responder: Identity = { type: 'user', id: 'u-responder', name: 'rita', roles: ['responder'], scopes: [] };
const viewer: Identity = { type: 'user', id: 'u-viewer', name: 'victor', roles: ['viewer'], scopes: [] };
const readOnlyKey: Identity = {
  type: 'api_key',
  id: 'k-read-only',
  name: 'dashboards',
  roles: ['responder'],
  scopes: ['graphql:read'],
};

describe('audit of refused mutations (PostgreSQL, Kafka, HTTP)', () => {
  let env: AlertingTestEnv;
  let app: INestApplication;
  let baseUrl: string;
  let tokens: TokenService;
  let kafka: KafkaClient;
  let consumer: EventConsumer;
  const audits: AuditEvent[] = [];

  async function graphql(query: string, variables: Record<string, unknown>, bearer: string) {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ query, variables }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
  }

  const tokenOf = (who: Identity): string => tokens.issueAccessToken(who).token;

  function auditsOf(type: string, id: string): AuditEvent[] {
    return audits.filter((e) => e.resource.type === type && e.resource.id === id);
  }

  beforeAll(async () => {
    env = await startAlertingTestEnv([]);
    app = await env.startAlerting();
    baseUrl = await env.urlOf(app);
    tokens = app.get(TokenService);
    kafka = createKafkaClient({ brokers: TEST_KAFKA_BROKERS, clientId: uniqueName('alerting_refusal_audit') });
    consumer = kafka.consumer({
      groupId: uniqueName('alerting_refusal_audit'),
      contract: auditTopic,
      fromBeginning: true,
      handle: async ({ value }) => {
        if (value.service === 'alerting') audits.push(value);
      },
    });
    await consumer.start();
  }, 120_000);

  afterAll(async () => {
    await consumer?.stop();
    await kafka?.close();
    await env?.stop();
  });

  it('records a mutation refused for its role as a failure with reason FORBIDDEN, the caller and the arguments', async () => {
    const name = uniqueName('refused');
    const source = `groups:\n  - name: ${name}\n    rules:\n      - record: keel:refused\n        expr: vector(1)\n`;
    const save = await graphql(SAVE_GROUP, { name, source }, tokenOf(responder));
    expect(save.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const remove = await graphql(DELETE_GROUP, { name }, tokenOf(viewer));
    expect(remove.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    // Allowed, and failing in the resolver: the last event about the group (the topic is keyed by resource, so
    // once it is here, every earlier one is).
    const missing = await graphql(DELETE_GROUP, { name }, tokenOf(admin));
    expect(missing.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);

    const events = await eventually(
      () => (auditsOf('rule_group', name).length >= 3 ? auditsOf('rule_group', name) : undefined),
      { intervalMs: 100, what: 'the audit events of the three calls' },
    );
    expect(events).toEqual([
      expect.objectContaining({
        service: 'alerting',
        action: 'alerting.save_rule_group',
        actor: { type: 'user', id: 'u-responder', name: 'rita', roles: ['responder'] },
        resource: { type: 'rule_group', id: name },
        outcome: 'failure',
        reason: 'FORBIDDEN',
        details: { arguments: { name, source } },
      }),
      expect.objectContaining({
        action: 'alerting.delete_rule_group',
        actor: { type: 'user', id: 'u-viewer', name: 'victor', roles: ['viewer'] },
        resource: { type: 'rule_group', id: name },
        outcome: 'failure',
        reason: 'FORBIDDEN',
        details: { arguments: { name } },
      }),
      expect.objectContaining({
        action: 'alerting.delete_rule_group',
        actor: expect.objectContaining({ id: 'u-admin' }),
        outcome: 'failure',
        reason: 'RULE_GROUP_NOT_FOUND',
      }),
    ]);
  });

  it('records the refusals of a service token and of an API key without graphql:write, once each', async () => {
    const id = randomUUID();
    const byService = await graphql(EXPIRE_SILENCE, { id }, tokens.issueServiceToken('gateway').token);
    expect(byService.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const byKey = await graphql(EXPIRE_SILENCE, { id }, tokenOf(readOnlyKey));
    expect(byKey.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const allowed = await graphql(EXPIRE_SILENCE, { id }, tokenOf(responder));
    expect(allowed.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);

    const events = await eventually(() => (auditsOf('silence', id).length >= 3 ? auditsOf('silence', id) : undefined), {
      intervalMs: 100,
      what: 'the audit events of the three calls',
    });
    expect(events.map((e) => [e.action, e.actor.type, e.actor.id, e.outcome, e.reason])).toEqual([
      ['alerting.expire_silence', 'service', 'gateway', 'failure', 'FORBIDDEN'],
      ['alerting.expire_silence', 'api_key', 'k-read-only', 'failure', 'FORBIDDEN'],
      ['alerting.expire_silence', 'user', 'u-responder', 'failure', 'SILENCE_NOT_FOUND'],
    ]);
  });
});
