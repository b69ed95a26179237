import {
  type EscalationLevel,
  type EscalationPolicy,
  type EscalationStep,
  escalationState,
  escalationSteps,
  resolveTargets,
  validateEscalationPolicy,
} from './escalation';
import { OncallErrorCode, OncallValidationError } from './oncall-validation';
import type { Schedule } from './schedule.types';

const TRIGGERED = '2024-03-05T10:00:00Z';
/** The instant `minutes` after the trigger, as the ISO string the functions return. */
const plus = (minutes: number): string => new Date(Date.parse(TRIGGERED) + minutes * 60_000).toISOString();
const step = (levelIndex: number, minutes: number, pass = 0): EscalationStep => ({
  levelIndex,
  pass,
  at: plus(minutes),
});

function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error: unknown) {
    return error;
  }
  throw new Error('expected the call to throw');
}

function policy(fields: Partial<EscalationPolicy> = {}): EscalationPolicy {
  return {
    levels: [
      { targets: [{ kind: 'user', userId: 'lead' }], delayMinutes: 10 },
      {
        targets: [
          { kind: 'schedule', scheduleId: 'payments' },
          { kind: 'user', userId: 'manager' },
        ],
        delayMinutes: 15,
      },
      { targets: [{ kind: 'user', userId: 'cto' }], delayMinutes: 5 },
    ],
    ...fields,
  };
}

describe('escalationState without acknowledgement', () => {
  it('fires level 0 at the trigger and waits for level 1', () => {
    expect(escalationState(policy(), { triggeredAt: TRIGGERED, now: TRIGGERED })).toEqual({
      status: 'escalating',
      fired: [step(0, 0)],
      nextDue: step(1, 10),
    });
  });

  it('does not fire level 1 a millisecond before its delay has passed', () => {
    const now = new Date(Date.parse(plus(10)) - 1).toISOString();
    expect(escalationState(policy(), { triggeredAt: TRIGGERED, now })).toEqual({
      status: 'escalating',
      fired: [step(0, 0)],
      nextDue: step(1, 10),
    });
  });

  it('fires level 1 once its delay has passed, then level 2 after level 1 delay', () => {
    expect(escalationState(policy(), { triggeredAt: TRIGGERED, now: plus(10) })).toEqual({
      status: 'escalating',
      fired: [step(0, 0), step(1, 10)],
      nextDue: step(2, 25),
    });
    expect(escalationState(policy(), { triggeredAt: TRIGGERED, now: plus(24) }).nextDue).toEqual(step(2, 25));
  });

  it('is exhausted after the last level of the last pass', () => {
    expect(escalationState(policy(), { triggeredAt: TRIGGERED, now: plus(25) })).toEqual({
      status: 'exhausted',
      fired: [step(0, 0), step(1, 10), step(2, 25)],
      nextDue: null,
    });
    expect(escalationState(policy(), { triggeredAt: TRIGGERED, now: plus(600) }).fired).toHaveLength(3);
  });

  it('repeats the whole policy, with the last level delay between passes', () => {
    const twice = policy({ repeat: 1 });
    expect(escalationState(twice, { triggeredAt: TRIGGERED, now: plus(25) }).nextDue).toEqual(step(0, 30, 1));
    expect(escalationState(twice, { triggeredAt: TRIGGERED, now: plus(45) })).toEqual({
      status: 'escalating',
      fired: [step(0, 0), step(1, 10), step(2, 25), step(0, 30, 1), step(1, 40, 1)],
      nextDue: step(2, 55, 1),
    });
    expect(escalationState(twice, { triggeredAt: TRIGGERED, now: plus(55) }).status).toBe('exhausted');
  });

  it('repeats a single level every delay', () => {
    const single = policy({ levels: [{ targets: [{ kind: 'user', userId: 'lead' }], delayMinutes: 5 }], repeat: 2 });
    expect(escalationSteps(single, TRIGGERED)).toEqual([step(0, 0), step(0, 5, 1), step(0, 10, 2)]);
  });

  it('has fired nothing when asked before the trigger', () => {
    expect(escalationState(policy(), { triggeredAt: TRIGGERED, now: plus(-1) })).toEqual({
      status: 'escalating',
      fired: [],
      nextDue: step(0, 0),
    });
  });

  it('takes epoch milliseconds and offsets as well as UTC strings', () => {
    const state = escalationState(policy(), {
      triggeredAt: '2024-03-05T11:00:00+01:00',
      now: Date.parse(plus(12)),
    });
    expect(state.fired).toEqual([step(0, 0), step(1, 10)]);
  });
});

