// What one pass of the escalation worker does to one due escalation, as pure logic over escalationState: which
// steps are new since the last run, and where the escalation stands afterwards. No clock of its own: `now` is an
// argument (the worker's injected clock).
import { escalationState, type EscalationPolicy, type EscalationStep } from './escalation';
import type { Instant } from './oncall-validation';

export interface EscalationRunPlan {
  /** Steps that fired since the last run (usually one; several when the worker was down for a while), in order. */
  newSteps: EscalationStep[];
  /** `running` while another step is due, `exhausted` when every step has fired. */
  status: 'running' | 'exhausted';
  /** When the next step is due; null when exhausted. */
  nextDueAt: string | null;
  /** The last step that fired so far (the escalation's current level and pass); null before the first. */
  current: EscalationStep | null;
  /** How many steps of the plan have fired, counting this run's. */
  stepsFired: number;
}

/**
 * The run of an unacknowledged escalation at `now`, given how many steps earlier runs already sent. An
 * acknowledgement never reaches the worker: it ends the escalation in the incident's own transaction.
 */
export function planEscalationRun(
  policy: EscalationPolicy,
  run: { triggeredAt: Instant; stepsFired: number; now: Instant },
): EscalationRunPlan {
  if (!Number.isInteger(run.stepsFired) || run.stepsFired < 0) {
    throw new RangeError(`stepsFired must be a whole number ≥ 0, got ${run.stepsFired}`);
  }
  const state = escalationState(policy, { triggeredAt: run.triggeredAt, now: run.now });
  const newSteps = state.fired.slice(run.stepsFired);
  return {
    newSteps,
    status: state.status === 'exhausted' ? 'exhausted' : 'running',
    nextDueAt: state.nextDue?.at ?? null,
    current: state.fired.at(-1) ?? null,
    stepsFired: Math.max(run.stepsFired, state.fired.length),
  };
}

/** Who a step pages: resolveTargets's answer for the step's level at the step's instant. */
export interface StepRecipients {
  step: EscalationStep;
  userIds: readonly string[];
  unresolved: ReadonlyArray<{ scheduleId: string; reason: string }>;
}

/** A notification to record: one per user × enabled contact method, or one saying why nobody could be paged. */
export interface PlannedNotification {
  step: EscalationStep;
  recipient: string;
  contactMethodId: string | null;
  channel: string;
  outcome: 'sending' | 'no_contact_method' | 'unresolved';
  error: string | null;
}

const UNRESOLVED_TEXT: Record<string, string> = {
  unknown_schedule: 'the schedule does not exist',
  invalid_schedule: 'the schedule is invalid',
  nobody_on_call: 'nobody is on call',
};

/**
 * The notifications of one run. A user named by several of the run's steps (a worker catching up after a pause)
 * is paged once, under the latest of them; every enabled contact method of the user is paged.
 */
export function planNotifications(
  steps: readonly StepRecipients[],
  contactMethods: ReadonlyMap<string, ReadonlyArray<{ id: string; kind: string }>>,
): PlannedNotification[] {
  const latestStepOf = new Map<string, number>();
  steps.forEach((s, i) => s.userIds.forEach((userId) => latestStepOf.set(userId, i)));
  const planned: PlannedNotification[] = [];
  steps.forEach((s, i) => {
    for (const userId of s.userIds) {
      if (latestStepOf.get(userId) !== i) continue;
      const methods = contactMethods.get(userId) ?? [];
      if (methods.length === 0) {
        planned.push({
          step: s.step,
          recipient: userId,
          contactMethodId: null,
          channel: 'none',
          outcome: 'no_contact_method',
          error: 'the user has no enabled contact method',
        });
      }
      for (const method of methods) {
        planned.push({
          step: s.step,
          recipient: userId,
          contactMethodId: method.id,
          channel: method.kind,
          outcome: 'sending',
          error: null,
        });
      }
    }
    for (const u of s.unresolved) {
      planned.push({
        step: s.step,
        recipient: u.scheduleId,
        contactMethodId: null,
        channel: 'none',
        outcome: 'unresolved',
        error: `${UNRESOLVED_TEXT[u.reason] ?? u.reason} (${u.reason})`,
      });
    }
  });
  return planned;
}

/** A notification as it ended, for the timeline. */
export interface SentNotification {
  step: EscalationStep;
  recipient: string;
  channel: string;
  outcome: 'delivered' | 'failed' | 'no_contact_method' | 'unresolved';
  error: string | null;
}

export interface NotificationSummary {
  step: EscalationStep;
  channel: string;
  recipients: string[];
  purpose: string;
}

/**
 * One timeline line per step and channel: who was paged, what failed and why, and who could not be paged. The
 * recipients are user ids (schedule ids for unresolved schedules); the text never holds an address.
 */
export function summarizeNotifications(policyName: string, sent: readonly SentNotification[]): NotificationSummary[] {
  const groups = new Map<string, SentNotification[]>();
  for (const n of sent) {
    const key = `${n.step.pass}/${n.step.levelIndex}/${n.channel}`;
    groups.set(key, [...(groups.get(key) ?? []), n]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as SentNotification;
    const { step, channel } = first;
    const where = `escalation "${policyName}" level ${step.levelIndex + 1}${step.pass > 0 ? ` (repeat ${step.pass})` : ''}`;
    const parts: string[] = [];
    const of = (outcome: SentNotification['outcome']): SentNotification[] => group.filter((n) => n.outcome === outcome);
    const delivered = of('delivered');
    if (delivered.length > 0) parts.push(`paged ${delivered.map((n) => n.recipient).join(', ')} by ${channel}`);
    const failed = of('failed');
    if (failed.length > 0) {
      parts.push(
        `${channel} failed for ${failed.map((n) => `${n.recipient} (${n.error ?? 'unknown error'})`).join(', ')}`,
      );
    }
    const noMethod = of('no_contact_method');
    if (noMethod.length > 0) parts.push(`no contact method for ${noMethod.map((n) => n.recipient).join(', ')}`);
    const unresolved = of('unresolved');
    if (unresolved.length > 0) {
      parts.push(`nobody paged from schedule ${unresolved.map((n) => `${n.recipient}: ${n.error ?? ''}`).join(', ')}`);
    }
    return {
      step,
      channel,
      recipients: [...new Set(group.map((n) => n.recipient))],
      purpose: `${where}: ${parts.join('; ')}`,
    };
  });
}
