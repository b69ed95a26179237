import { alertsTopic, auditTopic } from '@keel/contracts';
import { createKafkaClient, type KafkaClient } from '@keel/kafka';
import { eventually, TEST_KAFKA_BROKERS, uniqueName } from '@keel/testing';
import type { Client } from 'pg';
import {
  byResource,
  listen,
  startIncidentsTestApp,
  testUser,
  type AuditEventReply,
  type IncidentsTestApp,
} from '../test/incidents-test-env';
import { AlertIntakeService } from '../alert-intake/alert-intake.service';
import { anAlertEvent } from '../alert-intake/testing/alert-intake.factory';
import { durationStats } from './percentiles';

interface Stats {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}
interface Times {
  overall: Stats;
  bySeverity: { severity: string; stats: Stats }[];
}
interface Retro {
  period: { kind: string; label: string; from: string; to: string };
  partial: boolean;
  incidentCount: number;
  bySeverity: { severity: string; count: number }[];
  byService: { service: string; count: number }[];
  withoutService: number;
  timeToAcknowledge: Times;
  timeToResolve: Times;
  repeatIncidents: {
    incidentId: string;
    earlierIncidentId: string;
    services: string[];
    triggers: string[];
    actionItemsDoneAt: string;
  }[];
  postMortems: { required: number; published: number; missingIncidentIds: string[] };
  actionItems: {
    total: number;
    open: number;
    inProgress: number;
    done: number;
    wontDo: number;
    overdue: number;
    completionPercent: number | null;
  };
  whatWentWell: { incidentId: string; text: string }[];
  whatWentWrong: { incidentId: string; text: string }[];
  improvements: { kind: string; message: string; incidentIds: string[]; incidentCount: number }[];
  totals: Record<'repeatIncidents' | 'missingPostMortems' | 'whatWentWell' | 'whatWentWrong' | 'improvements', number>;
  agreedImprovements: string[];
  followUpDate: string;
  followUpDateSource: string;
  meeting: { period: string; improvements: string[]; notes: string; followUpDate: string; version: number } | null;
}

const STATS = 'count medianSeconds p90Seconds';
const TIMES = `{ overall { ${STATS} } bySeverity { severity stats { ${STATS} } } }`;
const FIELDS = `period { kind label from to } partial incidentCount bySeverity { severity count }
  byService { service count } withoutService timeToAcknowledge ${TIMES} timeToResolve ${TIMES}
  repeatIncidents { incidentId earlierIncidentId services triggers actionItemsDoneAt }
  postMortems { required published missingIncidentIds }
  actionItems { total open inProgress done wontDo overdue completionPercent }
  whatWentWell { incidentId text } whatWentWrong { incidentId text }
  improvements { kind message incidentIds incidentCount }
  totals { repeatIncidents missingPostMortems whatWentWell whatWentWrong improvements }
  agreedImprovements followUpDate followUpDateSource meeting { period improvements notes followUpDate version }`;

const q = (s: string) => JSON.stringify(s);
const rita = testUser('u-rita', 'rita', ['responder']);
const victor = testUser('u-victor', 'victor', ['viewer']);

// A deterministic spread of durations (seconds), so the SQL percentiles meet values that are not tidy.
function spread(n: number, seed: number, max: number): number[] {
  const values: number[] = [];
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    values.push(1 + (x % max));
  }
  return values;
}

