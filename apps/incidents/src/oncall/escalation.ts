// Escalation policies as a pure state machine: time enters only through arguments, so the caller (a worker
// with a controllable clock) asks "what has fired by now, and when is the next step due?".
//
// Level 0 fires when the incident is triggered; level i + 1 fires `levels[i].delayMinutes` after level i;
// after the last level the whole policy runs again `repeat` more times (the last level's delay separates the
// passes). An acknowledgement at or before a step's instant cancels it and everything after it.

import {
  type Instant,
  type ValidationIssue,
  OncallErrorCode,
  OncallValidationError,
  issue,
  requireInstant,
  shown,
  toIso,
} from './oncall-validation';
import { onCallAt } from './schedule';
import type { Schedule } from './schedule.types';

export type EscalationTarget = { kind: 'user'; userId: string } | { kind: 'schedule'; scheduleId: string };

export interface EscalationLevel {
  /** Users and/or schedules notified when the level fires. */
  targets: EscalationTarget[];
  /** Minutes without acknowledgement before the next level fires (1 to 10080). */
  delayMinutes: number;
}

export interface EscalationPolicy {
  /** In order: levels[0] fires at the trigger. */
  levels: EscalationLevel[];
  /** How many more times the whole policy runs after the first pass (0 to 9; absent means 0). */
  repeat?: number | null;
}

export const MAX_DELAY_MINUTES = 7 * 24 * 60;
export const MAX_REPEAT = 9;

/** One firing of a level; `pass` counts the repeats (0 is the first run through the policy). */
export interface EscalationStep {
  levelIndex: number;
  pass: number;
  /** ISO instant in UTC. */
  at: string;
}

export type EscalationStatus =
  /** Not acknowledged and another step is due (`nextDue`). */
  | 'escalating'
  /** Acknowledged at or before `now`; nothing more fires. */
  | 'acknowledged'
  /** Not acknowledged, but every step has fired. */
  | 'exhausted';

export interface EscalationState {
  status: EscalationStatus;
  /** The steps that have fired, in order. */
  fired: EscalationStep[];
  /** The next step and when it is due; null when acknowledged or exhausted. */
  nextDue: EscalationStep | null;
}

export interface EscalationTiming {
  triggeredAt: Instant;
  /** When the incident was acknowledged; null or absent when it has not been (yet). */
  acknowledgedAt?: Instant | null;
  now: Instant;
}

/** Every problem with a policy, each naming its field; empty when the policy is valid. */
export function validateEscalationPolicy(policy: EscalationPolicy): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!Array.isArray(policy.levels) || policy.levels.length === 0) {
    issues.push(issue('levels', 'must contain at least one level'));
  } else {
    policy.levels.forEach((level, i) => {
      const at = `levels[${i}]`;
      if (!Array.isArray(level.targets) || level.targets.length === 0) {
        issues.push(issue(`${at}.targets`, 'must name at least one user or schedule'));
      } else {
        level.targets.forEach((target, k) => {
          const field = `${at}.targets[${k}]`;
          // Read loosely: the input may come from outside TypeScript.
          const loose = target as { kind?: unknown; userId?: unknown; scheduleId?: unknown };
          if (loose.kind === 'user') {
            if (!nonEmpty(loose.userId)) issues.push(issue(`${field}.userId`, 'must be a non-empty user id'));
          } else if (loose.kind === 'schedule') {
            if (!nonEmpty(loose.scheduleId)) {
              issues.push(issue(`${field}.scheduleId`, 'must be a non-empty schedule id'));
            }
          } else {
            issues.push(issue(`${field}.kind`, `must be user or schedule, got ${shown(loose.kind)}`));
          }
        });
      }
      const delay = level.delayMinutes;
      if (!Number.isInteger(delay) || delay < 1 || delay > MAX_DELAY_MINUTES) {
        issues.push(
          issue(
            `${at}.delayMinutes`,
            `must be a whole number of minutes from 1 to ${MAX_DELAY_MINUTES}, got ${shown(delay)}`,
          ),
        );
      }
    });
  }
  const repeat = policy.repeat ?? 0;
  if (!Number.isInteger(repeat) || repeat < 0 || repeat > MAX_REPEAT) {
    issues.push(issue('repeat', `must be a whole number from 0 to ${MAX_REPEAT}, got ${shown(repeat)}`));
  }
  return issues;
}

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

/** Throws an OncallValidationError (INVALID_ESCALATION_POLICY) carrying every issue when the policy is invalid. */
export function assertValidEscalationPolicy(policy: EscalationPolicy): void {
  const issues = validateEscalationPolicy(policy);
  if (issues.length > 0) throw new OncallValidationError(OncallErrorCode.INVALID_ESCALATION_POLICY, issues);
}

