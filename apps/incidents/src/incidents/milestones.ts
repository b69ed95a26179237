// Incident milestones: when impact started, when it was detected, acknowledged, mitigated, resolved and closed.
//
// - Order: each set milestone is at or after every earlier one that is set (unset ones are skipped), and none is
//   later than `now` plus a small clock skew (DEFAULT_CLOCK_SKEW_MS).
// - Capture and edit: a milestone keeps what was first captured (capturedValue, capturedAt, capturedBy) beside the
//   value in effect; an edit changes `value` only, with who, when and why (the last edit; every edit is also a
//   timeline entry). impact_started, detected and acknowledged may be captured by hand; mitigated, resolved and
//   closed only by the status change that reaches them (so status and milestones never disagree), then edited.
// - Status changes set milestones (milestoneChangesFor): reaching a status sets every milestone it implies that is
//   still unset (resolving an incident never mitigated sets mitigated too), at `now` or, if a person put an earlier
//   milestone slightly ahead of the server clock, at that milestone's value, so the order holds. Stepping back keeps
//   the milestones (mitigated stays the first mitigation); reopening clears resolved and closed, so they end up
//   the final resolution and closing.
import type { IncidentStatus } from '@keel/contracts';
import {
  DEFAULT_CLOCK_SKEW_MS,
  assertNoIssues,
  issue,
  iso,
  isValidInstant,
  normalizeReason,
  requireId,
  type ValidationIssue,
} from './incident-input';
import type { IncidentTransition } from './incident-lifecycle';
import { IncidentErrorCode, IncidentException } from './incident.exception';
import { MILESTONE_NAMES, type MilestoneName } from '../common/milestone-names';

export { MILESTONE_NAMES, type MilestoneName } from '../common/milestone-names';

/** Set only by the status change that reaches them; a person may edit them afterwards. */
export const STATUS_DRIVEN_MILESTONES: readonly MilestoneName[] = Object.freeze(['mitigated', 'resolved', 'closed']);

export interface Milestone {
  name: MilestoneName;
  /** The instant in effect: the captured value until someone edits it. */
  value: Date;
  /** The value first recorded, never changed by edits. */
  capturedValue: Date;
  /** When it was recorded (the server's clock). */
  capturedAt: Date;
  /** Who recorded it (a user, or the system for status changes from automation). */
  capturedBy: string;
  /** The last edit; null while never edited. */
  editedBy: string | null;
  editedAt: Date | null;
  editReason: string | null;
}

export type Milestones = Record<MilestoneName, Milestone | null>;

export type MilestoneChange =
  | { kind: 'set'; name: MilestoneName; milestone: Milestone }
  | { kind: 'clear'; name: MilestoneName; previous: Milestone };

export interface MilestoneClock {
  now: Date;
  /** Defaults to DEFAULT_CLOCK_SKEW_MS. */
  maxClockSkewMs?: number;
}

export function noMilestones(): Milestones {
  return { impact_started: null, detected: null, acknowledged: null, mitigated: null, resolved: null, closed: null };
}

export function milestoneValues(milestones: Milestones): Record<MilestoneName, Date | null> {
  return Object.fromEntries(MILESTONE_NAMES.map((name) => [name, milestones[name]?.value ?? null])) as Record<
    MilestoneName,
    Date | null
  >;
}

/** The values in the shape postmortems' IncidentMilestones (and its durations) read. */
export function toIncidentMilestones(milestones: Milestones): {
  impactStartedAt: Date | null;
  detectedAt: Date | null;
  acknowledgedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
} {
  const v = milestoneValues(milestones);
  return {
    impactStartedAt: v.impact_started,
    detectedAt: v.detected,
    acknowledgedAt: v.acknowledged,
    mitigatedAt: v.mitigated,
    resolvedAt: v.resolved,
    closedAt: v.closed,
  };
}

