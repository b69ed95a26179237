import {
  assignRole,
  currentAssignment,
  handOffs,
  holdersAt,
  isIncidentRole,
  parseIncidentRole,
  releaseRole,
  type RoleAssignment,
} from './incident-roles';
import { IncidentErrorCode } from './incident.exception';
import { at, caught } from './testing/incident-core.factory';

const T = (hhmm: string): Date => at(`2026-03-10T${hhmm}:00Z`);

function give(list: RoleAssignment[], id: string, role: string, userId: string, hhmm: string): RoleAssignment[] {
  return assignRole(list, { id, role, userId, at: T(hhmm), assignedBy: 'u-lead' });
}

/** ann commands from 09:00, hands to bob at 10:00; cat is scribe from 09:30. */
function response(): RoleAssignment[] {
  let list = give([], 'a1', 'incident_commander', 'u-ann', '09:00');
  list = give(list, 'a2', 'scribe', 'u-cat', '09:30');
  return give(list, 'a3', 'incident_commander', 'u-bob', '10:00');
}

describe('role names', () => {
  it.each(['incident_commander', 'communications_lead', 'scribe', 'custom:security-liaison', 'custom:db_expert'])(
    'accepts %s',
    (role) => {
      expect(isIncidentRole(role)).toBe(true);
      expect(parseIncidentRole(` ${role} `)).toBe(role);
    },
  );

  it.each(['commander', 'custom:', 'custom:Security', 'custom:has space', `custom:${'x'.repeat(41)}`, 'Scribe'])(
    'refuses %j by name',
    (role) => {
      expect(isIncidentRole(role)).toBe(false);
      expect(caught(() => parseIncidentRole(role))).toMatchObject({
        code: IncidentErrorCode.INVALID_ROLE_ASSIGNMENT,
        message: `role must be one of incident_commander, communications_lead, scribe or custom:<name> (lower-case letters, digits, _ -, at most 40), got "${role}"`,
      });
    },
  );
});

describe('assignRole', () => {
  it('ends the current holder at the instant the next one starts', () => {
    const list = response();
    expect(list.find((a) => a.id === 'a1')).toMatchObject({
      userId: 'u-ann',
      startedAt: T('09:00'),
      endedAt: T('10:00'),
    });
    expect(currentAssignment(list, 'incident_commander')).toEqual({
      id: 'a3',
      role: 'incident_commander',
      userId: 'u-bob',
      startedAt: T('10:00'),
      endedAt: null,
      assignedBy: 'u-lead',
    });
    expect(list.find((a) => a.id === 'a2')?.endedAt).toBeNull();
  });

  it('does not change the list it was given', () => {
    const before = give([], 'a1', 'scribe', 'u-ann', '09:00');
    give(before, 'a2', 'scribe', 'u-bob', '09:10');
    expect(before[0]?.endedAt).toBeNull();
  });

  it('lets one person hold several roles', () => {
    const list = give(give([], 'a1', 'incident_commander', 'u-ann', '09:00'), 'a2', 'scribe', 'u-ann', '09:00');
    expect(holdersAt(list, T('09:05')).map((h) => h.role)).toEqual(['incident_commander', 'scribe']);
  });

  it.each([
    [
      () => give(response(), 'a9', 'incident_commander', 'u-bob', '10:30'),
      'user "u-bob" already holds incident_commander (since 2026-03-10T10:00:00.000Z)',
    ],
    [
      () => give(response(), 'a9', 'incident_commander', 'u-dan', '09:45'),
      'cannot assign incident_commander to "u-dan" at 2026-03-10T09:45:00.000Z: its history already reaches 2026-03-10T10:00:00.000Z',
    ],
    [() => give(response(), 'a1', 'scribe', 'u-dan', '11:00'), 'assignment id "a1" is already used'],
    [() => give(response(), 'a9', 'scribe', ' ', '11:00'), 'userId must not be empty'],
    [
      () => assignRole([], { id: 'a1', role: 'scribe', userId: 'u', at: new Date('x'), assignedBy: 'u' }),
      'assignment start must be a valid instant',
    ],
  ])('refuses %#', (run, message) => {
    expect(caught(run)).toMatchObject({ code: IncidentErrorCode.INVALID_ROLE_ASSIGNMENT, message });
  });

  it('refuses giving a role again before it was released', () => {
    const released = releaseRole(response(), { role: 'scribe', at: T('10:15') });
    expect(() => give(released, 'a9', 'scribe', 'u-dan', '10:10')).toThrow(
      'its history already reaches 2026-03-10T10:15:00.000Z',
    );
    expect(currentAssignment(give(released, 'a9', 'scribe', 'u-dan', '10:15'), 'scribe')?.userId).toBe('u-dan');
  });
});