describe('retrospectives (PostgreSQL, GraphQL)', () => {
  let env: IncidentsTestApp;
  let db: Client;
  let kafka: KafkaClient;
  let auditEvents: Awaited<ReturnType<typeof listen>>;
  let counter = 0;

  async function ok<T>(query: string, who = rita): Promise<T> {
    const reply = await env.graphql<T>(query, who);
    expect(reply.errors).toBeUndefined();
    return reply.data as T;
  }

  async function retro(period: string, service?: string, who = victor, first?: number): Promise<Retro> {
    const args =
      `period: ${q(period)}${service === undefined ? '' : `, service: ${q(service)}`}` +
      (first === undefined ? '' : `, first: ${first}`);
    return (await ok<{ retrospective: Retro }>(`{ retrospective(${args}) { ${FIELDS} } }`, who)).retrospective;
  }

  /** An incident row with exact milestones (seconds after its opening); status resolved unless given. */
  async function insertIncident(options: {
    severity: string;
    services: string[];
    openedAt: string;
    ackAfter?: number | null;
    resolveAfter?: number | null;
    status?: string;
    alertname?: string;
  }): Promise<string> {
    counter += 1;
    const status = options.status ?? 'resolved';
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO incidents (title, severity, status, services, declared_by_id, declared_by_name, version, created_at)
       VALUES ($1, $2, $3, $4, 'u-rita', 'rita', 1, $5) RETURNING id`,
      [`incident ${counter}`, options.severity, status, options.services, options.openedAt],
    );
    const id = rows[0].id;
    const opened = new Date(options.openedAt).getTime();
    const milestones: Array<[string, number | null | undefined]> = [
      ['detected', 0],
      ['acknowledged', options.ackAfter],
      ['resolved', options.resolveAfter],
    ];
    for (const [name, after] of milestones) {
      if (after === null || after === undefined) continue;
      const value = new Date(opened + Math.round(after * 1000));
      await db.query(
        `INSERT INTO incident_milestones (incident_id, name, value, captured_value, captured_at, captured_by)
         VALUES ($1, $2, $3, $3, $3, 'u-rita')`,
        [id, name, value],
      );
    }
    // The response times the incident core keeps on the row beside its milestones (IncidentStateRepository).
    const ms = (after: number | null | undefined): number | null =>
      after === null || after === undefined ? null : Math.round(after * 1000);
    await db.query(`UPDATE incidents SET time_to_acknowledge_ms = $2, time_to_resolve_ms = $3 WHERE id = $1`, [
      id,
      ms(options.ackAfter),
      ms(options.resolveAfter),
    ]);
    if (options.alertname !== undefined) {
      await db.query(
        `INSERT INTO incident_alerts (incident_id, fingerprint, alertname, group_key, service, labels, annotations,
           first_firing_at, last_firing_at, last_state, last_state_at)
         VALUES ($1, $2, $3, 'g', $4, '{}', '{}', $5, $5, 'firing', $5)`,
        [id, `fp-${counter}`, options.alertname, options.services[0] ?? null, options.openedAt],
      );
    }
    return id;
  }

  /** A post-mortem row with lessons and action items [status, due date, closed at]. */
  async function insertPostMortem(
    incidentId: string,
    status: string,
    lessons: { wentWell: string[]; wentWrong: string[] },
    items: Array<[string, string | null, string | null]>,
  ): Promise<string> {
    const document = {
      rootCause: { analysis: 'a', contributingFactors: [] },
      prevention: { recommendations: [] },
      lessons: { ...lessons, gotLucky: [] },
    };
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO post_mortems (incident_id, status, document, owner_id, created_by_id, version)
       VALUES ($1, $2, $3, 'u-rita', 'u-rita', 1) RETURNING id`,
      [incidentId, status, JSON.stringify(document)],
    );
    for (const [position, [itemStatus, due, closed]] of items.entries()) {
      await db.query(
        `INSERT INTO action_items (post_mortem_id, incident_id, position, type, title, due_date, status, closed_at,
           status_reason, version)
         VALUES ($1, $2, $3, 'prevent', $4, $5, $6, $7, $8, 1)`,
        [
          rows[0].id,
          incidentId,
          position,
          `item ${position}`,
          due,
          itemStatus,
          closed,
          itemStatus === 'wont_do' ? 'no' : null,
        ],
      );
    }
    return rows[0].id;
  }

  beforeAll(async () => {
    env = await startIncidentsTestApp('incidents_retrospectives');
    db = await env.database();
    kafka = createKafkaClient({ brokers: TEST_KAFKA_BROKERS, clientId: uniqueName('retrospectives_int') });
    auditEvents = await listen(kafka, auditTopic);
    await env.registerServices('checkout', 'payments');
  });

  afterAll(async () => {
    await kafka?.close();
    await env?.stop();
  });

  // 2026-Q3: incidents with exact response times (seconds after detection = opening).
  const q3 = [
    { severity: 'P1', services: ['checkout'], ack: 60, resolve: 3600 },
    { severity: 'P1', services: ['checkout', 'payments'], ack: 120, resolve: 7200 },
    { severity: 'P2', services: ['payments'], ack: 300, resolve: 1800 },
    { severity: 'P2', services: ['payments'], ack: 30, resolve: null },
    { severity: 'P3', services: [], ack: 900, resolve: 600 },
    { severity: 'P3', services: ['checkout'], ack: null, resolve: 86_400 },
  ];
  const ids: string[] = [];
  let earlierId: string;
  let repeatId: string;

  it('reports counts by severity and service and nearest-rank medians and p90 of the response times', async () => {
    for (const [i, row] of q3.entries()) {
      ids.push(
        await insertIncident({
          severity: row.severity,
          services: row.services,
          openedAt: `2026-07-${String(2 + i).padStart(2, '0')}T10:00:00Z`,
          ackAfter: row.ack,
          resolveAfter: row.resolve,
        }),
      );
    }
    // Not counted: declined, in triage, merged, and one opened the day after the quarter.
    await insertIncident({
      severity: 'P0',
      services: ['checkout'],
      openedAt: '2026-08-01T00:00:00Z',
      status: 'declined',
      ackAfter: 1,
    });
    await insertIncident({
      severity: 'P0',
      services: ['checkout'],
      openedAt: '2026-08-02T00:00:00Z',
      status: 'triage',
    });
    await insertIncident({ severity: 'P0', services: ['checkout'], openedAt: '2026-10-01T00:00:00Z', ackAfter: 5 });

    const r = await retro('2026-Q3');
    expect(r.period).toEqual({
      kind: 'QUARTER',
      label: '2026-Q3',
      from: '2026-07-01T00:00:00.000Z',
      to: '2026-10-01T00:00:00.000Z',
    });
    expect(r.partial).toBe(false);
    expect(r.incidentCount).toBe(6);
    expect(r.bySeverity).toEqual([
      { severity: 'P0', count: 0 },
      { severity: 'P1', count: 2 },
      { severity: 'P2', count: 2 },
      { severity: 'P3', count: 2 },
    ]);
    expect(r.byService).toEqual([
      { service: 'checkout', count: 3 },
      { service: 'payments', count: 3 },
    ]);
    expect(r.withoutService).toBe(1);
    // acknowledge: 30 60 120 300 900 → median (rank 3) 120, p90 (rank 5) 900
    expect(r.timeToAcknowledge.overall).toEqual({ count: 5, medianSeconds: 120, p90Seconds: 900 });
    // resolve: 600 1800 3600 7200 86400 → median 3600, p90 86400
    expect(r.timeToResolve.overall).toEqual({ count: 5, medianSeconds: 3600, p90Seconds: 86_400 });
    expect(r.timeToAcknowledge.bySeverity).toEqual([
      { severity: 'P0', stats: { count: 0, medianSeconds: null, p90Seconds: null } },
      { severity: 'P1', stats: { count: 2, medianSeconds: 60, p90Seconds: 120 } },
      { severity: 'P2', stats: { count: 2, medianSeconds: 30, p90Seconds: 300 } },
      { severity: 'P3', stats: { count: 1, medianSeconds: 900, p90Seconds: 900 } },
    ]);
    // P1 incidents require a post-mortem: none is published yet.
    expect(r.postMortems).toEqual({
      required: 2,
      published: 0,
      missingIncidentIds: expect.arrayContaining(ids.slice(0, 2)),
    });
    expect(r.improvements.map((i) => i.kind)).toEqual(['MISSING_POST_MORTEMS']);

    const onlyCheckout = await retro('2026-Q3', 'checkout');
    expect([onlyCheckout.incidentCount, onlyCheckout.timeToResolve.overall]).toEqual([
      3,
      { count: 3, medianSeconds: 7200, p90Seconds: 86_400 },
    ]);
  });

  it('computes in SQL the same median and p90 as the pure module (nearest rank), per severity and overall', async () => {
    const ack = spread(47, 7, 5000);
    const resolve = spread(47, 11, 200_000);
    const severities = ['P0', 'P1', 'P2', 'P3'];
    for (let i = 0; i < ack.length; i++) {
      await insertIncident({
        severity: severities[i % 4],
        services: ['payments'],
        openedAt: new Date(Date.UTC(2026, 4, 1 + (i % 28), 3, i)).toISOString(),
        ackAfter: i % 9 === 0 ? null : ack[i] + (i % 3) / 1000, // some without, some with milliseconds
        resolveAfter: resolve[i],
        status: i % 5 === 0 ? 'closed' : 'resolved',
      });
    }
    const r = await retro('2026-05');
    const expected = (values: Array<number | null>, pick: (i: number) => boolean) => {
      const s = durationStats(
        values.filter((v, i): v is number => v !== null && pick(i)).map((v) => Math.round(v * 1000)),
      );
      return {
        count: s.count,
        medianSeconds: s.medianMs === null ? null : s.medianMs / 1000,
        p90Seconds: s.p90Ms === null ? null : s.p90Ms / 1000,
      };
    };
    const ackValues = ack.map((v, i) => (i % 9 === 0 ? null : v + (i % 3) / 1000));
    expect(r.incidentCount).toBe(47);
    expect(r.timeToAcknowledge.overall).toEqual(expected(ackValues, () => true));
    expect(r.timeToResolve.overall).toEqual(expected(resolve, () => true));
    for (const [k, severity] of severities.entries()) {
      expect([severity, r.timeToAcknowledge.bySeverity[k].stats]).toEqual([
        severity,
        expected(ackValues, (i) => i % 4 === k),
      ]);
      expect([severity, r.timeToResolve.bySeverity[k].stats]).toEqual([
        severity,
        expected(resolve, (i) => i % 4 === k),
      ]);
    }
  });

  it('reports the repeat the alert intake recorded: same service and trigger after the earlier items were done', async () => {
    earlierId = await insertIncident({
      severity: 'P2',
      services: ['checkout'],
      openedAt: '2026-03-10T08:00:00Z',
      alertname: 'CheckoutHighLatency',
    });
    await insertPostMortem(earlierId, 'published', { wentWell: [], wentWrong: [] }, [
      ['done', '2026-04-01', '2026-03-20T12:00:00Z'],
      ['wont_do', null, '2026-03-25T12:00:00Z'],
    ]);
    // The same rule fires in August: on another service (no repeat), then on checkout (the repeat). The intake
    // opens each in triage as P1; a responder accepts them as P3 (only accepted incidents are reported).
    const intake = env.app.get(AlertIntakeService);
    const fire = async (service: string, occurredAt: string): Promise<string> => {
      const event = anAlertEvent({
        state: 'firing',
        occurredAt,
        fingerprint: `fp-${service}-latency`,
        ruleName: 'CheckoutHighLatency',
        labels: { alertname: 'CheckoutHighLatency', service, severity: 'critical' },
      });
      const outcome = await intake.apply(alertsTopic.schema.parse(event), new Date(occurredAt));
      expect(outcome.decision.kind).toBe('open');
      await db.query(`UPDATE incidents SET status = 'investigating', severity = 'P3' WHERE id = $1`, [
        outcome.incidentId,
      ]);
      return outcome.incidentId as string;
    };
    const otherService = await fire('payments', '2026-08-10T08:00:00Z');
    repeatId = await fire('checkout', '2026-08-11T08:00:00Z');

    const { rows: recorded } = await db.query(
      `SELECT incident_id, earlier_incident_id, services, triggers, action_items_done_at FROM incident_repeats
        WHERE incident_id = ANY($1::uuid[])`,
      [[otherService, repeatId]],
    );
    expect(recorded).toEqual([
      {
        incident_id: repeatId,
        earlier_incident_id: earlierId,
        services: ['checkout'],
        triggers: ['CheckoutHighLatency'],
        action_items_done_at: new Date('2026-03-25T12:00:00Z'),
      },
    ]);
    // A responder sees it on the incident; both incidents are read in one answer (one batch).
    const both = await ok<{ a: { repeatOf: unknown }; b: { repeatOf: unknown } }>(
      `{ a: incident(id: ${q(repeatId)}) { repeatOf { incidentId earlierIncidentId services triggers actionItemsDoneAt } }
         b: incident(id: ${q(otherService)}) { repeatOf { incidentId } } }`,
      victor,
    );
    expect(both).toEqual({
      a: {
        repeatOf: {
          incidentId: repeatId,
          earlierIncidentId: earlierId,
          services: ['checkout'],
          triggers: ['CheckoutHighLatency'],
          actionItemsDoneAt: '2026-03-25T12:00:00.000Z',
        },
      },
      b: { repeatOf: null },
    });
    // A responder moves it to payments: not a repeat any more (decided again); back on checkout: a repeat again.
    const moveTo = async (services: string[]): Promise<unknown> => {
      const { incident } = await ok<{ incident: { version: number } }>(`{ incident(id: ${q(repeatId)}) { version } }`);
      const moved = await ok<{ updateIncident: { repeatOf: { earlierIncidentId: string } | null } }>(
        `mutation { updateIncident(id: ${q(repeatId)}, expectedVersion: ${incident.version},
           input: { services: ${JSON.stringify(services)} }) { repeatOf { earlierIncidentId } } }`,
      );
      return moved.updateIncident.repeatOf;
    };
    expect(await moveTo(['payments'])).toBeNull();
    expect(await moveTo(['checkout', 'payments'])).toEqual({ earlierIncidentId: earlierId });
    expect(await moveTo(['checkout'])).toEqual({ earlierIncidentId: earlierId });

    const r = await retro('2026-Q3');
    expect(r.repeatIncidents).toEqual([
      {
        incidentId: repeatId,
        earlierIncidentId: earlierId,
        services: ['checkout'],
        triggers: ['CheckoutHighLatency'],
        actionItemsDoneAt: '2026-03-25T12:00:00.000Z',
      },
    ]);
    expect(r.improvements[0]).toEqual(
      expect.objectContaining({ kind: 'REPEAT_INCIDENT', incidentIds: [earlierId, repeatId], incidentCount: 2 }),
    );
    expect(r.totals.repeatIncidents).toBe(1);
  });

  it('bounds every list of the report by first, with the totals; refuses a first out of range', async () => {
    const full = await retro('2026-Q3');
    const one = await retro('2026-Q3', undefined, victor, 1);
    expect(full.improvements.length).toBeGreaterThan(1);
    expect(full.improvements.some((i) => i.incidentIds.length > 1)).toBe(true);
    expect(one.improvements).toEqual([
      { ...full.improvements[0], incidentIds: full.improvements[0].incidentIds.slice(0, 1) },
    ]);
    expect(one.totals).toEqual(full.totals);
    expect(full.totals.improvements).toBe(full.improvements.length);
    expect(one.postMortems.missingIncidentIds).toEqual(full.postMortems.missingIncidentIds.slice(0, 1));

    for (const first of [0, 1001]) {
      const refused = await env.graphql(
        `query { retrospective(period: "2026-Q3", first: ${first}) { incidentCount } }`,
        victor,
      );
      expect(refused.errors?.[0]).toMatchObject({
        message: `first must be a whole number from 1 to 1000, got ${first}`,
        extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_RETROSPECTIVE_INPUT' },
      });
    }
  });

  it('summarises the action items and lessons of the period’s published post-mortems', async () => {
    await insertPostMortem(
      ids[0],
      'published',
      { wentWell: ['Paging reached the on-call in a minute', '  '], wentWrong: ['The rollback took 40 minutes'] },
      [
        ['done', '2026-07-20', '2026-07-18T09:00:00Z'],
        ['open', '2026-08-01', null],
        ['in_progress', '2099-01-01', null],
        ['wont_do', null, '2026-07-19T09:00:00Z'],
      ],
    );
    // A draft's lessons and items are not read.
    await insertPostMortem(ids[1], 'draft', { wentWell: ['draft only'], wentWrong: [] }, [
      ['open', '2026-08-01', null],
    ]);
    const r = await retro('2026-Q3');
    // done 1 of 3 owed (wont_do is not owed); the open item's due day is over.
    expect(r.actionItems).toEqual({
      total: 4,
      open: 1,
      inProgress: 1,
      done: 1,
      wontDo: 1,
      overdue: 1,
      completionPercent: 33.33,
    });
    expect(r.whatWentWell).toEqual([{ incidentId: ids[0], text: 'Paging reached the on-call in a minute' }]);
    expect(r.whatWentWrong).toEqual([{ incidentId: ids[0], text: 'The rollback took 40 minutes' }]);
    expect(r.postMortems).toEqual({ required: 2, published: 1, missingIncidentIds: [ids[1]] });
    expect(r.improvements.map((i) => i.kind)).toEqual([
      'REPEAT_INCIDENT',
      'OVERDUE_ACTION_ITEMS',
      'MISSING_POST_MORTEMS',
    ]);
  });

  it('counts incidents made through the GraphQL mutations in the current, partial month', async () => {
    const now = new Date();
    const month = now.toISOString().slice(0, 7);
    const detectedAt = new Date(
      Math.max(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1), now.getTime() - 600_000),
    );
    const { declareIncident } = await ok<{ declareIncident: { id: string; version: number } }>(
      `mutation { declareIncident(input: { title: "Payments timeouts", severity: P2, services: ["payments"],
         detectedAt: "${detectedAt.toISOString()}" }) { id version } }`,
    );
    const acked = await ok<{ acknowledgeIncident: { version: number } }>(
      `mutation { acknowledgeIncident(id: ${q(declareIncident.id)}, expectedVersion: ${declareIncident.version}) { version } }`,
    );
    await ok(
      `mutation { setIncidentStatus(id: ${q(declareIncident.id)}, expectedVersion: ${acked.acknowledgeIncident.version},
         status: RESOLVED) { id } }`,
    );
    const r = await retro(month, 'payments');
    expect([r.partial, r.incidentCount, r.timeToAcknowledge.overall.count, r.timeToResolve.overall.count]).toEqual([
      true,
      1,
      1,
      1,
    ]);
    expect(r.timeToAcknowledge.overall.medianSeconds).toBeGreaterThan(0);
  });

  it('records the retrospective meeting; its improvements and follow-up day appear in the report; versions conflict', async () => {
    const before = await retro('2026-Q3');
    const today = new Date();
    const suggested = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 30));
    expect([before.meeting, before.agreedImprovements, before.followUpDateSource, before.followUpDate]).toEqual([
      null,
      [],
      'SUGGESTED',
      suggested.toISOString().slice(0, 10),
    ]);

    const created = await ok<{ recordRetrospective: { period: string; version: number; followUpDate: string } }>(
      `mutation { recordRetrospective(period: "2026-07-01/2026-09-30", improvements: [" Canary every checkout deploy ", "Page payments on p99"],
         notes: "Held with checkout and payments") { period version followUpDate } }`,
    );
    // A range covering the quarter is stored by its own label; the quarter is recorded separately.
    expect(created.recordRetrospective).toEqual({
      period: '2026-07-01/2026-09-30',
      version: 1,
      followUpDate: suggested.toISOString().slice(0, 10),
    });
    const quarter = await ok<{ recordRetrospective: { version: number } }>(
      `mutation { recordRetrospective(period: "2026-q3", improvements: ["Canary every checkout deploy"],
         followUpDate: "2026-12-15") { version } }`,
    );
    expect(quarter.recordRetrospective.version).toBe(1);

    const again = await env.graphql(
      `mutation { recordRetrospective(period: "2026-Q3", improvements: ["x"]) { version } }`,
      rita,
    );
    expect(again.errors?.[0]).toEqual(
      expect.objectContaining({
        message: 'retrospective 2026-Q3 is already recorded (version 1); pass expectedVersion to change it',
        extensions: expect.objectContaining({ code: 'CONFLICT', reason: 'RETROSPECTIVE_VERSION_CONFLICT', version: 1 }),
      }),
    );
    await ok(
      `mutation { recordRetrospective(period: "2026-Q3", improvements: ["Canary every checkout deploy", "Runbook for rollbacks"],
         notes: "second pass", followUpDate: "2027-01-10", expectedVersion: 1) { version } }`,
    );
    const stale = await env.graphql(
      `mutation { recordRetrospective(period: "2026-Q3", improvements: ["y"], expectedVersion: 1) { version } }`,
      rita,
    );
    expect(stale.errors?.[0]).toEqual(
      expect.objectContaining({
        message:
          'retrospective 2026-Q3 was changed by someone else (expected version 1, current version 2); reload it and retry',
        extensions: expect.objectContaining({ code: 'CONFLICT', version: 2 }),
      }),
    );
    const missing = await env.graphql(
      `mutation { recordRetrospective(period: "2025", improvements: [], expectedVersion: 3) { version } }`,
      rita,
    );
    expect(missing.errors?.[0]?.extensions).toEqual(
      expect.objectContaining({ code: 'NOT_FOUND', reason: 'RETROSPECTIVE_NOT_FOUND' }),
    );

    const after = await retro('2026-Q3');
    expect([after.agreedImprovements, after.followUpDate, after.followUpDateSource, after.meeting]).toEqual([
      ['Canary every checkout deploy', 'Runbook for rollbacks'],
      '2027-01-10',
      'RECORDED',
      {
        period: '2026-Q3',
        improvements: ['Canary every checkout deploy', 'Runbook for rollbacks'],
        notes: 'second pass',
        followUpDate: '2027-01-10',
        version: 2,
      },
    ]);
  });

  it('keeps one service’s meeting apart from the period’s: each report shows its own, each conflicts alone', async () => {
    const own = await ok<{ recordRetrospective: { period: string; service: string | null; version: number } }>(
      `mutation { recordRetrospective(period: "2026-Q3", service: "checkout", improvements: ["Canary checkout deploys"])
         { period service version } }`,
    );
    expect(own.recordRetrospective).toEqual({ period: '2026-Q3', service: 'checkout', version: 1 });
    const checkout = await retro('2026-Q3', 'checkout');
    expect([checkout.agreedImprovements, checkout.meeting?.version]).toEqual([['Canary checkout deploys'], 1]);
    // The period's meeting is the one recorded before (version 2); payments has none.
    const whole = await retro('2026-Q3');
    expect([whole.agreedImprovements, whole.meeting?.version]).toEqual([
      ['Canary every checkout deploy', 'Runbook for rollbacks'],
      2,
    ]);
    expect((await retro('2026-Q3', 'payments')).meeting).toBeNull();

    const again = await env.graphql(
      `mutation { recordRetrospective(period: "2026-Q3", service: "checkout", improvements: ["x"]) { version } }`,
      rita,
    );
    expect(again.errors?.[0]?.message).toBe(
      'retrospective 2026-Q3 of checkout is already recorded (version 1); pass expectedVersion to change it',
    );
    const updated = await ok<{ recordRetrospective: { version: number; service: string } }>(
      `mutation { recordRetrospective(period: "2026-Q3", service: "checkout", improvements: ["Canary"], expectedVersion: 1)
         { version service } }`,
    );
    expect(updated.recordRetrospective).toEqual({ version: 2, service: 'checkout' });
    const { rows } = await db.query(
      `SELECT period, service, version FROM retrospectives WHERE period = '2026-Q3' ORDER BY service NULLS FIRST`,
    );
    expect(rows).toEqual([
      { period: '2026-Q3', service: null, version: 2 },
      { period: '2026-Q3', service: 'checkout', version: 2 },
    ]);
  });

  it('refuses bad periods, services and meeting input precisely', async () => {
    const cases: Array<[string, string]> = [
      ['retrospective(period: "2026-Q5") { incidentCount }', 'period "2026-Q5": quarter must be Q1 to Q4, got Q5'],
      ['retrospective(period: "2026-13") { incidentCount }', 'period "2026-13": month must be 01 to 12, got 13'],
      [
        'retrospective(period: "last quarter") { incidentCount }',
        'period "last quarter" is not a year (2026), quarter (2026-Q3), month (2026-11) or range (2026-07-01/2026-09-30)',
      ],
      [
        'retrospective(period: "2026-09-30/2026-07-01") { incidentCount }',
        'period "2026-09-30/2026-07-01": start 2026-09-30T00:00:00.000Z is not before end 2026-07-02T00:00:00.000Z',
      ],
    ];
    for (const [query, message] of cases) {
      const reply = await env.graphql(`{ ${query} }`, victor);
      expect([query, reply.errors?.[0]?.message, reply.errors?.[0]?.extensions?.reason]).toEqual([
        query,
        message,
        'INVALID_PERIOD',
      ]);
    }
    const service = await env.graphql(
      `{ retrospective(period: "2026", service: "Check Out") { incidentCount } }`,
      victor,
    );
    expect(service.errors?.[0]?.extensions?.reason).toBe('INVALID_RETROSPECTIVE_INPUT');
    const input = await env.graphql(
      `mutation { recordRetrospective(period: "2026-10", improvements: ["a", " ", "a"], followUpDate: "2026-02-30") { version } }`,
      rita,
    );
    expect(input.errors?.[0]?.message).toBe(
      'retrospective 2026-10 refused: improvements[1] must not be empty; improvements[2] repeats improvements[0]; ' +
        'followUpDate must be a calendar day YYYY-MM-DD, got "2026-02-30"',
    );
    expect(input.errors?.[0]?.extensions?.issues?.map((i) => i.field)).toEqual([
      'improvements[1]',
      'improvements[2]',
      'followUpDate',
    ]);
  });

  it('lets a viewer read but not record, and audits each recording with its period', async () => {
    expect((await retro('2026', undefined, victor)).period.kind).toBe('YEAR');
    const refused = await env.graphql(
      `mutation { recordRetrospective(period: "2026-11", improvements: []) { version } }`,
      victor,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await env.graphql(`{ retrospective(period: "2026") { incidentCount } }`);
    expect(anonymous.status === 401 || anonymous.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED').toBe(true);

    const successes = (): AuditEventReply[] =>
      env
        .auditsSentHere(auditEvents.messages)
        .filter((e) => e.outcome === 'success' && e.resource.type === 'retrospective');
    await eventually(() => (successes().length >= 5 ? true : undefined), {
      timeoutMs: 15_000,
      intervalMs: 100,
      what: 'the audit events of recordRetrospective',
    });
    // Three meetings, so maybe three partitions: each one's events in order.
    const resourceOf = (row: string[]): string => row[2] ?? '';
    expect(
      byResource(
        successes().map((e) => [e.action, e.actor.id, e.resource.id ?? '']),
        resourceOf,
      ),
    ).toEqual(
      byResource(
        [
          ['incidents.record_retrospective', 'u-rita', '2026-07-01/2026-09-30'],
          ['incidents.record_retrospective', 'u-rita', '2026-Q3'],
          ['incidents.record_retrospective', 'u-rita', '2026-Q3'],
          ['incidents.record_retrospective', 'u-rita', '2026-Q3/checkout'],
          ['incidents.record_retrospective', 'u-rita', '2026-Q3/checkout'],
        ],
        resourceOf,
      ),
    );
  });
});