/** Every order and future problem of a set of milestone values (unset ones are skipped). */
export function milestoneIssues(
  values: Partial<Record<MilestoneName, Date | null>>,
  clock: MilestoneClock,
): ValidationIssue[] {
  const skew = clock.maxClockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
  const latestAllowed = clock.now.getTime() + skew;
  const issues: ValidationIssue[] = [];
  let latest: { name: MilestoneName; value: Date } | null = null;
  for (const name of MILESTONE_NAMES) {
    const value = values[name];
    if (value === null || value === undefined) continue;
    const field = `milestones.${name}`;
    if (!isValidInstant(value)) {
      issues.push(issue(field, 'must be a valid instant'));
      continue;
    }
    if (latest !== null && value.getTime() < latest.value.getTime()) {
      issues.push(issue(field, `(${iso(value)}) must not be before ${latest.name} (${iso(latest.value)})`));
    }
    if (value.getTime() > latestAllowed) {
      issues.push(
        issue(
          field,
          `(${iso(value)}) is in the future: now is ${iso(clock.now)}, allowed clock skew ${Math.round(skew / 1000)} s`,
        ),
      );
    }
    if (latest === null || value.getTime() >= latest.value.getTime()) latest = { name, value };
  }
  return issues;
}

/** Refuses (INVALID_MILESTONES, listing every problem) milestones out of order or in the future. */
export function assertMilestonesValid(
  values: Partial<Record<MilestoneName, Date | null>>,
  clock: MilestoneClock,
): void {
  assertNoIssues(IncidentErrorCode.INVALID_MILESTONES, milestoneIssues(values, clock));
}

function invalid(message: string): IncidentException {
  return new IncidentException(IncidentErrorCode.INVALID_MILESTONES, message);
}

function captured(name: MilestoneName, value: Date, actor: string, now: Date): Milestone {
  return {
    name,
    value,
    capturedValue: value,
    capturedAt: now,
    capturedBy: actor,
    editedBy: null,
    editedAt: null,
    editReason: null,
  };
}

function withValue(milestones: Milestones, name: MilestoneName, value: Date): Record<MilestoneName, Date | null> {
  return { ...milestoneValues(milestones), [name]: value };
}

/** A person records a milestone that is not set yet (impact_started, detected or acknowledged only). */
export function captureMilestone(
  milestones: Milestones,
  name: MilestoneName,
  input: { value: Date; actor: string } & MilestoneClock,
): Milestones {
  if (!MILESTONE_NAMES.includes(name)) {
    throw invalid(`milestone must be one of ${MILESTONE_NAMES.join(', ')}, got "${String(name)}"`);
  }
  const actor = requireId(input.actor, 'actor', IncidentErrorCode.INVALID_MILESTONES);
  const existing = milestones[name];
  if (existing !== null) {
    throw invalid(`milestone ${name} is already set (${iso(existing.value)}); edit it with a reason instead`);
  }
  if (STATUS_DRIVEN_MILESTONES.includes(name)) {
    throw invalid(`milestone ${name} is set by the status change that reaches it; it cannot be captured by hand`);
  }
  if (!isValidInstant(input.value)) throw invalid(`milestones.${name} must be a valid instant`);
  assertMilestonesValid(withValue(milestones, name, input.value), input);
  return { ...milestones, [name]: captured(name, input.value, actor, input.now) };
}

/** Changes the value of a set milestone, with a reason; the captured value stays beside it. */
export function editMilestone(
  milestones: Milestones,
  name: MilestoneName,
  input: { value: Date; actor: string; reason: string } & MilestoneClock,
): Milestones {
  const existing = MILESTONE_NAMES.includes(name) ? milestones[name] : null;
  if (existing === null) {
    throw invalid(
      STATUS_DRIVEN_MILESTONES.includes(name)
        ? `milestone ${name} is not set yet; the status change that reaches it sets it`
        : `milestone ${String(name)} is not set yet; capture it instead of editing it`,
    );
  }
  const actor = requireId(input.actor, 'actor', IncidentErrorCode.INVALID_MILESTONES);
  const reason = normalizeReason(input.reason, {
    code: IncidentErrorCode.INVALID_MILESTONES,
    refusal: `cannot edit milestone ${name}`,
    required: true,
  });
  if (!isValidInstant(input.value)) throw invalid(`milestones.${name} must be a valid instant`);
  if (input.value.getTime() === existing.value.getTime()) {
    throw invalid(`milestone ${name} is already ${iso(existing.value)}; nothing to edit`);
  }
  assertMilestonesValid(withValue(milestones, name, input.value), input);
  return {
    ...milestones,
    [name]: { ...existing, value: input.value, editedBy: actor, editedAt: input.now, editReason: reason },
  };
}