describe('releaseRole', () => {
  it('ends the holder without a successor', () => {
    const list = releaseRole(response(), { role: 'scribe', at: T('11:00') });
    expect(list.find((a) => a.id === 'a2')?.endedAt).toEqual(T('11:00'));
    expect(currentAssignment(list, 'scribe')).toBeNull();
  });

  it('refuses releasing a role nobody holds or before its holder started', () => {
    expect(() => releaseRole(response(), { role: 'communications_lead', at: T('11:00') })).toThrow(
      'nobody holds communications_lead; there is nothing to release',
    );
    expect(() => releaseRole(response(), { role: 'scribe', at: T('09:00') })).toThrow(
      'cannot release scribe at 2026-03-10T09:00:00.000Z: "u-cat" only holds it since 2026-03-10T09:30:00.000Z',
    );
  });
});

describe('holdersAt', () => {
  it('answers who held each role, the new holder from the hand-off instant on', () => {
    const list = response();
    expect(holdersAt(list, T('08:59'))).toEqual([]);
    expect(holdersAt(list, T('09:45'))).toEqual([
      { role: 'incident_commander', userId: 'u-ann', assignmentId: 'a1', since: T('09:00') },
      { role: 'scribe', userId: 'u-cat', assignmentId: 'a2', since: T('09:30') },
    ]);
    expect(
      holdersAt(list, new Date(T('10:00').getTime() - 1)).find((h) => h.role === 'incident_commander')?.userId,
    ).toBe('u-ann');
    expect(holdersAt(list, T('10:00')).find((h) => h.role === 'incident_commander')?.userId).toBe('u-bob');
  });

  it('lists standard roles first, then custom ones by name', () => {
    let list = give([], 'a1', 'custom:liaison', 'u-1', '09:00');
    list = give(list, 'a2', 'scribe', 'u-2', '09:00');
    list = give(list, 'a3', 'custom:db', 'u-3', '09:00');
    list = give(list, 'a4', 'incident_commander', 'u-4', '09:00');
    expect(holdersAt(list, T('09:00')).map((h) => h.role)).toEqual([
      'incident_commander',
      'scribe',
      'custom:db',
      'custom:liaison',
    ]);
  });
});

describe('handOffs', () => {
  it('pairs each direct hand-off, in time order', () => {
    let list = response();
    list = give(list, 'a4', 'scribe', 'u-dan', '10:20');
    list = give(list, 'a5', 'incident_commander', 'u-ann', '11:00');
    expect(handOffs(list)).toEqual([
      { role: 'incident_commander', fromUserId: 'u-ann', toUserId: 'u-bob', at: T('10:00') },
      { role: 'scribe', fromUserId: 'u-cat', toUserId: 'u-dan', at: T('10:20') },
      { role: 'incident_commander', fromUserId: 'u-bob', toUserId: 'u-ann', at: T('11:00') },
    ]);
  });

  it('does not count a role released and given again later as a hand-off', () => {
    let list = releaseRole(response(), { role: 'scribe', at: T('10:30') });
    list = give(list, 'a4', 'scribe', 'u-dan', '10:45');
    expect(handOffs(list).filter((h) => h.role === 'scribe')).toEqual([]);
  });

  it('finds hand-offs whatever order the stored assignments come in', () => {
    expect(handOffs([...response()].reverse())).toEqual(handOffs(response()));
  });
});
