import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import type { INestApplication } from '@nestjs/common';
import { TokenService, type Identity } from '@keel/auth';
import { auditTopic, type AuditEvent } from '@keel/contracts';
import { assertEntitiesMatchMigrations } from '@keel/database';
import { committedSchemaFile, firstSdlDifference, printSubgraphSdl } from '@keel/graphql';
import { createKafkaClient, type EventConsumer, type KafkaClient } from '@keel/kafka';
import { eventually, TEST_DATABASE_URL, TEST_KAFKA_BROKERS, uniqueName, until } from '@keel/testing';
import { parse } from 'graphql';
import { Client } from 'pg';
import { ALERTING_ENTITIES, ALERTING_MIGRATIONS } from '../database/data-source-options';
import { EvaluationService } from '../evaluation/evaluation.service';
import { RuleSourcesService } from '../rules/rule-sources.service';
import { startAlertingTestEnv, type AlertingTestEnv } from '../test/alerting-test-env';

// The alerting service's GraphQL API over HTTP (JWTs as the gateway forwards them), its audit trail on
// keel.audit.v1, its Prometheus rules API, and its rule directory reloaded with a broken file, on a real metrics
// service, PostgreSQL and Kafka.

interface GraphQLReply<T> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; reason?: string } }>;
}

interface Label {
  name: string;
  value: string;
}

interface RuleView {
  name: string;
  type: string;
  query: string;
  health: string;
  lastError: string | null;
  lastEvaluation: string | null;
  labels: Label[];
  alerts: Array<{ state: string; labels: Label[]; silencedBy: string[] }>;
}

interface GroupView {
  name: string;
  file: string;
  source: string;
  version: number | null;
  health: string;
  lastEvaluation: string | null;
  rules: RuleView[];
}

interface SilenceView {
  id: string;
  matchers: Array<{ name: string; value: string; isRegex: boolean; isEqual: boolean; text: string }>;
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
  state: string;
  version: number;
}

const GROUP_FIELDS = `name file source version health lastEvaluation
  rules { name type query health lastError lastEvaluation labels { name value }
          alerts { state labels { name value } silencedBy } }`;
const RULE_GROUPS = `query ($source: RuleSource) { ruleGroups(source: $source) { ${GROUP_FIELDS} } }`;
const SAVE_GROUP = `mutation ($name: String!, $source: String!, $expectedVersion: Int) {
  saveRuleGroup(name: $name, source: $source, expectedVersion: $expectedVersion) { ${GROUP_FIELDS} }
}`;
const DELETE_GROUP = 'mutation ($name: String!) { deleteRuleGroup(name: $name) }';
const SILENCE_FIELDS =
  'id matchers { name value isRegex isEqual text } startsAt endsAt createdBy comment state version';
const CREATE_SILENCE = `mutation ($input: CreateSilenceInput!) { createSilence(input: $input) { ${SILENCE_FIELDS} } }`;
const EXPIRE_SILENCE = `mutation ($id: ID!) { expireSilence(id: $id) { ${SILENCE_FIELDS} } }`;
const SILENCES = `query ($state: SilenceState) { silences(state: $state) { ${SILENCE_FIELDS} } }`;
const PROBLEMS = '{ ruleFileProblems { file errors keepsLastGoodVersion } }';

const admin: Identity = { type: 'user', id: 'u-admin', name: 'ada', roles: ['admin'], scopes: [] };
const responder: Identity = { type: 'user', id: 'u-responder', name: 'rita', roles: ['responder'], scopes: [] };
const viewer: Identity = { type: 'user', id: 'u-viewer', name: 'victor', roles: ['viewer'], scopes: [] };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The duplicate-series error Prometheus raises while executing (not parsing) a one-to-one match. */
const FAILS_AT_EXECUTION =
  'vector(1) * on() (label_replace(vector(1), "side", "x", "", "") or label_replace(vector(2), "side", "y", "", ""))';

/** A rule file with one group `name` of the given rules (YAML lines, indented as list items of `rules:`). */
function ruleFile(name: string, rules: string[]): string {
  return ['groups:', `  - name: ${name}`, '    rules:', ...rules.map((r) => r.replace(/^/gm, '      ')), ''].join('\n');
}

function alertRule(alert: string, expr: string, extra: string[] = []): string {
  return [`- alert: ${alert}`, `  expr: ${expr}`, ...extra.map((l) => `  ${l}`)].join('\n');
}

function labelsOf(labels: Label[]): Record<string, string> {
  return Object.fromEntries(labels.map((l) => [l.name, l.value]));
}