/** The milestones a status implies (reaching it sets those still unset). */
export function milestonesImpliedBy(status: IncidentStatus): MilestoneName[] {
  switch (status) {
    case 'triage':
    case 'declined':
      return [];
    case 'investigating':
    case 'identified':
    case 'monitoring':
      return ['acknowledged'];
    case 'mitigated':
      return ['acknowledged', 'mitigated'];
    case 'resolved':
      return ['acknowledged', 'mitigated', 'resolved'];
    case 'closed':
      return ['acknowledged', 'mitigated', 'resolved', 'closed'];
  }
}

/**
 * Sets every implied milestone still unset at `now`, clamped between the latest earlier and the earliest later
 * milestone that is set, so the order holds whatever was typed before.
 */
function fillImplied(milestones: Milestones, status: IncidentStatus, actor: string, now: Date): MilestoneChange[] {
  const implied = milestonesImpliedBy(status);
  const changes: MilestoneChange[] = [];
  MILESTONE_NAMES.forEach((name, index) => {
    if (milestones[name] !== null || !implied.includes(name)) return;
    const set = (names: readonly MilestoneName[]): number[] =>
      names.flatMap((n) => (milestones[n] === null ? [] : [(milestones[n] as Milestone).value.getTime()]));
    const floor = Math.max(...set(MILESTONE_NAMES.slice(0, index)), now.getTime());
    const ceiling = Math.min(...set(MILESTONE_NAMES.slice(index + 1)), Number.POSITIVE_INFINITY);
    changes.push({ kind: 'set', name, milestone: captured(name, new Date(Math.min(floor, ceiling)), actor, now) });
  });
  return changes;
}

/**
 * The milestone changes a transition brings, to apply with applyMilestoneChanges and record on the timeline:
 * reopening clears resolved and closed; then every milestone the new status implies that is unset is set.
 */
export function milestoneChangesFor(
  transition: Pick<IncidentTransition, 'action' | 'to'>,
  milestones: Milestones,
  input: { now: Date; actor: string },
): MilestoneChange[] {
  const actor = requireId(input.actor, 'actor', IncidentErrorCode.INVALID_MILESTONES);
  const cleared: MilestoneChange[] = [];
  let remaining = milestones;
  if (transition.action === 'reopen') {
    for (const name of ['resolved', 'closed'] as const) {
      const previous = milestones[name];
      if (previous !== null) cleared.push({ kind: 'clear', name, previous });
    }
    remaining = { ...milestones, resolved: null, closed: null };
  }
  return [...cleared, ...fillImplied(remaining, transition.to, actor, input.now)];
}

export function applyMilestoneChanges(milestones: Milestones, changes: readonly MilestoneChange[]): Milestones {
  const next = { ...milestones };
  for (const change of changes) next[change.name] = change.kind === 'set' ? change.milestone : null;
  return next;
}

/**
 * The milestones of a new incident: detected (the alert's firing time or the declaration, default `now`),
 * impact_started when known, and acknowledged when it opens past triage (the declarer is responding).
 */
export function openingMilestones(
  input: {
    /** A new incident opens in triage (from an alert) or investigating (declared by a person). */
    status: 'triage' | 'investigating';
    actor: string;
    detectedAt?: Date | null;
    impactStartedAt?: Date | null;
  } & MilestoneClock,
): Milestones {
  const actor = requireId(input.actor, 'actor', IncidentErrorCode.INVALID_MILESTONES);
  const detectedAt = input.detectedAt ?? input.now;
  const values: Partial<Record<MilestoneName, Date | null>> = {
    impact_started: input.impactStartedAt ?? null,
    detected: detectedAt,
  };
  assertMilestonesValid(values, input);
  let milestones = noMilestones();
  if (input.impactStartedAt) {
    milestones.impact_started = captured('impact_started', input.impactStartedAt, actor, input.now);
  }
  milestones.detected = captured('detected', detectedAt, actor, input.now);
  milestones = applyMilestoneChanges(milestones, fillImplied(milestones, input.status, actor, input.now));
  return milestones;
}
