import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Identity } from '@keel/auth';
import { auditTopic, incidentsTopic } from '@keel/contracts';
import { createKafkaClient, type KafkaClient } from '@keel/kafka';
import { eventually, statementsWhile, TEST_KAFKA_BROKERS, uniqueName } from '@keel/testing';
import type { Client } from 'pg';
import { listen, startIncidentsTestApp, type GraphQLReply, type IncidentsTestApp } from '../test/incidents-test-env';
import { IncidentHookRegistry } from './incident-hooks';

const rita: Identity = { type: 'user', id: 'u-rita', name: 'rita', roles: ['responder'], scopes: [] };
const sam: Identity = { type: 'user', id: 'u-sam', name: 'sam', roles: ['responder'], scopes: [] };
const ada: Identity = { type: 'user', id: 'u-ada', name: 'ada', roles: ['admin'], scopes: [] };
const victor: Identity = { type: 'user', id: 'u-victor', name: 'victor', roles: ['viewer'], scopes: [] };

interface IncidentReply {
  id: string;
  status: string;
  severity: string;
  version: number;
  triageOutcome: string | null;
  mergedIntoId: string | null;
  milestones: Array<{
    name: string;
    value: string;
    capturedValue: string;
    editedBy: string | null;
    editReason: string | null;
  }>;
}

const FIELDS =
  'id status severity version triageOutcome mergedIntoId milestones { name value capturedValue editedBy editReason }';
const q = (value: string): string => JSON.stringify(value);

