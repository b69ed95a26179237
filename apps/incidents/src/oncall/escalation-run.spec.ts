import type { EscalationPolicy, EscalationStep } from './escalation';
import {
  planEscalationRun,
  planNotifications,
  summarizeNotifications,
  type SentNotification,
  type StepRecipients,
} from './escalation-run';

const TRIGGERED = '2024-03-05T10:00:00Z';
const plus = (minutes: number): string => new Date(Date.parse(TRIGGERED) + minutes * 60_000).toISOString();
const step = (levelIndex: number, minutes: number, pass = 0): EscalationStep => ({
  levelIndex,
  pass,
  at: plus(minutes),
});

// Level 1 at once, level 2 after 5 minutes, level 3 after 10 more; one repeat (the last delay, 15, separates passes).
const policy: EscalationPolicy = {
  levels: [
    { targets: [{ kind: 'user', userId: 'alice' }], delayMinutes: 5 },
    { targets: [{ kind: 'user', userId: 'bob' }], delayMinutes: 10 },
    { targets: [{ kind: 'schedule', scheduleId: 's1' }], delayMinutes: 15 },
  ],
  repeat: 1,
};

describe('planEscalationRun', () => {
  it('fires level 1 at the trigger and names level 2 as next due', () => {
    expect(planEscalationRun(policy, { triggeredAt: TRIGGERED, stepsFired: 0, now: TRIGGERED })).toEqual({
      newSteps: [step(0, 0)],
      status: 'running',
      nextDueAt: plus(5),
      current: step(0, 0),
      stepsFired: 1,
    });
  });

  it('fires nothing new before the next step is due', () => {
    const plan = planEscalationRun(policy, { triggeredAt: TRIGGERED, stepsFired: 1, now: plus(4.99) });
    expect(plan.newSteps).toEqual([]);
    expect(plan.nextDueAt).toBe(plus(5));
    expect(plan.current).toEqual(step(0, 0));
  });

  it('fires a step exactly at its due instant', () => {
    const plan = planEscalationRun(policy, { triggeredAt: TRIGGERED, stepsFired: 1, now: plus(5) });
    expect(plan.newSteps).toEqual([step(1, 5)]);
    expect(plan.nextDueAt).toBe(plus(15));
  });

  it('catches up on every step missed while no worker ran', () => {
    const plan = planEscalationRun(policy, { triggeredAt: TRIGGERED, stepsFired: 1, now: plus(31) });
    expect(plan.newSteps).toEqual([step(1, 5), step(2, 15), step(0, 30, 1)]);
    expect(plan.current).toEqual(step(0, 30, 1));
    expect(plan.stepsFired).toBe(4);
    expect(plan.nextDueAt).toBe(plus(35));
  });

  it('is exhausted once the last step of the last repeat fired, with no next due', () => {
    const plan = planEscalationRun(policy, { triggeredAt: TRIGGERED, stepsFired: 5, now: plus(45) });
    expect(plan).toEqual({
      newSteps: [step(2, 45, 1)],
      status: 'exhausted',
      nextDueAt: null,
      current: step(2, 45, 1),
      stepsFired: 6,
    });
  });

  it('refuses a negative or fractional count of fired steps', () => {
    expect(() => planEscalationRun(policy, { triggeredAt: TRIGGERED, stepsFired: -1, now: TRIGGERED })).toThrow(
      RangeError,
    );
    expect(() => planEscalationRun(policy, { triggeredAt: TRIGGERED, stepsFired: 0.5, now: TRIGGERED })).toThrow(
      /stepsFired/,
    );
  });
});

describe('planNotifications', () => {
  const methods = new Map([
    [
      'alice',
      [
        { id: 'm-a1', kind: 'webhook' },
        { id: 'm-a2', kind: 'email' },
      ],
    ],
    ['bob', [{ id: 'm-b1', kind: 'slack' }]],
  ]);

  it('pages every enabled contact method of each user and says who has none', () => {
    const steps: StepRecipients[] = [{ step: step(0, 0), userIds: ['alice', 'carol'], unresolved: [] }];
    expect(planNotifications(steps, methods)).toEqual([
      {
        step: step(0, 0),
        recipient: 'alice',
        contactMethodId: 'm-a1',
        channel: 'webhook',
        outcome: 'sending',
        error: null,
      },
      {
        step: step(0, 0),
        recipient: 'alice',
        contactMethodId: 'm-a2',
        channel: 'email',
        outcome: 'sending',
        error: null,
      },
      {
        step: step(0, 0),
        recipient: 'carol',
        contactMethodId: null,
        channel: 'none',
        outcome: 'no_contact_method',
        error: 'the user has no enabled contact method',
      },
    ]);
  });

  it('records a schedule that yielded nobody, with the reason', () => {
    const steps: StepRecipients[] = [
      { step: step(2, 15), userIds: [], unresolved: [{ scheduleId: 's1', reason: 'nobody_on_call' }] },
    ];
    expect(planNotifications(steps, methods)).toEqual([
      {
        step: step(2, 15),
        recipient: 's1',
        contactMethodId: null,
        channel: 'none',
        outcome: 'unresolved',
        error: 'nobody is on call (nobody_on_call)',
      },
    ]);
  });

  it('pages a user named by several steps of one run once, under the latest step', () => {
    const steps: StepRecipients[] = [
      { step: step(0, 0), userIds: ['alice'], unresolved: [] },
      { step: step(1, 5), userIds: ['bob', 'alice'], unresolved: [] },
    ];
    const planned = planNotifications(steps, methods);
    expect(planned.map((p) => [p.recipient, p.contactMethodId, p.step.levelIndex])).toEqual([
      ['bob', 'm-b1', 1],
      ['alice', 'm-a1', 1],
      ['alice', 'm-a2', 1],
    ]);
  });
});

describe('summarizeNotifications', () => {
  const sent = (
    recipient: string,
    channel: string,
    outcome: SentNotification['outcome'],
    error: string | null = null,
    s = step(0, 0),
  ): SentNotification => ({ step: s, recipient, channel, outcome, error });

  it('writes one line per step and channel with delivered and failed recipients', () => {
    const lines = summarizeNotifications('Primary', [
      sent('alice', 'webhook', 'delivered'),
      sent('bob', 'webhook', 'failed', 'POST http://127.0.0.1:9/<redacted>: HTTP 500'),
      sent('carol', 'none', 'no_contact_method', 'the user has no enabled contact method'),
    ]);
    expect(lines).toEqual([
      {
        step: step(0, 0),
        channel: 'webhook',
        recipients: ['alice', 'bob'],
        purpose:
          'escalation "Primary" level 1: paged alice by webhook; ' +
          'webhook failed for bob (POST http://127.0.0.1:9/<redacted>: HTTP 500)',
      },
      {
        step: step(0, 0),
        channel: 'none',
        recipients: ['carol'],
        purpose: 'escalation "Primary" level 1: no contact method for carol',
      },
    ]);
  });

  it('names the repeat and separates steps of one run', () => {
    const lines = summarizeNotifications('P', [
      sent('alice', 'email', 'delivered', null, step(0, 0)),
      sent('alice', 'email', 'delivered', null, step(1, 30, 1)),
    ]);
    expect(lines.map((l) => l.purpose)).toEqual([
      'escalation "P" level 1: paged alice by email',
      'escalation "P" level 2 (repeat 1): paged alice by email',
    ]);
  });
});