describe('escalationState with acknowledgement', () => {
  it('stops escalating once acknowledged', () => {
    expect(escalationState(policy(), { triggeredAt: TRIGGERED, acknowledgedAt: plus(5), now: plus(60) })).toEqual({
      status: 'acknowledged',
      fired: [step(0, 0)],
      nextDue: null,
    });
  });

  it('lets an acknowledgement exactly at a step instant cancel that step', () => {
    expect(escalationState(policy(), { triggeredAt: TRIGGERED, acknowledgedAt: plus(10), now: plus(10) })).toEqual({
      status: 'acknowledged',
      fired: [step(0, 0)],
      nextDue: null,
    });
  });

  it('fires the step when the acknowledgement comes a millisecond after it', () => {
    const acknowledgedAt = new Date(Date.parse(plus(10)) + 1).toISOString();
    expect(escalationState(policy(), { triggeredAt: TRIGGERED, acknowledgedAt, now: plus(30) })).toEqual({
      status: 'acknowledged',
      fired: [step(0, 0), step(1, 10)],
      nextDue: null,
    });
  });

  it('notifies nobody when acknowledged at the trigger itself', () => {
    expect(escalationState(policy(), { triggeredAt: TRIGGERED, acknowledgedAt: TRIGGERED, now: plus(60) })).toEqual({
      status: 'acknowledged',
      fired: [],
      nextDue: null,
    });
  });

  it('stops a repeating policy in its second pass', () => {
    const state = escalationState(policy({ repeat: 3 }), {
      triggeredAt: TRIGGERED,
      acknowledgedAt: plus(35),
      now: plus(500),
    });
    expect(state).toEqual({
      status: 'acknowledged',
      fired: [step(0, 0), step(1, 10), step(2, 25), step(0, 30, 1)],
      nextDue: null,
    });
  });

  it('ignores an acknowledgement later than now (the state as it was at now)', () => {
    expect(escalationState(policy(), { triggeredAt: TRIGGERED, acknowledgedAt: plus(20), now: plus(12) })).toEqual({
      status: 'escalating',
      fired: [step(0, 0), step(1, 10)],
      nextDue: step(2, 25),
    });
  });

  it('treats a null acknowledgement as none', () => {
    expect(escalationState(policy(), { triggeredAt: TRIGGERED, acknowledgedAt: null, now: plus(10) }).status).toBe(
      'escalating',
    );
  });

  it('refuses an acknowledgement before the trigger, naming it', () => {
    expect(() => escalationState(policy(), { triggeredAt: TRIGGERED, acknowledgedAt: plus(-1), now: plus(5) })).toThrow(
      'acknowledgedAt must not be before triggeredAt (2024-03-05T10:00:00.000Z), got 2024-03-05T09:59:00.000Z',
    );
  });

  it('refuses instants it cannot read, naming the argument', () => {
    expect(() => escalationState(policy(), { triggeredAt: TRIGGERED, now: 'now' })).toThrow(/^now must be an ISO 8601/);
    expect(() => escalationState(policy(), { triggeredAt: '2024-03-05 10:00', now: plus(1) })).toThrow(
      /^triggeredAt must be an ISO 8601/,
    );
  });
});

describe('validateEscalationPolicy', () => {
  it('accepts a valid policy', () => {
    expect(validateEscalationPolicy(policy({ repeat: 9 }))).toEqual([]);
  });

  it.each<[string, EscalationPolicy, string, string]>([
    ['no levels', { levels: [] }, 'levels', 'levels must contain at least one level'],
    [
      'a level without targets',
      { levels: [{ targets: [], delayMinutes: 5 }] },
      'levels[0].targets',
      'levels[0].targets must name at least one user or schedule',
    ],
    [
      'a zero delay',
      policy({
        levels: [...policy().levels.slice(0, 2), { targets: [{ kind: 'user', userId: 'cto' }], delayMinutes: 0 }],
      }),
      'levels[2].delayMinutes',
      'levels[2].delayMinutes must be a whole number of minutes from 1 to 10080, got 0',
    ],
    [
      'a fractional delay',
      { levels: [{ targets: [{ kind: 'user', userId: 'a' }], delayMinutes: 2.5 }] },
      'levels[0].delayMinutes',
      'levels[0].delayMinutes must be a whole number of minutes from 1 to 10080, got 2.5',
    ],
    [
      'an empty user id',
      { levels: [{ targets: [{ kind: 'user', userId: '' }], delayMinutes: 5 }] },
      'levels[0].targets[0].userId',
      'levels[0].targets[0].userId must be a non-empty user id',
    ],
    [
      'an empty schedule id',
      {
        levels: [
          {
            targets: [
              { kind: 'user', userId: 'a' },
              { kind: 'schedule', scheduleId: ' ' },
            ],
            delayMinutes: 5,
          },
        ],
      },
      'levels[0].targets[1].scheduleId',
      'levels[0].targets[1].scheduleId must be a non-empty schedule id',
    ],
    [
      'an unknown target kind',
      { levels: [{ targets: [{ kind: 'team', teamId: 't' } as never], delayMinutes: 5 }] },
      'levels[0].targets[0].kind',
      'levels[0].targets[0].kind must be user or schedule, got "team"',
    ],
    ['a negative repeat', policy({ repeat: -1 }), 'repeat', 'repeat must be a whole number from 0 to 9, got -1'],
    ['too many repeats', policy({ repeat: 10 }), 'repeat', 'repeat must be a whole number from 0 to 9, got 10'],
  ])('refuses %s', (_name, input, field, message) => {
    expect(validateEscalationPolicy(input)).toEqual([{ field, message }]);
  });

  it('makes escalationState and escalationSteps refuse an invalid policy', () => {
    const bad = policy({ repeat: 99 });
    for (const call of [
      () => escalationState(bad, { triggeredAt: TRIGGERED, now: TRIGGERED }),
      () => escalationSteps(bad, TRIGGERED),
    ]) {
      expect(call).toThrow(OncallValidationError);
      expect(call).toThrow('repeat must be a whole number from 0 to 9, got 99');
    }
    expect(thrown(() => escalationSteps(bad, TRIGGERED))).toMatchObject({
      code: OncallErrorCode.INVALID_ESCALATION_POLICY,
      issues: [{ field: 'repeat', message: 'repeat must be a whole number from 0 to 9, got 99' }],
    });
  });
});