describe('alerting GraphQL API, audit trail and rule reloads (metrics service, PostgreSQL, Kafka, HTTP)', () => {
  let env: AlertingTestEnv;
  let app: INestApplication;
  let baseUrl: string;
  let tokens: TokenService;
  let kafka: KafkaClient;
  let auditConsumer: EventConsumer;
  const audits: AuditEvent[] = [];
  const run = uniqueName('run');

  async function graphql<T>(query: string, variables: Record<string, unknown>, who?: Identity, url = baseUrl) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (who) headers['authorization'] = `Bearer ${tokens.issueAccessToken(who).token}`;
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as Omit<GraphQLReply<T>, 'status'>) };
  }

  async function ruleGroups(source?: 'FILE' | 'MANAGED'): Promise<GroupView[]> {
    const reply = await graphql<{ ruleGroups: GroupView[] }>(RULE_GROUPS, source ? { source } : {}, viewer);
    expect(reply.errors).toBeUndefined();
    return reply.data?.ruleGroups ?? [];
  }

  async function ruleGroup(name: string): Promise<GroupView | undefined> {
    return (await ruleGroups()).find((g) => g.name === name);
  }

  async function problems(): Promise<Array<{ file: string; errors: string[]; keepsLastGoodVersion: boolean }>> {
    const reply = await graphql<{
      ruleFileProblems: Array<{ file: string; errors: string[]; keepsLastGoodVersion: boolean }>;
    }>(PROBLEMS, {}, viewer);
    expect(reply.errors).toBeUndefined();
    return reply.data?.ruleFileProblems ?? [];
  }

  async function prometheusRules(group: string) {
    const response = await fetch(`${baseUrl}/api/v1/rules?rule_group[]=${encodeURIComponent(group)}`, {
      headers: { authorization: `Bearer ${tokens.issueAccessToken(viewer).token}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      status: string;
      data: {
        groups: Array<{
          name: string;
          file: string;
          rules: Array<{ name: string; type: string; health: string; lastError?: string; state?: string }>;
        }>;
      };
    };
    expect(body.status).toBe('success');
    return body.data.groups;
  }

  /** Rows of a table of the service's schema. */
  async function rows<T extends Record<string, unknown>>(sql: string, params: unknown[]): Promise<T[]> {
    const client = new Client({
      connectionString: env.alertingSchema.url,
      options: `-c search_path=${env.alertingSchema.name}`,
    });
    await client.connect();
    try {
      return (await client.query<T>(sql, params)).rows;
    } finally {
      await client.end();
    }
  }

  /** The audit events of this service about one resource (the topic is keyed by resource: they arrive in order). */
  function auditsOf(type: string, id: string): AuditEvent[] {
    return audits.filter((e) => e.resource.type === type && e.resource.id === id);
  }

  /** Waits for the event of one action and outcome; a failure is named by its reason, as several may precede it. */
  async function waitForAudit(type: string, id: string, action: string, outcome: 'success' | { failure: string }) {
    const matches = (e: AuditEvent): boolean =>
      e.action === action &&
      (outcome === 'success' ? e.outcome === 'success' : e.outcome === 'failure' && e.reason === outcome.failure);
    return eventually(() => auditsOf(type, id).find(matches), {
      intervalMs: 100,
      what: `audit event ${action} ${JSON.stringify(outcome)} on ${type} ${id}`,
    });
  }

  beforeAll(async () => {
    env = await startAlertingTestEnv([]);
    app = await env.startAlerting();
    baseUrl = await env.urlOf(app);
    tokens = app.get(TokenService);
    kafka = createKafkaClient({ brokers: TEST_KAFKA_BROKERS, clientId: uniqueName('alerting_api_int') });
    // A fresh group from the beginning of the topic: nothing published after the app started can be missed.
    auditConsumer = kafka.consumer({
      groupId: uniqueName('alerting_api_int_audit'),
      contract: auditTopic,
      fromBeginning: true,
      handle: async ({ value }) => {
        if (value.service === 'alerting') audits.push(value);
      },
    });
    await auditConsumer.start();
  }, 120_000);

  afterAll(async () => {
    await auditConsumer?.stop();
    await kafka?.close();
    await env?.stop();
  });

  describe('schema', () => {
    it('answers 401 without a token, at the HTTP layer', async () => {
      expect((await graphql('{ ruleGroups { name } }', {})).status).toBe(401);
    });

    it('has a committed schema.graphql equal to the SDL the running service serves (else: npm run graphql:schema)', async () => {
      const committed = readFileSync(committedSchemaFile('alerting'), 'utf8');
      expect(firstSdlDifference(committed, printSubgraphSdl(app))).toBeUndefined();
      // What federation reads from the subgraph over HTTP (`_service { sdl }`, printed with the directive
      // definitions spelled out): the same schema once Apollo's subgraph printer has normalised it.
      const served = await graphql<{ _service: { sdl: string } }>('{ _service { sdl } }', {}, viewer);
      expect(served.errors).toBeUndefined();
      const reprinted = printSubgraphSchema(buildSubgraphSchema(parse(served.data?._service.sdl ?? '')));
      const body = committed.slice(committed.indexOf('\n') + 1);
      expect(firstSdlDifference(body, `${reprinted.trim()}\n`)).toBeUndefined();
      expect(body).toContain('saveRuleGroup(name: String!, source: String!, expectedVersion: Int): RuleGroup!');
    });

    it('has migrations that build exactly what the entities describe', async () => {
      await expect(
        assertEntitiesMatchMigrations({
          url: TEST_DATABASE_URL,
          entities: ALERTING_ENTITIES,
          migrations: ALERTING_MIGRATIONS,
          schemaPrefix: 'alerting_drift',
        }),
      ).resolves.toBeUndefined();
    });
  });

  describe('managed rule groups', () => {
    const name = uniqueName('managed');
    const v1 = ruleFile(name, [
      alertRule('AlwaysOn', 'vector(1) > 0', [
        'labels:',
        '  severity: warning',
        `  run: ${run}`,
        'annotations:',
        '  summary: "value is {{ $value }}"',
      ]),
      ['- record: keel:always:one', '  expr: vector(1)'].join('\n'),
    ]);

    it('lets an admin create a group, which is evaluated and served by ruleGroups and GET /api/v1/rules', async () => {
      const saved = await graphql<{ saveRuleGroup: GroupView }>(SAVE_GROUP, { name, source: v1 }, admin);
      expect(saved.errors).toBeUndefined();
      expect(saved.data?.saveRuleGroup).toMatchObject({
        name,
        file: `managed/${name}`,
        source: 'MANAGED',
        version: 1,
      });
      expect(saved.data?.saveRuleGroup.rules.map((r) => [r.name, r.type, r.query])).toEqual([
        ['AlwaysOn', 'ALERTING', 'vector(1) > 0'],
        ['keel:always:one', 'RECORDING', 'vector(1)'],
      ]);

      const stored = await rows<{ name: string; version: number; updated_by_name: string; source: string }>(
        'SELECT name, version, updated_by_name, source FROM managed_rule_groups WHERE name = $1',
        [name],
      );
      expect(stored).toEqual([{ name, version: 1, updated_by_name: 'ada', source: v1 }]);

      const before = await ruleGroup(name);
      expect(before?.rules.map((r) => r.health)).toEqual(['UNKNOWN', 'UNKNOWN']);
      await app.get(EvaluationService).evaluateAll(Date.now());

      const group = await ruleGroup(name);
      expect(group).toMatchObject({ source: 'MANAGED', version: 1, health: 'OK' });
      expect(group?.lastEvaluation).not.toBeNull();
      expect(group?.rules.map((r) => [r.name, r.health, r.lastError])).toEqual([
        ['AlwaysOn', 'OK', null],
        ['keel:always:one', 'OK', null],
      ]);
      const alert = group?.rules[0].alerts[0];
      expect(alert?.state).toBe('FIRING');
      expect(labelsOf(alert?.labels ?? [])).toEqual({ alertname: 'AlwaysOn', severity: 'warning', run });

      expect(await prometheusRules(name)).toEqual([
        expect.objectContaining({
          name,
          file: `managed/${name}`,
          rules: [
            expect.objectContaining({ name: 'AlwaysOn', type: 'alerting', health: 'ok', state: 'firing' }),
            expect.objectContaining({ name: 'keel:always:one', type: 'recording', health: 'ok' }),
          ],
        }),
      ]);

      const created = await waitForAudit('rule_group', name, 'alerting.save_rule_group', 'success');
      expect(created).toMatchObject({
        service: 'alerting',
        actor: { type: 'user', id: 'u-admin', name: 'ada', roles: ['admin'] },
        resource: { type: 'rule_group', id: name },
        details: { arguments: { name, source: v1 } },
      });
    });

    it('is listed with its rules, not evaluated, by a process that does not evaluate (ALERTING_EVALUATION_ENABLED=false)', async () => {
      const reader = await env.startAlerting({ ALERTING_EVALUATION_ENABLED: 'false' });
      try {
        const readerUrl = await env.urlOf(reader);
        const reply = await graphql<{ ruleGroups: GroupView[] }>(RULE_GROUPS, { source: 'MANAGED' }, viewer, readerUrl);
        expect(reply.errors).toBeUndefined();
        const group = reply.data?.ruleGroups.find((g) => g.name === name);
        expect(group).toMatchObject({ version: 1, health: 'UNKNOWN', lastEvaluation: null });
        expect(group?.rules.map((r) => [r.name, r.type, r.query, r.health, r.lastEvaluation, r.alerts])).toEqual([
          ['AlwaysOn', 'ALERTING', 'vector(1) > 0', 'UNKNOWN', null, []],
          ['keel:always:one', 'RECORDING', 'vector(1)', 'UNKNOWN', null, []],
        ]);
        expect(labelsOf(group?.rules[0].labels ?? [])).toEqual({ severity: 'warning', run });
      } finally {
        await reader.close();
      }
    });

    it('refuses responders and viewers with FORBIDDEN, and changes nothing', async () => {
      for (const who of [responder, viewer]) {
        const save = await graphql(SAVE_GROUP, { name, source: v1.replace('vector(1) > 0', 'vector(2) > 0') }, who);
        expect(save.status).toBe(200);
        expect(save.data).toBeNull();
        expect(save.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
        const remove = await graphql(DELETE_GROUP, { name }, who);
        expect(remove.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      }
      expect((await ruleGroup(name))?.rules.map((r) => r.query)).toEqual(['vector(1) > 0', 'vector(1)']);
      expect(await rows('SELECT version FROM managed_rule_groups WHERE name = $1', [name])).toEqual([{ version: 1 }]);
    });

    it('refuses invalid groups with the reason at file:line:column, and stores nothing', async () => {
      const bad = uniqueName('bad');
      const file = `managed/${bad}`;
      const cases: Array<[string, string, RegExp]> = [
        [
          'bad PromQL',
          ruleFile(bad, [alertRule('Broken', 'rate(http_requests_total[5m]')]),
          new RegExp(`^${file}:5:15: group "${bad}", rule 1, "Broken": could not parse expression: .+`),
        ],
        [
          'duplicate rule names',
          ruleFile(bad, [alertRule('Twice', 'vector(1)'), alertRule('Twice', 'vector(2)')]),
          new RegExp(`^${file}:6:16: duplicate rule name "Twice" in group "${bad}"$`),
        ],
        [
          'template error',
          ruleFile(bad, [alertRule('Templated', 'vector(1)', ['annotations:', '  summary: "{{ $value "'])]),
          new RegExp(`^${file}:7:20: group "${bad}", rule 1, "Templated": invalid annotation template "summary": .+`),
        ],
        [
          'unknown field',
          ruleFile(bad, [alertRule('Unknown', 'vector(1)', ['severity: critical'])]),
          new RegExp(`^${file}:6:9: field severity not found in type rulefmt.Rule$`),
        ],
        [
          'a group of another name',
          ruleFile('someone_else', [alertRule('Other', 'vector(1)')]),
          new RegExp(`^${file}:1:1: the group in the source is named "someone_else", expected "${bad}"$`),
        ],
      ];
      for (const [what, source, reason] of cases) {
        const reply = await graphql(SAVE_GROUP, { name: bad, source }, admin);
        expect({ what, data: reply.data, code: reply.errors?.[0]?.extensions }).toEqual({
          what,
          data: null,
          code: { code: 'BAD_USER_INPUT', reason: 'INVALID_RULE_GROUP' },
        });
        expect({ what, message: reply.errors?.[0]?.message }).toEqual({ what, message: expect.stringMatching(reason) });
      }
      expect(await rows('SELECT name FROM managed_rule_groups WHERE name = $1', [bad])).toEqual([]);
      expect(await ruleGroup(bad)).toBeUndefined();
      expect((await prometheusRules(bad)).length).toBe(0);
      expect(await problems()).toEqual([]);

      // Each refusal is audited as a failure, none as a success.
      await until(() => auditsOf('rule_group', bad).length >= cases.length, {
        intervalMs: 100,
        what: 'five failed saveRuleGroup audit events',
      });
      expect(auditsOf('rule_group', bad).map((e) => [e.action, e.outcome, e.reason])).toEqual(
        cases.map(() => ['alerting.save_rule_group', 'failure', 'INVALID_RULE_GROUP']),
      );
    });

    it('updates a group at the version read, refuses a stale version and an invalid update, keeping the last one', async () => {
      const v2 = v1.replace('severity: warning', 'severity: critical');
      const updated = await graphql<{ saveRuleGroup: GroupView }>(
        SAVE_GROUP,
        { name, source: v2, expectedVersion: 1 },
        admin,
      );
      expect(updated.errors).toBeUndefined();
      expect(updated.data?.saveRuleGroup.version).toBe(2);
      expect(updated.data?.saveRuleGroup.rules.map((r) => labelsOf(r.labels)['severity'])).toEqual([
        'critical',
        undefined,
      ]);

      const stale = await graphql(SAVE_GROUP, { name, source: v1, expectedVersion: 1 }, admin);
      expect(stale.errors?.[0]).toMatchObject({
        message: `rule group "${name}" was changed by someone else (expected version 1); reload it and retry`,
        extensions: { code: 'CONFLICT', reason: 'RULE_GROUP_VERSION_CONFLICT' },
      });
      const invalid = await graphql(SAVE_GROUP, { name, source: v2.replace('vector(1) > 0', 'vector(1) >') }, admin);
      expect(invalid.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_RULE_GROUP' });

      expect(await rows('SELECT version, source FROM managed_rule_groups WHERE name = $1', [name])).toEqual([
        { version: 2, source: v2 },
      ]);
      await app.get(EvaluationService).evaluateAll(Date.now());
      const group = await ruleGroup(name);
      expect(group?.version).toBe(2);
      expect(labelsOf(group?.rules[0].labels ?? [])).toEqual({ severity: 'critical', run });
      // The changed group took over its rule's alert (Prometheus keeps alert state across a rule reload): with
      // the new label it is another alert, so the old one resolved and the new one fires.
      const alerts = group?.rules[0].alerts.map((a) => [labelsOf(a.labels)['severity'], a.state]);
      expect(new Map(alerts as Array<[string, string]>)).toEqual(
        new Map([
          ['warning', 'RESOLVED'],
          ['critical', 'FIRING'],
        ]),
      );
      expect(alerts).toHaveLength(2);

      const updateEvent = await eventually(
        () =>
          auditsOf('rule_group', name).find(
            (e) => e.outcome === 'success' && (e.details['arguments'] as { source: string }).source === v2,
          ),
        { intervalMs: 100, what: 'the audit event of the update' },
      );
      expect(updateEvent).toMatchObject({ action: 'alerting.save_rule_group', actor: { id: 'u-admin' } });
    });

    it('deletes a group (admin), which disappears from ruleGroups and /api/v1/rules; a second delete is NOT_FOUND', async () => {
      const removed = await graphql<{ deleteRuleGroup: boolean }>(DELETE_GROUP, { name }, admin);
      expect(removed.errors).toBeUndefined();
      expect(removed.data?.deleteRuleGroup).toBe(true);
      expect(await ruleGroup(name)).toBeUndefined();
      expect(await prometheusRules(name)).toEqual([]);
      expect(await rows('SELECT name FROM managed_rule_groups WHERE name = $1', [name])).toEqual([]);

      const again = await graphql(DELETE_GROUP, { name }, admin);
      expect(again.errors?.[0]).toMatchObject({
        message: `no managed rule group "${name}"`,
        extensions: { code: 'NOT_FOUND', reason: 'RULE_GROUP_NOT_FOUND' },
      });

      // The last event about the group is the failed second delete: by then every earlier one has arrived (the
      // topic is keyed by resource), and each successful mutation was recorded exactly once.
      await waitForAudit('rule_group', name, 'alerting.delete_rule_group', { failure: 'RULE_GROUP_NOT_FOUND' });
      const events = auditsOf('rule_group', name);
      expect(events.filter((e) => e.outcome === 'success').map((e) => [e.action, e.actor.id])).toEqual([
        ['alerting.save_rule_group', 'u-admin'],
        ['alerting.save_rule_group', 'u-admin'],
        ['alerting.delete_rule_group', 'u-admin'],
      ]);
      // The responder's and the viewer's refused attempts of the role test are on the record too.
      expect(events.filter((e) => e.outcome === 'failure').map((e) => [e.action, e.reason])).toEqual([
        ['alerting.save_rule_group', 'FORBIDDEN'],
        ['alerting.delete_rule_group', 'FORBIDDEN'],
        ['alerting.save_rule_group', 'FORBIDDEN'],
        ['alerting.delete_rule_group', 'FORBIDDEN'],
        ['alerting.save_rule_group', 'RULE_GROUP_VERSION_CONFLICT'],
        ['alerting.save_rule_group', 'INVALID_RULE_GROUP'],
        ['alerting.delete_rule_group', 'RULE_GROUP_NOT_FOUND'],
      ]);
    });
  });

  describe('silences', () => {
    const group = uniqueName('silenced');
    const created: SilenceView[] = [];

    beforeAll(async () => {
      const saved = await graphql(
        SAVE_GROUP,
        {
          name: group,
          source: ruleFile(group, [alertRule('Noisy', 'vector(1)', ['labels:', `  run: ${run}`, '  team: payments'])]),
        },
        admin,
      );
      expect(saved.errors).toBeUndefined();
      await app.get(EvaluationService).evaluateAll(Date.now());
    });

    async function noisyAlert() {
      return (await ruleGroup(group))?.rules[0].alerts[0];
    }

    it('lets a responder and an admin create silences, which mute matching alerts and are audited', async () => {
      const endsAt = new Date(Date.now() + HOUR).toISOString();
      const active = await graphql<{ createSilence: SilenceView }>(
        CREATE_SILENCE,
        {
          input: {
            matchers: ['alertname="Noisy"', `run=~"${run}|other"`, 'team!="search"'],
            endsAt,
            comment: '  deploying payments  ',
          },
        },
        responder,
      );
      expect(active.errors).toBeUndefined();
      const silence = active.data?.createSilence;
      expect(silence).toMatchObject({
        matchers: [
          { name: 'alertname', value: 'Noisy', isRegex: false, isEqual: true, text: 'alertname="Noisy"' },
          { name: 'run', value: `${run}|other`, isRegex: true, isEqual: true, text: `run=~"${run}|other"` },
          { name: 'team', value: 'search', isRegex: false, isEqual: false, text: 'team!="search"' },
        ],
        endsAt,
        createdBy: 'rita',
        comment: 'deploying payments',
        state: 'ACTIVE',
        version: 1,
      });
      created.push(silence as SilenceView);
      expect((await noisyAlert())?.silencedBy).toEqual([silence?.id]);

      const startsAt = new Date(Date.now() + HOUR).toISOString();
      const later = await graphql<{ createSilence: SilenceView }>(
        CREATE_SILENCE,
        {
          input: {
            matchers: [`run="${run}"`],
            startsAt,
            endsAt: new Date(Date.now() + 2 * HOUR).toISOString(),
            comment: 'maintenance window',
          },
        },
        admin,
      );
      expect(later.errors).toBeUndefined();
      expect(later.data?.createSilence).toMatchObject({ startsAt, createdBy: 'ada', state: 'PENDING' });
      created.push(later.data?.createSilence as SilenceView);

      for (const [silence, who] of [
        [created[0], responder],
        [created[1], admin],
      ] as const) {
        const event = await waitForAudit('silence', silence.id, 'alerting.create_silence', 'success');
        expect(event.actor).toEqual({ type: 'user', id: who.id, name: who.name, roles: who.roles });
      }
    });

    it('lists silences with their state, filtered by state', async () => {
      const all = await graphql<{ silences: SilenceView[] }>(SILENCES, {}, viewer);
      expect(all.errors).toBeUndefined();
      expect(all.data?.silences.map((s) => [s.id, s.state])).toEqual([
        [created[1].id, 'PENDING'],
        [created[0].id, 'ACTIVE'],
      ]);
      const pending = await graphql<{ silences: SilenceView[] }>(SILENCES, { state: 'PENDING' }, viewer);
      expect(pending.data?.silences.map((s) => s.id)).toEqual([created[1].id]);
    });

    it('refuses a viewer with FORBIDDEN on both mutations', async () => {
      const create = await graphql(
        CREATE_SILENCE,
        { input: { matchers: ['alertname="Noisy"'], endsAt: new Date(Date.now() + HOUR).toISOString(), comment: 'x' } },
        viewer,
      );
      expect(create.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      const expire = await graphql(EXPIRE_SILENCE, { id: created[0].id }, viewer);
      expect(expire.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      const listed = await graphql<{ silences: SilenceView[] }>(SILENCES, {}, viewer);
      expect(listed.data?.silences.map((s) => s.state)).toEqual(['PENDING', 'ACTIVE']);
    });

    it('refuses invalid matchers and an end before the start with INVALID_SILENCE naming the problem', async () => {
      const inAnHour = new Date(Date.now() + HOUR).toISOString();
      const attempts: Array<[Record<string, unknown>, string | RegExp]> = [
        [
          { matchers: ['alertname=="Noisy"'], endsAt: inAnHour, comment: 'typo' },
          'matcher value contains unescaped double quote: ="Noisy"',
        ],
        [{ matchers: ['1abel="x"'], endsAt: inAnHour, comment: 'bad name' }, 'bad matcher format: 1abel="x"'],
        [
          { matchers: ['team=~"(unclosed"'], endsAt: inAnHour, comment: 'bad regex' },
          /^error parsing regexp: missing closing \)/,
        ],
        [
          { matchers: ['team=~".*"'], endsAt: inAnHour, comment: 'everything' },
          'at least one matcher must not match the empty string',
        ],
        [
          {
            matchers: ['alertname="Noisy"'],
            startsAt: new Date(Date.now() + 2 * HOUR).toISOString(),
            endsAt: inAnHour,
            comment: 'backwards',
          },
          'end time must not be before start time',
        ],
        [
          { matchers: ['alertname="Noisy"'], endsAt: new Date(Date.now() - MINUTE).toISOString(), comment: 'past' },
          // Starting now by default, it also ends before its start.
          'end time must not be before start time; end time must not be in the past',
        ],
      ];
      for (const [input, message] of attempts) {
        const reply = await graphql(CREATE_SILENCE, { input }, responder);
        expect({ input, data: reply.data, extensions: reply.errors?.[0]?.extensions }).toEqual({
          input,
          data: null,
          extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_SILENCE' },
        });
        expect({ input, message: reply.errors?.[0]?.message }).toEqual({
          input,
          message: typeof message === 'string' ? message : expect.stringMatching(message),
        });
      }
      expect(await rows('SELECT count(*)::int AS n FROM silences', [])).toEqual([{ n: 2 }]);
    });

    it('expires a silence (responder): the alert is no longer muted; expiring again is a CONFLICT', async () => {
      const [silence] = created;
      const expired = await graphql<{ expireSilence: SilenceView }>(EXPIRE_SILENCE, { id: silence.id }, responder);
      expect(expired.errors).toBeUndefined();
      expect(expired.data?.expireSilence).toMatchObject({ id: silence.id, state: 'EXPIRED', version: 2 });
      expect(new Date(expired.data?.expireSilence.endsAt ?? 0).getTime()).toBeLessThanOrEqual(Date.now());
      expect((await noisyAlert())?.silencedBy).toEqual([]);

      const again = await graphql(EXPIRE_SILENCE, { id: silence.id }, responder);
      expect(again.errors?.[0]).toMatchObject({
        message: `silence ${silence.id} has already expired`,
        extensions: { code: 'CONFLICT', reason: 'SILENCE_ALREADY_EXPIRED' },
      });
      const unknown = await graphql(EXPIRE_SILENCE, { id: '00000000-0000-4000-8000-000000000000' }, responder);
      expect(unknown.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', reason: 'SILENCE_NOT_FOUND' });

      const states = await graphql<{ silences: SilenceView[] }>(SILENCES, {}, viewer);
      expect(states.data?.silences.map((s) => [s.id, s.state])).toEqual([
        [created[1].id, 'PENDING'],
        [silence.id, 'EXPIRED'],
      ]);

      await waitForAudit('silence', silence.id, 'alerting.expire_silence', { failure: 'SILENCE_ALREADY_EXPIRED' });
      expect(auditsOf('silence', silence.id).map((e) => [e.action, e.outcome, e.actor.id, e.reason ?? null])).toEqual([
        ['alerting.create_silence', 'success', 'u-responder', null],
        ['alerting.expire_silence', 'failure', 'u-viewer', 'FORBIDDEN'],
        ['alerting.expire_silence', 'success', 'u-responder', null],
        ['alerting.expire_silence', 'failure', 'u-responder', 'SILENCE_ALREADY_EXPIRED'],
      ]);
    });
  });

  describe('rule files reloaded with a broken version', () => {
    const group = uniqueName('from_file');
    const fileName = 'reload-test.yml';
    const sources = (): RuleSourcesService => app.get(RuleSourcesService);

    /** Replaces the file at once (write + rename), so a reload never reads half of it. */
    function writeRuleFile(text: string): void {
      const tmp = join(env.rulesDir, `${fileName}.tmp`);
      writeFileSync(tmp, text);
      renameSync(tmp, join(env.rulesDir, fileName));
    }

    const good = ruleFile(group, [alertRule('SlowBurn', 'vector(1) > 0', ['for: 1m', 'labels:', `  run: ${run}`])]);

    it('keeps the last good version served and evaluated, shows the error at file:line, and takes the fixed one', async () => {
      // In the past: the next test evaluates every group at the wall clock, after these timestamps.
      const t0 = Date.now() - 5 * MINUTE;
      writeRuleFile(good);
      await sources().reload();
      expect(await ruleGroup(group)).toMatchObject({ file: fileName, source: 'FILE', version: null });
      await app.get(EvaluationService).evaluateAll(t0);
      expect((await ruleGroup(group))?.rules[0].alerts.map((a) => a.state)).toEqual(['PENDING']);

      // Invalid YAML: the group keeps running.
      writeRuleFile(`${good}  - name: [unclosed\n`);
      await sources().reload();
      const yamlProblem = await problems();
      expect(yamlProblem).toEqual([
        {
          file: fileName,
          errors: [expect.stringMatching(new RegExp(`^${fileName}:\\d+:\\d+: invalid YAML: .+`))],
          keepsLastGoodVersion: true,
        },
      ]);

      // Bad PromQL: the error names the line of the expression; still the first version runs, and its `for`
      // timer continues: one minute later the alert fires.
      writeRuleFile(good.replace('vector(1) > 0', 'vector(1) >'));
      await sources().reload();
      expect(await problems()).toEqual([
        {
          file: fileName,
          errors: [
            expect.stringMatching(
              new RegExp(`^${fileName}:5:15: group "${group}", rule 1, "SlowBurn": could not parse expression: .+`),
            ),
          ],
          keepsLastGoodVersion: true,
        },
      ]);
      await app.get(EvaluationService).evaluateAll(t0 + 2 * MINUTE);
      const kept = await ruleGroup(group);
      expect(kept?.rules.map((r) => [r.name, r.query, r.health])).toEqual([['SlowBurn', 'vector(1) > 0', 'OK']]);
      expect(kept?.rules[0].alerts.map((a) => a.state)).toEqual(['FIRING']);
      expect((await prometheusRules(group))[0]?.rules).toEqual([
        expect.objectContaining({ name: 'SlowBurn', health: 'ok', state: 'firing' }),
      ]);

      // Fixed: the new version replaces it and the problem is gone.
      writeRuleFile(good.replace('SlowBurn', 'FastBurn').replace('for: 1m', 'for: 0s'));
      await sources().reload();
      expect(await problems()).toEqual([]);
      await app.get(EvaluationService).evaluateAll(t0 + 3 * MINUTE);
      const fixed = await ruleGroup(group);
      expect(fixed?.rules.map((r) => [r.name, r.health])).toEqual([['FastBurn', 'OK']]);
      expect(fixed?.rules[0].alerts.map((a) => a.state)).toEqual(['FIRING']);
    });
  });

  describe('a rule whose query fails at execution', () => {
    const group = uniqueName('partly_failing');

    it('is err with the data source message while the other rules of its group still evaluate', async () => {
      const source = ruleFile(group, [
        alertRule('Before', 'vector(1) > 0'),
        alertRule('Failing', FAILS_AT_EXECUTION),
        ['- record: keel:after:one', '  expr: vector(1)'].join('\n'),
      ]);
      const saved = await graphql(SAVE_GROUP, { name: group, source }, admin);
      expect(saved.errors).toBeUndefined();
      await app.get(EvaluationService).evaluateAll(Date.now());

      const evaluated = await ruleGroup(group);
      expect(evaluated?.health).toBe('ERR');
      expect(evaluated?.rules.map((r) => [r.name, r.health])).toEqual([
        ['Before', 'OK'],
        ['Failing', 'ERR'],
        ['keel:after:one', 'OK'],
      ]);
      expect(evaluated?.rules[1].lastError).toMatch(
        /^execution: found duplicate series for the match group \{\} on the right hand-side of the operation: .*many-to-many matching not allowed/,
      );
      expect(evaluated?.rules[0].alerts.map((a) => a.state)).toEqual(['FIRING']);
      expect(evaluated?.rules[1].alerts).toEqual([]);

      expect((await prometheusRules(group))[0]?.rules).toEqual([
        expect.objectContaining({ name: 'Before', health: 'ok' }),
        expect.objectContaining({ name: 'Failing', health: 'err', lastError: evaluated?.rules[1].lastError }),
        expect.objectContaining({ name: 'keel:after:one', health: 'ok' }),
      ]);
    });
  });
});
