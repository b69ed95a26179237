import type { Identity } from '@keel/auth';
import { auditTopic } from '@keel/contracts';
import { createKafkaClient, type KafkaClient } from '@keel/kafka';
import { eventually, statementsWhile, TEST_KAFKA_BROKERS, uniqueName } from '@keel/testing';
import {
  byResource,
  listen,
  startIncidentsTestApp,
  TEST_USERS,
  testUser,
  type AuditEventReply,
  type GraphQLReply,
  type IncidentsTestApp,
} from '../test/incidents-test-env';
import { WebhookReceiver } from '../test/webhook-receiver';
import { EscalationWorker } from './escalation.worker';

interface Escalation {
  status: string;
  policyId: string;
  policyVersion: number | null;
  currentLevel: number | null;
  currentPass: number | null;
  nextDueAt: string | null;
  acknowledgedBy: { id: string } | null;
  stoppedReason: string | null;
  notifications: Array<{
    level: number;
    user: { id: string } | null;
    scheduleId: string | null;
    channel: string;
    outcome: string;
    attempts: number;
    error: string | null;
  }>;
}

const { admin, responder } = TEST_USERS;
const alice = testUser('u-alice', 'alice', ['viewer']);
const carol = testUser('u-carol', 'carol', ['viewer']);

const ESCALATION_FIELDS =
  'status policyId policyVersion currentLevel currentPass nextDueAt acknowledgedBy { id } stoppedReason ' +
  'notifications { level user { id } scheduleId channel outcome attempts error }';
const MINUTE = 60_000;