describe('incident core over GraphQL (PostgreSQL, Kafka)', () => {
  let env: IncidentsTestApp;
  let kafka: KafkaClient;
  let db: Client;
  let incidentEvents: Awaited<ReturnType<typeof listen>>;
  let auditEvents: Awaited<ReturnType<typeof listen>>;
  /** Reasons a test wants closing to wait for (the hook post-mortems register, here under the test's control). */
  const blockers = new Map<string, string[]>();

  const graphql = <T>(query: string, who: Identity = rita): Promise<GraphQLReply<T>> => env.graphql<T>(query, who);

  async function mutate(field: string, args: string, who: Identity = rita): Promise<IncidentReply> {
    const reply = await graphql<Record<string, IncidentReply>>(`mutation { ${field}(${args}) { ${FIELDS} } }`, who);
    expect(reply.errors).toBeUndefined();
    return reply.data?.[field] as IncidentReply;
  }

  async function refusal(field: string, args: string, who: Identity = rita) {
    const reply = await graphql(`mutation { ${field}(${args}) { id } }`, who);
    expect(reply.data ?? null).toBeNull();
    return reply.errors?.[0];
  }

  async function declare(extra = '', severity = 'P1'): Promise<IncidentReply> {
    return mutate(
      'declareIncident',
      `input: { title: "Checkout failing", severity: ${severity}, services: ["checkout"] ${extra} }`,
    );
  }

  async function timeline(id: string) {
    const reply = await graphql<{
      incident: {
        timeline: Array<{
          id: string;
          kind: string;
          actor: { id: string };
          occurredAt: string;
          key: boolean;
          summary: string;
        }>;
      };
    }>(`{ incident(id: ${q(id)}) { timeline { id kind actor { id } occurredAt key summary } } }`, victor);
    expect(reply.errors).toBeUndefined();
    return reply.data?.incident.timeline ?? [];
  }

  beforeAll(async () => {
    env = await startIncidentsTestApp('incident_core');
    await env.registerServices('checkout');
    env.app.get(IncidentHookRegistry).register('test-closing-blockers', {
      closingBlockers: async ({ incident }) => blockers.get(incident.id) ?? [],
    });
    db = await env.database();
    kafka = createKafkaClient({ brokers: TEST_KAFKA_BROKERS, clientId: uniqueName('incident_core_int') });
    incidentEvents = await listen(kafka, incidentsTopic);
    auditEvents = await listen(kafka, auditTopic);
  });

  afterAll(async () => {
    await kafka?.close();
    await env?.stop();
  });

  it('opens a P1 with the seed checklist, detected and acknowledged milestones and version 1', async () => {
    const reply = await graphql<{
      declareIncident: IncidentReply & {
        checklist: {
          templateId: string;
          total: number;
          completed: number;
          nextStepId: string;
          steps: Array<{ id: string }>;
        };
        missingRoles: string[];
        availableTransitions: Array<{ action: string; to: string }>;
      };
    }>(
      `mutation { declareIncident(input: { title: "Checkout failing", severity: P1, services: ["checkout"], tags: ["migration"], type: "database" }) {
        ${FIELDS} checklist { templateId total completed nextStepId steps { id } } missingRoles availableTransitions { action to } } }`,
    );
    expect(reply.errors).toBeUndefined();
    const incident = reply.data?.declareIncident;
    expect(incident).toMatchObject({ status: 'INVESTIGATING', version: 1, triageOutcome: null });
    expect(incident?.milestones.map((m) => m.name)).toEqual(['DETECTED', 'ACKNOWLEDGED']);
    expect(incident?.checklist).toMatchObject({
      templateId: 'critical-incident-response',
      total: 12,
      completed: 0,
      nextStepId: 'notify_on_call_team',
    });
    expect(incident?.checklist.steps.at(-1)?.id).toBe('update_runbooks');
    expect(incident?.missingRoles).toEqual(['incident_commander', 'communications_lead']);
    expect(incident?.availableTransitions).toContainEqual({ action: 'set_status', to: 'MITIGATED' });
    const update = await graphql<{
      incident: {
        createdAt: string;
        stakeholderUpdate: { cadenceMinutes: number; lastUpdateAt: string; dueAt: string; overdue: boolean };
      };
    }>(
      `{ incident(id: ${q(incident?.id ?? '')}) { createdAt stakeholderUpdate { cadenceMinutes lastUpdateAt dueAt overdue } } }`,
      victor,
    );
    const { createdAt, stakeholderUpdate } = update.data?.incident ?? { createdAt: '', stakeholderUpdate: null };
    // P1: every 60 minutes, counted from the declarer's opening entry.
    expect(stakeholderUpdate).toEqual({
      cadenceMinutes: 60,
      lastUpdateAt: createdAt,
      dueAt: new Date(Date.parse(createdAt) + 60 * 60_000).toISOString(),
      overdue: false,
    });
    const p3 = await declare('', 'P3');
    const noChecklist = await graphql<{ incident: { checklist: null } }>(
      `{ incident(id: ${q(p3.id)}) { checklist { total } } }`,
      victor,
    );
    expect(noChecklist.data?.incident.checklist).toBeNull();
  });

  it('runs triage: accept, decline only with a reason, merge into another incident', async () => {
    const target = await declare();
    const accepted = await declare(', triage: true');
    expect(accepted.status).toBe('TRIAGE');
    expect(accepted.milestones.map((m) => m.name)).toEqual(['DETECTED']);
    const after = await mutate('acceptIncident', `id: ${q(accepted.id)}, expectedVersion: 1`);
    expect(after).toMatchObject({ status: 'INVESTIGATING', triageOutcome: 'accepted', version: 2 });
    expect(after.milestones.map((m) => m.name)).toEqual(['DETECTED', 'ACKNOWLEDGED']);

    const declined = await declare(', triage: true');
    expect(await refusal('declineIncident', `id: ${q(declined.id)}, expectedVersion: 1, reason: "  "`)).toMatchObject({
      message: `cannot decline incident ${declined.id} from triage to declined: a reason is required`,
      extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_INCIDENT_TRANSITION' },
    });
    const merged = await mutate('mergeIncident', `id: ${q(declined.id)}, expectedVersion: 1, intoId: ${q(target.id)}`);
    expect(merged).toMatchObject({ status: 'DECLINED', triageOutcome: 'merged', mergedIntoId: target.id });
    expect(await refusal('acceptIncident', `id: ${q(declined.id)}, expectedVersion: 2`)).toMatchObject({
      message: expect.stringContaining('only an incident in triage can be accepted'),
    });
  });

  it('moves through the statuses, sets milestones on the way and refuses a reopen without a reason', async () => {
    const incident = await declare();
    const mitigated = await mutate('setIncidentStatus', `id: ${q(incident.id)}, expectedVersion: 1, status: MITIGATED`);
    expect(mitigated.milestones.map((m) => m.name)).toEqual(['DETECTED', 'ACKNOWLEDGED', 'MITIGATED']);
    const resolved = await mutate('setIncidentStatus', `id: ${q(incident.id)}, expectedVersion: 2, status: RESOLVED`);
    expect(resolved).toMatchObject({ status: 'RESOLVED', version: 3 });
    expect(await refusal('reopenIncident', `id: ${q(incident.id)}, expectedVersion: 3, reason: ""`)).toMatchObject({
      message: `cannot reopen incident ${incident.id} from resolved to investigating: a reason is required`,
    });
    expect(
      await refusal('setIncidentStatus', `id: ${q(incident.id)}, expectedVersion: 3, status: MONITORING`),
    ).toMatchObject({
      message: `cannot move incident ${incident.id} from resolved to monitoring: a resolved incident can only be closed, or reopened to investigating with a reason`,
    });
    const reopened = await mutate(
      'reopenIncident',
      `id: ${q(incident.id)}, expectedVersion: 3, reason: "errors are back"`,
    );
    expect(reopened.status).toBe('INVESTIGATING');
    expect(reopened.milestones.map((m) => m.name)).toEqual(['DETECTED', 'ACKNOWLEDGED', 'MITIGATED']);

    const statuses = (await timeline(incident.id)).filter((e) => e.kind === 'status_change').map((e) => e.summary);
    expect(statuses).toHaveLength(4);
    expect(statuses[3]).toContain('errors are back');
    const events = await eventually(
      () => {
        const mine = incidentEvents.messages
          .map((m) => m.value as { type: string; incident: { id: string; status: string } })
          .filter((e) => e.incident.id === incident.id);
        return mine.length >= 4 ? mine : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 100, what: 'the incident events' },
    );
    expect(events.map((e) => [e.type, e.incident.status])).toEqual([
      ['incident.opened', 'investigating'],
      ['incident.status_changed', 'mitigated'],
      ['incident.resolved', 'resolved'],
      ['incident.status_changed', 'investigating'],
    ]);
  });

  it('never loses an update: a second edit from the same version gets CONFLICT naming both versions', async () => {
    const incident = await declare();
    const [first, second] = await Promise.all([
      graphql<{ changeIncidentSeverity: { version: number } }>(
        `mutation { changeIncidentSeverity(id: ${q(incident.id)}, expectedVersion: 1, severity: P0, reason: "data loss") { version } }`,
        rita,
      ),
      graphql<{ updateIncident: { version: number } }>(
        `mutation { updateIncident(id: ${q(incident.id)}, expectedVersion: 1, input: { title: "Checkout and payments failing" }) { version } }`,
        sam,
      ),
    ]);
    const replies = [first, second];
    const won = replies.filter((r) => r.errors === undefined);
    const lost = replies.filter((r) => r.errors !== undefined);
    expect(won).toHaveLength(1);
    expect(lost[0]?.errors?.[0]).toMatchObject({
      message: `the incident ${incident.id} was changed by someone else: your change is based on version 1, it is now at version 2; reload it and apply your change again`,
      extensions: { code: 'CONFLICT', reason: 'INCIDENT_VERSION_CONFLICT' },
    });
    const [row] = (await db.query(`SELECT version FROM incidents WHERE id = $1`, [incident.id])).rows as Array<{
      version: number;
    }>;
    expect(row?.version).toBe(2);
  });

  it('refuses milestones out of order and keeps the captured value beside an edit', async () => {
    const incident = await declare();
    const detected = incident.milestones.find((m) => m.name === 'DETECTED')?.value ?? '';
    const late = new Date(Date.parse(detected) + 60_000).toISOString();
    expect(
      await refusal(
        'setIncidentMilestone',
        `id: ${q(incident.id)}, expectedVersion: 1, milestone: IMPACT_STARTED, value: ${q(late)}`,
      ),
    ).toMatchObject({
      message: expect.stringMatching(
        /^milestones\.impact_started .* must not be after|milestones\.detected .* must not be before impact_started/,
      ),
      extensions: { reason: 'INVALID_MILESTONES' },
    });
    const earlier = new Date(Date.parse(detected) - 10 * 60_000).toISOString();
    const edited = await mutate(
      'setIncidentMilestone',
      `id: ${q(incident.id)}, expectedVersion: 1, milestone: DETECTED, value: ${q(earlier)}, reason: "the dashboard showed errors first"`,
    );
    expect(edited.milestones.find((m) => m.name === 'DETECTED')).toEqual({
      name: 'DETECTED',
      value: earlier,
      capturedValue: detected,
      editedBy: 'u-rita',
      editReason: 'the dashboard showed errors first',
    });
    expect(
      await refusal(
        'setIncidentMilestone',
        `id: ${q(incident.id)}, expectedVersion: 2, milestone: DETECTED, value: ${q(detected)}`,
      ),
    ).toMatchObject({ message: 'cannot edit milestone detected: a reason is required' });
  });

  it('records role hand-offs, checklist steps and back-dated notes with their actors', async () => {
    const incident = await declare();
    await mutate(
      'assignIncidentRole',
      `id: ${q(incident.id)}, expectedVersion: 1, role: "incident_commander", userId: "u-rita"`,
    );
    await mutate(
      'assignIncidentRole',
      `id: ${q(incident.id)}, expectedVersion: 2, role: "incident_commander", userId: "u-sam"`,
      sam,
    );
    await mutate(
      'completeChecklistStep',
      `id: ${q(incident.id)}, expectedVersion: 3, stepId: "notify_on_call_team", note: "paged the payments team"`,
      sam,
    );
    expect(
      await refusal(
        'completeChecklistStep',
        `id: ${q(incident.id)}, expectedVersion: 4, stepId: "notify_on_call_team"`,
      ),
    ).toMatchObject({ message: expect.stringContaining('was already completed by u-sam') });
    const detected = incident.milestones.find((m) => m.name === 'DETECTED')?.value ?? '';
    const backdated = new Date(Date.parse(detected) - 30 * 60_000).toISOString();
    const note = await graphql<{ addIncidentNote: { id: string; occurredAt: string; key: boolean } }>(
      `mutation { addIncidentNote(id: ${q(incident.id)}, text: "Deploy 4.2 went out", occurredAt: ${q(backdated)}) { id occurredAt key } }`,
    );
    expect(note.data?.addIncidentNote).toMatchObject({ occurredAt: backdated, key: false });
    const marked = await graphql<{ markTimelineKeyEvent: { key: boolean } }>(
      `mutation { markTimelineKeyEvent(entryId: ${q(note.data?.addIncidentNote.id ?? '')}, key: true) { key } }`,
    );
    expect(marked.data?.markTimelineKeyEvent.key).toBe(true);

    const read = await graphql<{
      incident: {
        roles: Array<{ role: string; userId: string; startedAt: string; endedAt: string | null; assignedBy: string }>;
        checklist: { completed: number; steps: Array<{ id: string; completedBy: string | null; note: string | null }> };
        missingRoles: string[];
      };
    }>(
      `{ incident(id: ${q(incident.id)}) { roles { role userId startedAt endedAt assignedBy } missingRoles
        checklist { completed steps { id completedBy note } } } }`,
      victor,
    );
    const { roles, checklist, missingRoles } = read.data?.incident ?? { roles: [], checklist: null, missingRoles: [] };
    expect(roles.map((r) => [r.userId, r.assignedBy, r.endedAt === null])).toEqual([
      ['u-rita', 'u-rita', false],
      ['u-sam', 'u-sam', true],
    ]);
    expect(roles[0]?.endedAt).toBe(roles[1]?.startedAt);
    expect(missingRoles).toEqual(['communications_lead']);
    expect(checklist?.completed).toBe(1);
    expect(checklist?.steps[0]).toEqual({
      id: 'notify_on_call_team',
      completedBy: 'u-sam',
      note: 'paged the payments team',
    });

    const entries = await timeline(incident.id);
    expect(entries[0]).toMatchObject({
      kind: 'note',
      actor: { id: 'u-rita' },
      key: true,
      summary: expect.stringContaining('Deploy 4.2'),
    });
    expect(entries.filter((e) => e.kind === 'role_change').map((e) => e.actor.id)).toEqual(['u-rita', 'u-sam']);
    expect(entries.find((e) => e.kind === 'checklist_step')).toMatchObject({
      actor: { id: 'u-sam' },
      summary: expect.stringContaining('Notify on-call team'),
    });
    const audits = await eventually(
      () => {
        const mine = auditEvents.messages
          .map((m) => m.value as { action: string; actor: { id: string }; resource: { id?: string } })
          .filter((a) => a.resource.id === incident.id);
        return mine.length >= 5 ? mine : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 100, what: 'the audit events' },
    );
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'incidents.assign_incident_role',
        'incidents.complete_checklist_step',
        'incidents.add_incident_note',
      ]),
    );
  });

  it('closes only without blockers, unless an admin overrides with a reason', async () => {
    // P2: no post-mortem is required, so the only blocker is the one this test registers.
    const incident = await declare('', 'P2');
    await mutate('setIncidentStatus', `id: ${q(incident.id)}, expectedVersion: 1, status: RESOLVED`);
    blockers.set(incident.id, ['action item "add replica lag alert" is open and required']);
    expect(await refusal('closeIncident', `id: ${q(incident.id)}, expectedVersion: 2`)).toMatchObject({
      message: `cannot close incident ${incident.id}: action item "add replica lag alert" is open and required (an admin may close it anyway with an override reason)`,
      extensions: { code: 'CONFLICT', reason: 'INCIDENT_CLOSING_BLOCKED' },
    });
    expect(
      await refusal('closeIncident', `id: ${q(incident.id)}, expectedVersion: 2, overrideReason: "tracked elsewhere"`),
    ).toMatchObject({
      message: expect.stringContaining('only an admin may override closing blockers'),
    });
    const closed = await mutate(
      'closeIncident',
      `id: ${q(incident.id)}, expectedVersion: 2, overrideReason: "tracked in the platform backlog"`,
      { ...ada, roles: ['admin'] },
    );
    expect(closed.status).toBe('CLOSED');
    const override = (await timeline(incident.id)).find((e) => e.kind === 'note');
    expect(override).toMatchObject({ actor: { id: 'u-ada' }, key: true });
    expect(override?.summary).toContain('tracked in the platform backlog');
    expect(override?.summary).toContain('add replica lag alert');
  });

  it('answers the fields of a whole list (read in one batch) as it answers them one incident at a time', async () => {
    const fields =
      'id status milestones { name value } roles { role userId endedAt } missingRoles checklist { total completed nextStepId }';
    const list = await graphql<{ incidents: Array<{ id: string; roles: unknown[]; checklist: unknown }> }>(
      `{ incidents(first: 8) { ${fields} } }`,
      victor,
    );
    expect(list.errors).toBeUndefined();
    const listed = list.data?.incidents ?? [];
    expect(listed.length).toBe(8);
    for (const incident of listed) {
      const one = await graphql<{ incident: unknown }>(`{ incident(id: ${q(incident.id)}) { ${fields} } }`, victor);
      expect(one.data?.incident).toEqual(incident);
    }
    // The list mixes incidents with and without roles, checklists and milestones past detection.
    const shapes = new Set(listed.map((i) => JSON.stringify([i.roles.length > 0, i.checklist === null])));
    expect(shapes.size).toBeGreaterThan(1);
  });

  it('reads the timelines and stakeholder updates of a whole list in one statement each, as for each alone', async () => {
    const fields =
      'id timeline { id kind actor { id } occurredAt summary key } stakeholderUpdate { lastUpdateAt dueAt overdue }';
    const aboutTimeline = /\bincident_timeline\b/;
    const list = await statementsWhile(env.app, aboutTimeline, () =>
      graphql<{ incidents: Array<{ id: string; timeline: unknown[]; stakeholderUpdate: unknown }> }>(
        `{ incidents(first: 8) { ${fields} } }`,
        victor,
      ),
    );
    expect(list.result.errors).toBeUndefined();
    const listed = list.result.data?.incidents ?? [];
    expect(listed.length).toBe(8);
    // Timelines of different lengths, and open incidents with an update cadence beside closed ones without.
    expect(new Set(listed.map((i) => i.timeline.length)).size).toBeGreaterThan(1);
    expect(new Set(listed.map((i) => i.stakeholderUpdate === null)).size).toBe(2);
    const open = listed.find((i) => i.stakeholderUpdate !== null) as { id: string };
    const one = await statementsWhile(env.app, aboutTimeline, () =>
      graphql(`{ incident(id: ${q(open.id)}) { ${fields} } }`, victor),
    );
    // One statement for the timelines and one for the last updates, for one incident as for eight.
    expect([one.statements.length, list.statements.length]).toEqual([2, 2]);
    for (const incident of listed) {
      const alone = await graphql<{ incident: unknown }>(`{ incident(id: ${q(incident.id)}) { ${fields} } }`, victor);
      expect(alone.data?.incident).toEqual(incident);
    }
  });

  it('refuses an unknown service by name, with the likely one', async () => {
    expect(
      await refusal(
        'declareIncident',
        'input: { title: "Checkout failing", severity: P2, services: ["checkout", "chekout"] }',
      ),
    ).toMatchObject({
      message: 'unknown service "chekout" (did you mean "checkout"?)',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const incident = await declare('', 'P3');
    expect(
      await refusal('updateIncident', `id: ${q(incident.id)}, expectedVersion: 1, input: { services: ["payments"] }`),
    ).toMatchObject({ message: expect.stringContaining('unknown service "payments"') });
  });

  it('refuses a viewer, and names a missing incident', async () => {
    const incident = await declare();
    expect(
      (await refusal('acknowledgeIncident', `id: ${q(incident.id)}, expectedVersion: 1`, victor))?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect(
      await refusal('acceptIncident', `id: "00000000-0000-4000-8000-000000000000", expectedVersion: 1`),
    ).toMatchObject({ message: 'incident 00000000-0000-4000-8000-000000000000 does not exist' });
  });
});

describe('a deployment’s response configuration (INCIDENTS_RESPONSE_CONFIG_FILE)', () => {
  let env: IncidentsTestApp;

  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'keel-response-')), 'response.json');
    writeFileSync(
      file,
      JSON.stringify({
        checklistTemplates: [
          {
            id: 'database-incident',
            name: 'Database incident',
            steps: [
              { id: 'freeze_migrations', title: 'Freeze schema migrations', phase: 'immediate' },
              { id: 'check_replication', title: 'Check replication lag', phase: 'investigation' },
            ],
          },
        ],
        checklistRules: [{ incidentType: 'database', severity: 'P2', templateId: 'database-incident' }],
        severityPolicies: {
          P2: {
            paging: { kind: 'none' },
            requiredRoles: ['incident_commander', 'scribe'],
            postMortemRequired: true,
            updateCadenceMinutes: 120,
            checklistTemplateId: null,
          },
        },
      }),
    );
    env = await startIncidentsTestApp('incident_core_config', { INCIDENTS_RESPONSE_CONFIG_FILE: file });
  });

  afterAll(async () => {
    await env?.stop();
  });

  it('gives a P2 database incident the configured checklist and required roles, and other P2s none', async () => {
    const declare = (type: string) =>
      env.graphql<{
        declareIncident: {
          checklist: { templateId: string; steps: Array<{ id: string }> } | null;
          missingRoles: string[];
        };
      }>(
        `mutation { declareIncident(input: { title: "Replica lag", severity: P2, type: ${JSON.stringify(type)} }) {
          checklist { templateId steps { id } } missingRoles } }`,
        rita,
      );
    const database = await declare('database');
    expect(database.errors).toBeUndefined();
    expect(database.data?.declareIncident).toEqual({
      checklist: { templateId: 'database-incident', steps: [{ id: 'freeze_migrations' }, { id: 'check_replication' }] },
      missingRoles: ['incident_commander', 'scribe'],
    });
    const network = await declare('network');
    expect(network.data?.declareIncident.checklist).toBeNull();
  });
  it('drafts the post-mortem of a P2 at mitigation when the configuration requires one', async () => {
    const declared = await env.graphql<{ declareIncident: { id: string; version: number } }>(
      'mutation { declareIncident(input: { title: "Queue stalled", severity: P2 }) { id version } }',
      rita,
    );
    const { id, version } = declared.data?.declareIncident ?? { id: '', version: 0 };
    const mitigated = await env.graphql<{ setIncidentStatus: { postMortem: { status: string } | null } }>(
      `mutation { setIncidentStatus(id: ${q(id)}, expectedVersion: ${version}, status: MITIGATED) { postMortem { status } } }`,
      rita,
    );
    expect(mitigated.errors).toBeUndefined();
    expect(mitigated.data?.setIncidentStatus.postMortem).toEqual({ status: 'DRAFT' });
  });
});