describe('resolveTargets', () => {
  // Daily rotation in Berlin handing over at 11:00 local (10:00 UTC in March): alice until 2024-03-05 10:00 UTC,
  // then bob.
  const payments: Schedule = {
    id: 'payments',
    timeZone: 'Europe/Berlin',
    layers: [
      {
        id: 'primary',
        participants: ['alice', 'bob'],
        rotation: 'daily',
        handoffTime: '11:00',
        start: '2024-03-04T10:00:00Z',
      },
    ],
  };
  const level1 = policy().levels[1] as EscalationLevel;

  it('resolves a schedule target through whoever is on call at the instant', () => {
    expect(resolveTargets(level1, [payments], '2024-03-05T09:59:00Z')).toEqual({
      userIds: ['alice', 'manager'],
      unresolved: [],
    });
    expect(resolveTargets(level1, [payments], '2024-03-05T10:00:00Z')).toEqual({
      userIds: ['bob', 'manager'],
      unresolved: [],
    });
  });

  it('resolves a fired level at the instant it fired, not at the trigger', () => {
    // Triggered 09:55 UTC, while alice is on call; level 1 fires ten minutes later, after the hand-off to bob.
    const state = escalationState(policy(), { triggeredAt: '2024-03-05T09:55:00Z', now: '2024-03-05T10:06:00Z' });
    const fired = state.fired.map((s) =>
      resolveTargets(policy().levels[s.levelIndex] as EscalationLevel, [payments], s.at),
    );
    expect(fired.map((r) => r.userIds)).toEqual([['lead'], ['bob', 'manager']]);
  });

  it('deduplicates users reached both directly and through schedules', () => {
    const level: EscalationLevel = {
      targets: [
        { kind: 'user', userId: 'bob' },
        { kind: 'schedule', scheduleId: 'payments' },
        { kind: 'schedule', scheduleId: 'payments' },
        { kind: 'user', userId: 'carol' },
        { kind: 'user', userId: 'bob' },
      ],
      delayMinutes: 5,
    };
    expect(resolveTargets(level, [payments], '2024-03-05T12:00:00Z')).toEqual({
      userIds: ['bob', 'carol'],
      unresolved: [],
    });
  });

  it('reports schedules that yield nobody, and still notifies the rest', () => {
    const notStarted: Schedule = {
      ...payments,
      id: 'later',
      layers: payments.layers.map((l) => ({ ...l, start: '2030-01-01T00:00:00Z' })),
    };
    const broken: Schedule = { ...payments, id: 'broken', timeZone: 'Atlantis/Capital' };
    const level: EscalationLevel = {
      targets: [
        { kind: 'schedule', scheduleId: 'gone' },
        { kind: 'schedule', scheduleId: 'later' },
        { kind: 'schedule', scheduleId: 'broken' },
        { kind: 'user', userId: 'manager' },
      ],
      delayMinutes: 5,
    };
    expect(resolveTargets(level, [payments, notStarted, broken], '2024-03-05T12:00:00Z')).toEqual({
      userIds: ['manager'],
      unresolved: [
        { scheduleId: 'gone', reason: 'unknown_schedule' },
        { scheduleId: 'later', reason: 'nobody_on_call' },
        { scheduleId: 'broken', reason: 'invalid_schedule' },
      ],
    });
  });

  it('refuses an instant it cannot read', () => {
    expect(() => resolveTargets(level1, [payments], 'tomorrow')).toThrow(/^instant must be an ISO 8601/);
  });
});