function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`);
  return value;
}

describe('escalation (PostgreSQL, Kafka, HTTP receivers)', () => {
  let env: IncidentsTestApp;
  let kafka: KafkaClient;
  let auditEvents: () => AuditEventReply[] = () => [];
  let stopAudit: () => Promise<void>;
  let worker: EscalationWorker;
  const receiver = new WebhookReceiver();
  // The escalation clock: only this test moves it.
  let nowMs = Date.now();
  const advance = (ms: number): void => {
    nowMs += ms;
  };

  const graphql = <T>(query: string, who: Identity = admin): Promise<GraphQLReply<T>> => env.graphql<T>(query, who);

  async function declare(severity: string, title: string): Promise<{ id: string; version: number }> {
    const reply = await graphql<{ declareIncident: { id: string; version: number } }>(
      `mutation { declareIncident(input: { title: "${title}", severity: ${severity} }) { id version } }`,
      responder,
    );
    expect(reply.errors).toBeUndefined();
    return present(reply.data?.declareIncident, 'the declared incident');
  }

  async function escalationOf(
    id: string,
  ): Promise<{ escalation: Escalation | null; version: number; timeline: string[] }> {
    const reply = await graphql<{
      incident: { version: number; escalation: Escalation | null; timeline: Array<{ kind: string; summary: string }> };
    }>(
      `{ incident(id: "${id}") { version escalation { ${ESCALATION_FIELDS} } timeline { kind summary } } }`,
      responder,
    );
    expect(reply.errors).toBeUndefined();
    const incident = present(reply.data?.incident, 'the incident');
    return {
      escalation: incident.escalation,
      version: incident.version,
      timeline: incident.timeline.filter((t) => t.kind === 'notification').map((t) => t.summary),
    };
  }

  /** Pages received by `path` about one incident (the receivers are shared by the tests of this file). */
  const pagesOf = (path: string, incidentId: string): unknown[] =>
    receiver
      .requests(path)
      .map((r) => r.body)
      .filter((b) => JSON.stringify(b).includes(incidentId));

  beforeAll(async () => {
    await receiver.start();
    env = await startIncidentsTestApp(
      'incidents_escalation',
      {
        INCIDENTS_ESCALATION_WORKER: 'false',
        INCIDENTS_ESCALATION_DELIVERY_ATTEMPTS: '1',
        INCIDENTS_ESCALATION_DELIVERY_TIMEOUT_MS: '3000',
      },
      { escalationClock: { now: () => nowMs } },
    );
    worker = env.app.get(EscalationWorker);
    kafka = createKafkaClient({ brokers: TEST_KAFKA_BROKERS, clientId: uniqueName('escalation_int') });
    const audits = await listen(kafka, auditTopic);
    // Only this file's: another file's app saves a "default" policy and contact methods too.
    auditEvents = () => env.auditsSentHere(audits.messages);
    stopAudit = () => audits.consumer.stop();
  });

  afterAll(async () => {
    await stopAudit?.();
    await kafka?.close();
    await env?.stop();
    await receiver.stop();
  });

  it('opens a P1 without a default policy: no paging, the escalation stopped with its reason and a timeline entry', async () => {
    const incident = await declare('P1', 'Nobody to page');
    const { escalation, timeline } = await escalationOf(incident.id);
    expect(escalation).toMatchObject({
      status: 'STOPPED',
      policyId: 'default',
      policyVersion: null,
      notifications: [],
    });
    expect(escalation?.stoppedReason).toBe(
      'paging is not configured: escalation policy "default" does not exist, so nobody was paged',
    );
    expect(timeline).toEqual([expect.stringContaining('paging is not configured')]);
    expect((await worker.runOnce()).claimed).toBe(0);
  });

  it('refuses unknown schedules by field, non-admins, and audits the policy mutations', async () => {
    const forbidden = await graphql(
      'mutation { saveEscalationPolicy(input: { id: "default", name: "Primary", levels: [{ targets: [{ userId: "u-alice" }], delayMinutes: 5 }] }) { id } }',
      responder,
    );
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const unknown = await graphql(`
      mutation {
        saveEscalationPolicy(
          input: {
            id: "default"
            name: "Primary"
            levels: [
              { targets: [{ userId: "u-alice" }], delayMinutes: 5 }
              { targets: [{ schedule: "no-such-schedule" }, { userId: "u-bob", schedule: "x" }], delayMinutes: 0 }
            ]
          }
        ) {
          id
        }
      }
    `);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_ESCALATION_POLICY',
    });
    expect(unknown.errors?.[0]?.extensions?.issues?.map((i) => i.field)).toEqual([
      'levels[1].targets[0].schedule',
      'levels[1].targets[1]',
    ]);
    expect(unknown.errors?.[0]?.message).toContain('names no on-call schedule (by id or name): "no-such-schedule"');

    // The schedule level 2 pages: carol is on call all the time.
    const schedule = await graphql<{ saveOncallSchedule: { id: string } }>(`
      mutation {
        saveOncallSchedule(
          input: {
            name: "primary"
            timeZone: "UTC"
            layers: [
              { participants: ["u-carol"], rotation: DAILY, handoffTime: "09:00", start: "2020-01-01T00:00:00Z" }
            ]
          }
        ) {
          id
        }
      }
    `);
    expect(schedule.errors).toBeUndefined();
    const scheduleId = present(schedule.data?.saveOncallSchedule.id, 'the schedule id');

    const saved = await graphql<{
      saveEscalationPolicy: {
        id: string;
        version: number;
        levels: Array<{ targets: Array<{ kind: string; scheduleId: string | null; user: { id: string } | null }> }>;
      };
    }>(`
      mutation {
        saveEscalationPolicy(
          input: {
            id: "default"
            name: "Primary"
            levels: [
              { targets: [{ userId: "u-alice" }], delayMinutes: 5 }
              { targets: [{ schedule: "primary" }], delayMinutes: 10 }
            ]
          }
        ) {
          id
          version
          levels {
            targets {
              kind
              scheduleId
              user {
                id
              }
            }
          }
        }
      }
    `);
    expect(saved.errors).toBeUndefined();
    expect(saved.data?.saveEscalationPolicy).toEqual({
      id: 'default',
      version: 1,
      levels: [
        { targets: [{ kind: 'USER', scheduleId: null, user: { id: 'u-alice' } }] },
        { targets: [{ kind: 'SCHEDULE', scheduleId, user: null }] },
      ],
    });

    const stale = await graphql(
      'mutation { saveEscalationPolicy(input: { id: "default", name: "Primary", levels: [{ targets: [{ userId: "u-alice" }], delayMinutes: 5 }] }, expectedVersion: 7) { id } }',
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'ESCALATION_POLICY_VERSION_CONFLICT',
      version: 1,
    });
    const deleteDefault = await graphql('mutation { deleteEscalationPolicy(id: "default", expectedVersion: 1) }');
    expect(deleteDefault.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'ESCALATION_POLICY_IN_USE',
    });

    const events = await eventually(
      () => {
        const found = auditEvents().filter((e) => e.resource.type === 'escalation_policy');
        return found.length >= 5 ? found : undefined;
      },
      { what: 'five escalation_policy audit events' },
    );
    expect(events.map((e) => [e.action, e.outcome, e.resource.id, e.actor.id])).toEqual([
      ['incidents.save_escalation_policy', 'failure', 'default', 'u-responder'],
      ['incidents.save_escalation_policy', 'failure', 'default', 'u-admin'],
      ['incidents.save_escalation_policy', 'success', 'default', 'u-admin'],
      ['incidents.save_escalation_policy', 'failure', 'default', 'u-admin'],
      ['incidents.delete_escalation_policy', 'failure', 'default', 'u-admin'],
    ]);
  });

  it('lets a user set their own contact methods, an admin anyone’s, and keeps webhook URLs out of the API and audit', async () => {
    const own = await graphql<{ setContactMethods: Array<{ kind: string; address: string; enabled: boolean }> }>(
      `mutation { setContactMethods(methods: [{ kind: WEBHOOK, secretUrl: "${receiver.url('/alice')}" }]) { kind address enabled } }`,
      alice,
    );
    expect(own.errors).toBeUndefined();
    expect(own.data?.setContactMethods).toEqual([
      { kind: 'WEBHOOK', address: receiver.url('/<redacted>'), enabled: true },
    ]);

    const other = await graphql(
      `
        mutation {
          setContactMethods(userId: "u-alice", methods: []) {
            kind
          }
        }
      `,
      carol,
    );
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'CONTACT_METHODS_FORBIDDEN' });

    const byAdmin = await graphql<{ setContactMethods: Array<{ kind: string }> }>(
      `mutation { setContactMethods(userId: "u-carol", methods: [
        { kind: SLACK, secretUrl: "${receiver.url('/carol')}" }, { kind: EMAIL, email: "carol@example.com", enabled: false }
      ]) { kind } }`,
    );
    expect(byAdmin.data?.setContactMethods).toEqual([{ kind: 'SLACK' }, { kind: 'EMAIL' }]);
    const mine = await graphql<{ myContactMethods: Array<{ kind: string; address: string; enabled: boolean }> }>(
      '{ myContactMethods { kind address enabled } }',
      carol,
    );
    expect(mine.data?.myContactMethods).toEqual([
      { kind: 'SLACK', address: receiver.url('/<redacted>'), enabled: true },
      { kind: 'EMAIL', address: 'carol@example.com', enabled: false },
    ]);

    const bad = await graphql(
      `
        mutation {
          setContactMethods(methods: [{ kind: EMAIL, email: "nope" }]) {
            kind
          }
        }
      `,
      alice,
    );
    expect(bad.errors?.[0]?.extensions?.issues?.map((i) => i.field)).toEqual(['methods[0].email']);

    const events = await eventually(
      () => {
        const found = auditEvents().filter((e) => e.resource.type === 'oncall_contact_methods');
        return found.length >= 4 ? found : undefined;
      },
      { what: 'four oncall_contact_methods audit events' },
    );
    // Three resources, so up to three partitions: each one's events in order, not an order between them.
    const resourceOf = (row: string[]): string => row[2] ?? '';
    expect(
      byResource(
        events.map((e) => [e.action, e.outcome, e.resource.id ?? '', e.actor.id]),
        resourceOf,
      ),
    ).toEqual(
      byResource(
        [
          ['incidents.set_contact_methods', 'success', 'setContactMethods', 'u-alice'],
          ['incidents.set_contact_methods', 'failure', 'u-alice', 'u-carol'],
          ['incidents.set_contact_methods', 'success', 'u-carol', 'u-admin'],
          ['incidents.set_contact_methods', 'failure', 'setContactMethods', 'u-alice'],
        ],
        resourceOf,
      ),
    );
    // The URLs were given as secretUrl, which the audit trail redacts.
    expect(JSON.stringify(events)).not.toContain('/alice');
    expect(JSON.stringify(events)).not.toContain('/carol');
    expect(JSON.stringify(events)).toContain('carol@example.com');
  });

  it('escalation fires when nobody acknowledges: level 1 at once, level 2 after its delay (schedule on call)', async () => {
    const incident = await declare('P1', 'Checkout down');
    expect((await escalationOf(incident.id)).escalation).toMatchObject({ status: 'RUNNING', currentLevel: null });

    expect(await worker.runOnce()).toMatchObject({ claimed: 1, sent: 1, delivered: 1, failed: 0 });
    const [page] = pagesOf('/alice', incident.id);
    expect(page).toMatchObject({
      type: 'incident.escalation',
      incident: { id: incident.id, title: 'Checkout down', severity: 'P1' },
      escalation: { policyId: 'default', level: 1, pass: 1 },
      recipient: { userId: 'u-alice' },
    });
    expect(pagesOf('/carol', incident.id)).toEqual([]);
    const afterFirst = await escalationOf(incident.id);
    expect(afterFirst.escalation).toMatchObject({ status: 'RUNNING', currentLevel: 1, currentPass: 1 });
    expect(Date.parse(present(afterFirst.escalation?.nextDueAt, 'nextDueAt'))).toBe(nowMs + 5 * MINUTE);

    advance(5 * MINUTE - 1000);
    expect((await worker.runOnce()).claimed).toBe(0);
    expect(pagesOf('/alice', incident.id)).toHaveLength(1);

    advance(1000);
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, delivered: 1 });
    const slack = pagesOf('/carol', incident.id);
    expect(slack).toHaveLength(1);
    expect((slack[0] as { text: string }).text).toContain('[P1] Checkout down — escalation level 2');
    expect(pagesOf('/alice', incident.id)).toHaveLength(1);

    const done = await escalationOf(incident.id);
    expect(done.escalation).toMatchObject({ status: 'EXHAUSTED', currentLevel: 2, nextDueAt: null });
    expect(done.escalation?.notifications).toEqual([
      {
        level: 1,
        user: { id: 'u-alice' },
        scheduleId: null,
        channel: 'WEBHOOK',
        outcome: 'DELIVERED',
        attempts: 1,
        error: null,
      },
      {
        level: 2,
        user: { id: 'u-carol' },
        scheduleId: null,
        channel: 'SLACK',
        outcome: 'DELIVERED',
        attempts: 1,
        error: null,
      },
    ]);
    expect(done.timeline).toEqual([
      'Notified u-alice via webhook: escalation "Primary" level 1: paged u-alice by webhook',
      'Notified u-carol via slack: escalation "Primary" level 2: paged u-carol by slack',
    ]);
    advance(60 * MINUTE);
    expect((await worker.runOnce()).claimed).toBe(0);
  });

  it('stops paging once someone acknowledges', async () => {
    const incident = await declare('P0', 'Database gone');
    await worker.runOnce();
    expect(pagesOf('/alice', incident.id)).toHaveLength(1);
    const { version } = await escalationOf(incident.id);

    advance(2 * MINUTE);
    const ack = await graphql<{ acknowledgeIncident: { id: string } }>(
      `mutation { acknowledgeIncident(id: "${incident.id}", expectedVersion: ${version}) { id } }`,
      responder,
    );
    expect(ack.errors).toBeUndefined();
    const acked = await escalationOf(incident.id);
    expect(acked.escalation).toMatchObject({
      status: 'ACKNOWLEDGED',
      acknowledgedBy: { id: 'u-responder' },
      nextDueAt: null,
      currentLevel: 1,
    });

    advance(30 * MINUTE);
    expect((await worker.runOnce()).claimed).toBe(0);
    expect(pagesOf('/carol', incident.id)).toEqual([]);
  });

  it('never pages twice when two workers run at once', async () => {
    const incident = await declare('P1', 'Two workers');
    const reports = await Promise.all([worker.runOnce(), worker.runOnce(), worker.runOnce()]);
    expect(reports.map((r) => r.claimed).reduce((a, b) => a + b, 0)).toBe(1);
    expect(pagesOf('/alice', incident.id)).toHaveLength(1);

    advance(5 * MINUTE);
    const second = await Promise.all([worker.runOnce(), worker.runOnce()]);
    expect(second.map((r) => r.claimed).reduce((a, b) => a + b, 0)).toBe(1);
    expect(pagesOf('/carol', incident.id)).toHaveLength(1);
    expect((await escalationOf(incident.id)).escalation?.notifications).toHaveLength(2);
  });

  it('sends again, once, a page a dead worker left sending (at least once)', async () => {
    const incident = await declare('P1', 'Dead worker');
    await worker.runOnce();
    expect(pagesOf('/alice', incident.id)).toHaveLength(1);
    // As if the worker had died after claiming the step and before recording the delivery: the row stays
    // `sending`, last attempted longer ago than the lease.
    const db = await env.database();
    const lease = worker.stalePageLeaseMs();
    await db.query(
      `UPDATE escalation_notifications SET outcome = 'sending', attempts = 0, attempted_at = $2 WHERE incident_id = $1`,
      [incident.id, new Date(nowMs - lease - 1000)],
    );
    const fresh = await declare('P1', 'Live worker');
    expect(await worker.runOnce()).toMatchObject({ claimed: 2, sent: 2, delivered: 2 });
    expect(pagesOf('/alice', incident.id)).toHaveLength(2);
    expect(pagesOf('/alice', fresh.id)).toHaveLength(1);
    const { escalation } = await escalationOf(incident.id);
    expect(escalation?.notifications.map((n) => [n.outcome, n.attempts])).toEqual([['DELIVERED', 1]]);
    // Delivered now, and a page still within its lease is not taken: nothing is sent a third time.
    await db.query(
      `UPDATE escalation_notifications SET outcome = 'sending', attempted_at = $2 WHERE incident_id = $1`,
      [fresh.id, new Date(nowMs - lease + 5000)],
    );
    expect((await worker.runOnce()).claimed).toBe(0);
    expect(pagesOf('/alice', incident.id)).toHaveLength(2);
    expect(pagesOf('/alice', fresh.id)).toHaveLength(1);
    // Leave nothing for the next tests' clock: both escalations end here.
    await db.query(`UPDATE escalation_notifications SET outcome = 'delivered' WHERE incident_id = $1`, [fresh.id]);
    await db.query(`UPDATE incident_escalations SET status = 'stopped' WHERE incident_id = ANY($1::uuid[])`, [
      [incident.id, fresh.id],
    ]);
  });

  it('records a failing receiver and goes on paging the user’s other methods', async () => {
    receiver.answer('/alice-down', 500);
    const set = await graphql(
      `mutation { setContactMethods(methods: [
        { kind: WEBHOOK, secretUrl: "${receiver.url('/alice-down')}" }, { kind: WEBHOOK, secretUrl: "${receiver.url('/alice')}" }
      ]) { kind } }`,
      alice,
    );
    expect(set.errors).toBeUndefined();
    const incident = await declare('P1', 'Flaky receiver');
    expect(await worker.runOnce()).toMatchObject({ claimed: 1, sent: 2, delivered: 1, failed: 1 });
    expect(pagesOf('/alice', incident.id)).toHaveLength(1);
    expect(pagesOf('/alice-down', incident.id)).toHaveLength(1);

    const { escalation, timeline } = await escalationOf(incident.id);
    expect(escalation?.status).toBe('RUNNING');
    const failed = escalation?.notifications.find((n) => n.outcome === 'FAILED');
    expect(failed).toMatchObject({ user: { id: 'u-alice' }, channel: 'WEBHOOK', attempts: 1 });
    expect(failed?.error).toContain('500');
    expect(failed?.error).not.toContain('/alice-down');
    expect(timeline[0]).toContain('paged u-alice by webhook; webhook failed for u-alice');

    // Resolving stops the escalation: level 2 never fires.
    const current = await escalationOf(incident.id);
    const resolved = await graphql(
      `mutation { setIncidentStatus(id: "${incident.id}", expectedVersion: ${current.version}, status: RESOLVED) { id } }`,
      responder,
    );
    expect(resolved.errors).toBeUndefined();
    expect((await escalationOf(incident.id)).escalation).toMatchObject({
      status: 'STOPPED',
      stoppedReason: 'incident resolved',
    });
    advance(10 * MINUTE);
    expect((await worker.runOnce()).claimed).toBe(0);
    expect(pagesOf('/carol', incident.id)).toEqual([]);
  });

  it('pages nobody for a P3, and refuses deleting a policy a running escalation uses', async () => {
    const low = await declare('P3', 'Typo on a page');
    expect((await escalationOf(low.id)).escalation).toBeNull();

    const other = await graphql<{ saveEscalationPolicy: { version: number } }>(
      'mutation { saveEscalationPolicy(input: { id: "payments", name: "Payments", levels: [{ targets: [{ userId: "u-bob" }], delayMinutes: 5 }] }) { version } }',
    );
    expect(other.errors).toBeUndefined();
    const db = await env.database();
    await db.query(
      `INSERT INTO incident_escalations (incident_id, policy_id, policy_version, policy_snapshot, status, triggered_at, next_due_at)
       VALUES ($1, 'payments', 1, $2, 'running', $3, $3)`,
      [
        low.id,
        JSON.stringify({ levels: [{ targets: [{ kind: 'user', userId: 'u-bob' }], delayMinutes: 5 }] }),
        new Date(nowMs + 60 * MINUTE),
      ],
    );
    const inUse = await graphql('mutation { deleteEscalationPolicy(id: "payments", expectedVersion: 1) }');
    expect(inUse.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'ESCALATION_POLICY_IN_USE' });
    expect(inUse.errors?.[0]?.message).toContain('used by 1 running escalation');

    await db.query(`UPDATE incident_escalations SET status = 'stopped' WHERE policy_id = 'payments'`);
    const deleted = await graphql<{ deleteEscalationPolicy: boolean }>(
      'mutation { deleteEscalationPolicy(id: "payments", expectedVersion: 1) }',
    );
    expect(deleted.data?.deleteEscalationPolicy).toBe(true);
  });

  /** The statements about escalations the app sent while `work` ran. */
  const escalationStatements = <T>(work: () => Promise<T>) =>
    statementsWhile(env.app, /\b(incident_escalations|escalation_notifications)\b/, work);

  it('reads the escalations of a whole list of incidents in two statements, answering as for each incident alone', async () => {
    const db = await env.database();
    /** An escalation `minutesAgo` old, with a delivered page to each recipient (in that order). */
    const escalate = async (incidentId: string, status: string, minutesAgo: number, recipients: string[]) => {
      const at = new Date(nowMs - minutesAgo * MINUTE);
      const rows = await db.query<{ id: string }>(
        `INSERT INTO incident_escalations (incident_id, policy_id, status, triggered_at, next_due_at)
         VALUES ($1, 'default', $2, $3, $4) RETURNING id`,
        [incidentId, status, at, status === 'running' ? new Date(nowMs + 600 * MINUTE) : null],
      );
      for (const recipient of recipients) {
        await db.query(
          `INSERT INTO escalation_notifications
             (escalation_id, incident_id, level_index, pass, step_at, recipient, channel, outcome, attempts, attempted_at)
           VALUES ($1, $2, 0, 0, $3, $4, 'webhook', 'delivered', 1, $3)`,
          [rows.rows[0]?.id, incidentId, at, recipient],
        );
      }
    };
    // P3s page nobody: their escalations are only those written here.
    const running = await declare('P3', 'Running beside a later stopped one');
    await escalate(running.id, 'running', 60, ['u-running']);
    await escalate(running.id, 'stopped', 10, ['u-stopped-later']);
    const ended = await declare('P3', 'Several ended escalations');
    await escalate(ended.id, 'stopped', 90, ['u-oldest']);
    await escalate(ended.id, 'exhausted', 30, ['u-latest-1', 'u-latest-2']);
    await escalate(ended.id, 'acknowledged', 60, ['u-older']);
    const never = await declare('P3', 'Never paged');

    const fields = `id escalation { ${ESCALATION_FIELDS} }`;
    type Listed = { id: string; escalation: Escalation | null };
    const one = await escalationStatements(() =>
      graphql<{ incident: Listed }>(`{ incident(id: "${running.id}") { ${fields} } }`, alice),
    );
    expect(one.statements).toHaveLength(2);
    const list = await escalationStatements(() =>
      graphql<{ incidents: Listed[] }>(`{ incidents(first: 50) { ${fields} } }`, alice),
    );
    expect(list.result.errors).toBeUndefined();
    expect(list.statements).toHaveLength(2);

    const listed = list.result.data?.incidents ?? [];
    const byId = new Map(listed.map((i) => [i.id, i.escalation]));
    const recipients = (id: string) => byId.get(id)?.notifications.map((n) => n.user?.id);
    // The running escalation wins over a later one; else the latest; each with its own pages, in order.
    expect(byId.get(running.id)?.status).toBe('RUNNING');
    expect(recipients(running.id)).toEqual(['u-running']);
    expect(byId.get(ended.id)?.status).toBe('EXHAUSTED');
    expect(recipients(ended.id)).toEqual(['u-latest-1', 'u-latest-2']);
    expect(byId.has(never.id)).toBe(true);
    expect(byId.get(never.id)).toBeNull();
    expect(listed.filter((i) => i.escalation !== null).length).toBeGreaterThanOrEqual(8);
    expect(listed.find((i) => i.id === running.id)).toEqual(one.result.data?.incident);
    for (const incident of listed) {
      const alone = await graphql<{ incident: Listed }>(`{ incident(id: "${incident.id}") { ${fields} } }`, alice);
      expect(alone.data?.incident).toEqual(incident);
    }
  });
});
