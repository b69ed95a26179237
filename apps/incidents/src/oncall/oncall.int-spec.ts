import type { Identity } from '@keel/auth';
import { auditTopic } from '@keel/contracts';
import { createKafkaClient, type KafkaClient } from '@keel/kafka';
import { eventually, TEST_KAFKA_BROKERS, uniqueName } from '@keel/testing';
import {
  listen,
  startIncidentsTestApp,
  TEST_USERS,
  type AuditEventReply,
  type GraphQLReply,
  type IncidentsTestApp,
} from '../test/incidents-test-env';

interface Shift {
  user: { id: string };
  start: string;
  end: string;
  sourceKind: 'LAYER' | 'OVERRIDE';
  sourceId: string;
}

interface Schedule {
  id: string;
  name: string;
  timeZone: string;
  version: number;
  layers: Array<{ id: string; participants: Array<{ id: string }>; restrictions: Array<{ days: string[] }> }>;
  overrides: Array<{ id: string; user: { id: string }; start: string; end: string }>;
}

const { admin, responder, viewer } = TEST_USERS;

const SCHEDULE_FIELDS =
  'id name timeZone version updatedAt layers { id participants { id } rotation handoffTime handoffWeekday start restrictions { days startTime endTime } } overrides { id user { id } start end }';
const SHIFT_FIELDS = 'user { id } start end sourceKind sourceId';

/**
 * Europe/Berlin, summer time from Sunday 2026-03-29 02:00 (CET, +01:00 → CEST, +02:00). The weekly layer hands
 * over on Mondays at 09:00 local: alice from Mon 2026-03-16 09:00 CET (08:00Z), bob from Mon 03-23 (08:00Z),
 * alice again from Mon 03-30 09:00 CEST (07:00Z, not 08:00Z). Above it, carol covers weekends 10:00–16:00 local.
 */
const layersInput = (ids?: { weekly: string; weekend: string }) => `[
  { ${ids ? `id: "${ids.weekly}", ` : ''}participants: ["u-alice", "u-bob"], rotation: WEEKLY, handoffWeekday: MONDAY,
    handoffTime: "09:00", start: "2026-03-16T08:00:00Z" },
  { ${ids ? `id: "${ids.weekend}", ` : ''}participants: ["u-carol"], rotation: DAILY, handoffTime: "00:00",
    start: "2026-03-01T00:00:00Z",
    restrictions: [{ days: [SATURDAY, SUNDAY], startTime: "10:00", endTime: "16:00" }] }
]`;