function plannedSteps(
  policy: EscalationPolicy,
  triggeredMs: number,
): Array<{ levelIndex: number; pass: number; at: number }> {
  const steps: Array<{ levelIndex: number; pass: number; at: number }> = [];
  let at = triggeredMs;
  for (let pass = 0; pass <= (policy.repeat ?? 0); pass += 1) {
    policy.levels.forEach((level, levelIndex) => {
      steps.push({ levelIndex, pass, at });
      at += level.delayMinutes * 60_000;
    });
  }
  return steps;
}

function step(s: { levelIndex: number; pass: number; at: number }): EscalationStep {
  return { levelIndex: s.levelIndex, pass: s.pass, at: toIso(s.at) };
}

/** Every step the policy would take for an incident triggered at `triggeredAt` if nobody acknowledged it. */
export function escalationSteps(policy: EscalationPolicy, triggeredAt: Instant): EscalationStep[] {
  const triggeredMs = requireInstant(triggeredAt, 'triggeredAt');
  assertValidEscalationPolicy(policy);
  return plannedSteps(policy, triggeredMs).map(step);
}

/**
 * Where the escalation of one incident stands at `now`: the steps fired so far and the next one due.
 * A step fires at its instant when `now` has reached it and no acknowledgement came at or before it; an
 * acknowledgement later than `now` has not happened yet as far as this call is concerned.
 */
export function escalationState(policy: EscalationPolicy, timing: EscalationTiming): EscalationState {
  const triggeredMs = requireInstant(timing.triggeredAt, 'triggeredAt');
  const nowMs = requireInstant(timing.now, 'now');
  const ackMs =
    timing.acknowledgedAt === undefined || timing.acknowledgedAt === null
      ? undefined
      : requireInstant(timing.acknowledgedAt, 'acknowledgedAt');
  if (ackMs !== undefined && ackMs < triggeredMs) {
    throw new OncallValidationError(OncallErrorCode.INVALID_ARGUMENT, [
      issue('acknowledgedAt', `must not be before triggeredAt (${toIso(triggeredMs)}), got ${toIso(ackMs)}`),
    ]);
  }
  assertValidEscalationPolicy(policy);
  const steps = plannedSteps(policy, triggeredMs);
  if (ackMs !== undefined && ackMs <= nowMs) {
    return { status: 'acknowledged', fired: steps.filter((s) => s.at < ackMs).map(step), nextDue: null };
  }
  const fired = steps.filter((s) => s.at <= nowMs).map(step);
  const next = steps.find((s) => s.at > nowMs);
  return next === undefined
    ? { status: 'exhausted', fired, nextDue: null }
    : { status: 'escalating', fired, nextDue: step(next) };
}

export type UnresolvedReason = 'unknown_schedule' | 'invalid_schedule' | 'nobody_on_call';

export interface ResolvedTargets {
  /** Concrete users to notify, deduplicated, in the order of the level's targets. */
  userIds: string[];
  /** Schedule targets that yielded nobody, and why, so the timeline can say so. */
  unresolved: Array<{ scheduleId: string; reason: UnresolvedReason }>;
}

/**
 * The users a level notifies when it fires at `instant`: user targets as they are, schedule targets through
 * whoever is on call in that schedule at that instant. A schedule that is unknown, invalid or empty at that
 * instant does not stop the others from being notified; it is reported in `unresolved`.
 */
export function resolveTargets(
  level: EscalationLevel,
  schedules: readonly Schedule[],
  instant: Instant,
): ResolvedTargets {
  const t = requireInstant(instant, 'instant');
  const byId = new Map<string, Schedule>();
  for (const schedule of schedules) if (!byId.has(schedule.id)) byId.set(schedule.id, schedule);
  const userIds = new Set<string>();
  const unresolved: ResolvedTargets['unresolved'] = [];
  const seen = new Set<string>();
  for (const target of level.targets) {
    if (target.kind === 'user') {
      userIds.add(target.userId);
      continue;
    }
    const { scheduleId } = target;
    if (seen.has(scheduleId)) continue;
    seen.add(scheduleId);
    const schedule = byId.get(scheduleId);
    if (schedule === undefined) {
      unresolved.push({ scheduleId, reason: 'unknown_schedule' });
      continue;
    }
    let onCall: ReturnType<typeof onCallAt>;
    try {
      onCall = onCallAt(schedule, t);
    } catch (error: unknown) {
      if (!(error instanceof OncallValidationError)) throw error;
      unresolved.push({ scheduleId, reason: 'invalid_schedule' });
      continue;
    }
    if (onCall === null) unresolved.push({ scheduleId, reason: 'nobody_on_call' });
    else userIds.add(onCall.userId);
  }
  return { userIds: [...userIds], unresolved };
}