/** The value a test needs in order to go on; fails the test with `what` when it is missing. */
function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`);
  return value;
}

describe('on-call schedules (PostgreSQL, Kafka, HTTP)', () => {
  let env: IncidentsTestApp;
  let kafka: KafkaClient;
  let auditEvents: Awaited<ReturnType<typeof listen>>;
  let scheduleId: string;
  let layerIds: { weekly: string; weekend: string };
  let overrideId: string;

  const graphql = <T>(query: string, who?: Identity): Promise<GraphQLReply<T>> => env.graphql<T>(query, who);

  async function onCallAt(at: string): Promise<Shift | null> {
    const reply = await graphql<{ onCallNow: Shift | null }>(
      `{ onCallNow(schedule: "platform", at: "${at}") { ${SHIFT_FIELDS} } }`,
      viewer,
    );
    expect(reply.errors).toBeUndefined();
    return reply.data?.onCallNow ?? null;
  }

  async function stored(name: string): Promise<GraphQLReply<{ oncallSchedule: Schedule }>> {
    return graphql<{ oncallSchedule: Schedule }>(`{ oncallSchedule(name: "${name}") { ${SCHEDULE_FIELDS} } }`, viewer);
  }

  beforeAll(async () => {
    env = await startIncidentsTestApp('incidents_oncall');
    kafka = createKafkaClient({ brokers: TEST_KAFKA_BROKERS, clientId: uniqueName('oncall_int') });
    auditEvents = await listen(kafka, auditTopic);
  });

  afterAll(async () => {
    await kafka?.close();
    await env?.stop();
  });

  it('lets an admin save a Europe/Berlin schedule, with ids assigned to its layers', async () => {
    const reply = await graphql<{ saveOncallSchedule: Schedule }>(
      `mutation { saveOncallSchedule(input: { name: "platform", timeZone: "Europe/Berlin", layers: ${layersInput()} })
        { ${SCHEDULE_FIELDS} } }`,
      admin,
    );
    expect(reply.errors).toBeUndefined();
    const saved = present(reply.data?.saveOncallSchedule, 'the saved schedule');
    expect(saved).toMatchObject({ name: 'platform', timeZone: 'Europe/Berlin', version: 1, overrides: [] });
    expect(saved.layers.map((l) => l.participants.map((p) => p.id))).toEqual([['u-alice', 'u-bob'], ['u-carol']]);
    expect(saved.layers[1]?.restrictions).toEqual([
      { days: ['SATURDAY', 'SUNDAY'], startTime: '10:00', endTime: '16:00' },
    ]);
    const [weekly, weekend] = saved.layers.map((l) => l.id);
    expect(weekly).toMatch(/^[0-9a-f-]{36}$/);
    expect(weekend).toMatch(/^[0-9a-f-]{36}$/);
    expect(weekly).not.toBe(weekend);
    scheduleId = saved.id;
    layerIds = { weekly: present(weekly, 'a layer id'), weekend: present(weekend, 'a layer id') };

    const listed = await graphql<{ oncallSchedules: Schedule[] }>(`{ oncallSchedules { ${SCHEDULE_FIELDS} } }`, viewer);
    expect(listed.data?.oncallSchedules).toEqual([saved]);
  });

  it('answers who is on call at chosen instants, with the bounds of their shift', async () => {
    expect(await onCallAt('2026-03-10T12:00:00Z')).toBeNull(); // before any layer has anyone
    expect(await onCallAt('2026-03-18T12:00:00Z')).toEqual({
      user: { id: 'u-alice' },
      start: '2026-03-16T08:00:00.000Z',
      end: '2026-03-21T09:00:00.000Z', // Saturday 10:00 CET, when carol's window opens
      sourceKind: 'LAYER',
      sourceId: layerIds.weekly,
    });
    expect(await onCallAt('2026-03-28T12:00:00Z')).toEqual({
      user: { id: 'u-carol' },
      start: '2026-03-28T09:00:00.000Z', // 10:00 CET
      end: '2026-03-28T15:00:00.000Z',
      sourceKind: 'LAYER',
      sourceId: layerIds.weekend,
    });
  });

  it('follows wall-clock time across the change to summer time', async () => {
    // Sunday after the change: carol's window is 10:00–16:00 CEST, i.e. 08:00Z–14:00Z.
    expect(await onCallAt('2026-03-29T13:00:00+02:00')).toMatchObject({
      user: { id: 'u-carol' },
      start: '2026-03-29T08:00:00.000Z',
      end: '2026-03-29T14:00:00.000Z',
    });
    // Monday 08:30 CEST: bob, whose turn ends at the 09:00 CEST hand-off (07:00Z), an hour earlier in UTC.
    expect(await onCallAt('2026-03-30T06:30:00Z')).toMatchObject({
      user: { id: 'u-bob' },
      start: '2026-03-29T14:00:00.000Z',
      end: '2026-03-30T07:00:00.000Z',
    });
    expect(await onCallAt('2026-03-30T07:30:00Z')).toMatchObject({
      user: { id: 'u-alice' },
      start: '2026-03-30T07:00:00.000Z',
      end: '2026-04-04T08:00:00.000Z', // Saturday 10:00 CEST
    });

    const range = await graphql<{ oncallShifts: Shift[] }>(
      `
        {
          oncallShifts(schedule: "platform", from: "2026-03-28T00:00:00Z", to: "2026-03-31T00:00:00Z") {
            user {
              id
            }
            start
            end
          }
        }
      `,
      viewer,
    );
    expect(range.data?.oncallShifts.map((s) => [s.user.id, s.start, s.end])).toEqual([
      ['u-bob', '2026-03-28T00:00:00.000Z', '2026-03-28T09:00:00.000Z'],
      ['u-carol', '2026-03-28T09:00:00.000Z', '2026-03-28T15:00:00.000Z'],
      ['u-bob', '2026-03-28T15:00:00.000Z', '2026-03-29T08:00:00.000Z'],
      ['u-carol', '2026-03-29T08:00:00.000Z', '2026-03-29T14:00:00.000Z'],
      ['u-bob', '2026-03-29T14:00:00.000Z', '2026-03-30T07:00:00.000Z'],
      ['u-alice', '2026-03-30T07:00:00.000Z', '2026-03-31T00:00:00.000Z'],
    ]);

    const tooLong = await graphql(
      '{ oncallShifts(schedule: "platform", from: "2026-01-01T00:00:00Z", to: "2026-04-05T00:00:00Z") { start } }',
      viewer,
    );
    expect(tooLong.errors?.[0]).toMatchObject({
      message: 'to must be at most 93 days after from (2026-01-01T00:00:00.000Z), got 94 days',
      extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_ONCALL_ARGUMENT' },
    });
    const unknown = await graphql('{ onCallNow(schedule: "nope") { start } }', viewer);
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'on-call schedule "nope" does not exist',
      extensions: { code: 'NOT_FOUND', reason: 'SCHEDULE_NOT_FOUND' },
    });
  });

  it('lets a responder add an override that beats every layer, at the version read', async () => {
    const reply = await graphql<{ addScheduleOverride: Schedule }>(
      `mutation { addScheduleOverride(input: { schedule: "platform", userId: "u-dave",
        start: "2026-03-30T06:00:00Z", end: "2026-03-30T10:00:00Z", expectedVersion: 1 }) { ${SCHEDULE_FIELDS} } }`,
      responder,
    );
    expect(reply.errors).toBeUndefined();
    const saved = present(reply.data?.addScheduleOverride, 'the changed schedule');
    expect(saved.version).toBe(2);
    expect(saved.overrides).toEqual([
      {
        id: expect.any(String),
        user: { id: 'u-dave' },
        start: '2026-03-30T06:00:00.000Z',
        end: '2026-03-30T10:00:00.000Z',
      },
    ]);
    overrideId = present(saved.overrides[0], 'the override').id;

    expect(await onCallAt('2026-03-30T07:30:00Z')).toEqual({
      user: { id: 'u-dave' },
      start: '2026-03-30T06:00:00.000Z',
      end: '2026-03-30T10:00:00.000Z',
      sourceKind: 'OVERRIDE',
      sourceId: overrideId,
    });
    expect(await onCallAt('2026-03-30T10:00:00Z')).toMatchObject({ user: { id: 'u-alice' }, sourceKind: 'LAYER' });

    const overlapping = await graphql(
      `
        mutation {
          addScheduleOverride(
            input: {
              schedule: "platform"
              userId: "u-erin"
              start: "2026-03-30T09:00:00Z"
              end: "2026-03-30T11:00:00Z"
              expectedVersion: 2
            }
          ) {
            version
          }
        }
      `,
      responder,
    );
    expect(overlapping.errors?.[0]).toMatchObject({
      message:
        'overrides[1] overlaps overrides[0] from 2026-03-30T09:00:00.000Z to 2026-03-30T10:00:00.000Z; two overrides cannot cover the same time',
      extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_SCHEDULE' },
    });
    expect((await stored('platform')).data?.oncallSchedule.version).toBe(2);
  });

  it('refuses writes at a stale version, and a create over an existing name, as CONFLICT', async () => {
    const conflict = { code: 'CONFLICT', reason: 'SCHEDULE_VERSION_CONFLICT', version: 2 };
    const staleOverride = await graphql(
      `
        mutation {
          addScheduleOverride(
            input: {
              schedule: "platform"
              userId: "u-erin"
              start: "2026-04-01T00:00:00Z"
              end: "2026-04-02T00:00:00Z"
              expectedVersion: 1
            }
          ) {
            version
          }
        }
      `,
      responder,
    );
    expect(staleOverride.errors?.[0]).toMatchObject({
      message:
        'on-call schedule "platform" was changed by someone else (expected version 1, current version 2); reload it and retry',
      extensions: conflict,
    });
    const staleSave = await graphql(
      `mutation { saveOncallSchedule(input: { name: "platform", timeZone: "Europe/Berlin", layers: ${layersInput()},
        expectedVersion: 1 }) { version } }`,
      admin,
    );
    expect(staleSave.errors?.[0]?.extensions).toMatchObject(conflict);
    const create = await graphql(
      `mutation { saveOncallSchedule(input: { name: "platform", timeZone: "UTC", layers: ${layersInput()} }) { version } }`,
      admin,
    );
    expect(create.errors?.[0]).toMatchObject({
      message: 'on-call schedule "platform" already exists (version 2); pass that version to replace it',
      extensions: conflict,
    });
    const staleRemove = await graphql(
      `mutation { removeScheduleOverride(schedule: "platform", overrideId: "${overrideId}", expectedVersion: 1) { version } }`,
      responder,
    );
    expect(staleRemove.errors?.[0]?.extensions).toMatchObject(conflict);
    const staleDelete = await graphql('mutation { deleteOncallSchedule(name: "platform", expectedVersion: 1) }', admin);
    expect(staleDelete.errors?.[0]?.extensions).toMatchObject(conflict);
    const afterwards = (await stored('platform')).data?.oncallSchedule;
    expect(afterwards).toMatchObject({ version: 2, timeZone: 'Europe/Berlin', overrides: [{ id: overrideId }] });
  });

  it('refuses a viewer every mutation, and a responder the admin ones, as FORBIDDEN', async () => {
    const mutations = [
      `saveOncallSchedule(input: { name: "viewer-made", timeZone: "UTC", layers: ${layersInput()} }) { version }`,
      `addScheduleOverride(input: { schedule: "platform", userId: "u-victor", start: "2026-05-01T00:00:00Z",
        end: "2026-05-02T00:00:00Z", expectedVersion: 2 }) { version }`,
      `removeScheduleOverride(schedule: "platform", overrideId: "${overrideId}", expectedVersion: 2) { version }`,
      'deleteOncallSchedule(name: "platform", expectedVersion: 2)',
    ];
    for (const mutation of mutations) {
      const reply = await graphql(`mutation { ${mutation} }`, viewer);
      expect(reply.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    for (const mutation of [mutations[0], mutations[3]]) {
      const reply = await graphql(`mutation { ${String(mutation)} }`, responder);
      expect(reply.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect((await stored('platform')).data?.oncallSchedule).toMatchObject({
      version: 2,
      overrides: [{ id: overrideId }],
    });
    expect((await stored('viewer-made')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses invalid schedules with every issue named by its field, storing nothing', async () => {
    const reply = await graphql(
      `
        mutation {
          saveOncallSchedule(
            input: {
              name: "broken"
              timeZone: "Mars/Olympus_Mons"
              layers: [
                {
                  participants: ["u-alice"]
                  rotation: DAILY
                  handoffTime: "25:00"
                  start: "2026-03-01T00:00:00Z"
                  restrictions: [{ days: [MONDAY], startTime: "9am", endTime: "17:00" }]
                }
              ]
            }
          ) {
            version
          }
        }
      `,
      admin,
    );
    expect(reply.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_SCHEDULE' });
    expect(reply.errors?.[0]?.extensions?.issues?.map((i) => i.field)).toEqual([
      'timeZone',
      'layers[0].handoffTime',
      'layers[0].restrictions[0].startTime',
    ]);
    expect(reply.errors?.[0]?.message).toBe(
      'timeZone is not a known IANA time zone (such as Europe/Berlin), got "Mars/Olympus_Mons"; ' +
        'layers[0].handoffTime must be a time of day HH:MM from 00:00 to 23:59, got "25:00"; ' +
        'layers[0].restrictions[0].startTime must be a time of day HH:MM from 00:00 to 23:59, got "9am"',
    );
    const missing = await stored('broken');
    expect(missing.errors?.[0]).toMatchObject({
      message: 'on-call schedule "broken" does not exist',
      extensions: { code: 'NOT_FOUND', reason: 'SCHEDULE_NOT_FOUND' },
    });

    const badUpdate = await graphql(
      `
        mutation {
          saveOncallSchedule(
            input: {
              name: "platform"
              timeZone: "Europe/Berlin"
              layers: [{ participants: [], rotation: WEEKLY, handoffTime: "09:00", start: "2026-03-16T08:00:00Z" }]
              expectedVersion: 2
            }
          ) {
            version
          }
        }
      `,
      admin,
    );
    expect(badUpdate.errors?.[0]?.message).toBe(
      'layers[0].participants must name at least one user; layers[0].handoffWeekday must be one of monday, tuesday, ' +
        'wednesday, thursday, friday, saturday, sunday for a weekly rotation, got nothing',
    );
    expect((await stored('platform')).data?.oncallSchedule.version).toBe(2);
  });

  it('removes the override, replaces the layers keeping their ids, then deletes the schedule', async () => {
    const removed = await graphql<{ removeScheduleOverride: Schedule }>(
      `mutation { removeScheduleOverride(schedule: "platform", overrideId: "${overrideId}", expectedVersion: 2)
        { ${SCHEDULE_FIELDS} } }`,
      responder,
    );
    expect(removed.errors).toBeUndefined();
    expect(removed.data?.removeScheduleOverride).toMatchObject({ version: 3, overrides: [] });
    expect(await onCallAt('2026-03-30T07:30:00Z')).toMatchObject({ user: { id: 'u-alice' }, sourceKind: 'LAYER' });

    const updated = await graphql<{ saveOncallSchedule: Schedule }>(
      `mutation { saveOncallSchedule(input: { name: "platform", timeZone: "Europe/Berlin", layers: ${layersInput(layerIds)},
        expectedVersion: 3 }) { ${SCHEDULE_FIELDS} } }`,
      admin,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.saveOncallSchedule).toMatchObject({ id: scheduleId, version: 4 });
    expect(updated.data?.saveOncallSchedule.layers.map((l) => l.id)).toEqual([layerIds.weekly, layerIds.weekend]);

    const deleted = await graphql<{ deleteOncallSchedule: boolean }>(
      'mutation { deleteOncallSchedule(name: "platform", expectedVersion: 4) }',
      admin,
    );
    expect(deleted.data?.deleteOncallSchedule).toBe(true);
    expect((await stored('platform')).errors?.[0]?.extensions?.reason).toBe('SCHEDULE_NOT_FOUND');
    const again = await graphql('mutation { deleteOncallSchedule(name: "platform", expectedVersion: 4) }', admin);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'SCHEDULE_NOT_FOUND' });
  });

  it('audits every successful mutation on keel.audit.v1, in order, with its actor', async () => {
    const expected = [
      ['incidents.save_oncall_schedule', 'u-admin'],
      ['incidents.add_schedule_override', 'u-responder'],
      ['incidents.remove_schedule_override', 'u-responder'],
      ['incidents.save_oncall_schedule', 'u-admin'],
      ['incidents.delete_oncall_schedule', 'u-admin'],
    ];
    // Only this file's: another file's app saves a schedule too.
    const successes = (): AuditEventReply[] =>
      env
        .auditsSentHere(auditEvents.messages)
        .filter((e) => e.outcome === 'success' && e.resource.type === 'oncall_schedule');
    await eventually(() => (successes().length >= expected.length ? true : undefined), {
      timeoutMs: 15_000,
      intervalMs: 100,
      what: 'the audit events of the on-call mutations',
    });
    const events = successes();
    expect(events.map((e) => [e.action, e.actor.id])).toEqual(expected);
    expect(events.map((e) => e.resource.id)).toEqual(expected.map(() => 'platform'));
  });
});
