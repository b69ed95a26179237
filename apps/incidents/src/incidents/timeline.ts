// The incident timeline: every status change, milestone, role change, alert, checklist step, notification, note
// and severity change is an entry with its actor and two instants:
// - occurredAt: when it happened. For system entries it is the instant of the change (an alert's firing time may
//   precede the incident). A person may back-date a note to reconstruct events.
// - recordedAt: when Keel stored it (the server's clock), never edited.
// No entry may occur later than `now` plus a small clock skew. A note may be back-dated down to the incident's
// start (the earliest of impact started, detected and opened) minus DEFAULT_NOTE_BACKDATE_MARGIN_MS (24 h): the
// deploy or config change that led to the incident belongs on the timeline, last month's events belong in the
// post-mortem's analysis. Entries can be marked as key events for the post-mortem; status, milestone and severity
// changes are key events by default.
import type { Actor, IncidentSeverity, IncidentStatus } from '@keel/contracts';
import { DEFAULT_CLOCK_SKEW_MS, isValidInstant, iso, requireId } from './incident-input';
import type { IncidentTransition } from './incident-lifecycle';
import type { IncidentRole } from './incident-roles';
import { IncidentErrorCode, IncidentException } from './incident.exception';
import type { MilestoneChange, MilestoneName, Milestones } from './milestones';

export const TIMELINE_ENTRY_KINDS = [
  'status_change',
  'milestone',
  'role_change',
  'alert',
  'checklist_step',
  'notification',
  'note',
  'severity_change',
  'runbook',
  'post_mortem',
] as const;
export type TimelineEntryKind = (typeof TIMELINE_ENTRY_KINDS)[number];

/** Kinds marked as key events when created, unless the caller says otherwise. */
export const DEFAULT_KEY_EVENT_KINDS: readonly TimelineEntryKind[] = Object.freeze([
  'status_change',
  'milestone',
  'severity_change',
]);

export const DEFAULT_NOTE_BACKDATE_MARGIN_MS = 24 * 60 * 60_000;
export const NOTE_MAX = 10_000;

/** What happened, by kind. */
export type TimelineDetail =
  | {
      kind: 'status_change';
      /** null when the incident was opened (declared, or from an alert). */
      from: IncidentStatus | null;
      to: IncidentStatus;
      reason: string | null;
      mergedIntoId: string | null;
    }
  | {
      kind: 'milestone';
      milestone: MilestoneName;
      value: Date | null;
      previousValue: Date | null;
      reason: string | null;
    }
  | { kind: 'role_change'; role: IncidentRole; fromUserId: string | null; toUserId: string | null }
  | { kind: 'alert'; fingerprint: string; ruleName: string; state: 'firing' | 'resolved'; summary: string | null }
  | { kind: 'checklist_step'; stepId: string; title: string; action: 'completed' | 'reopened'; note: string | null }
  | { kind: 'notification'; channel: string; recipients: string[]; purpose: string }
  | { kind: 'note'; text: string }
  | { kind: 'severity_change'; from: IncidentSeverity; to: IncidentSeverity; reason: string | null }
  /** A runbook was activated for the incident: by a person, or automatically when the incident opened. */
  | { kind: 'runbook'; name: string; version: number; automatic: boolean }
  /** The incident's post-mortem was drafted (by a person, or automatically at mitigation) or published. */
  | { kind: 'post_mortem'; postMortemId: string; title: string; action: 'drafted' | 'published'; automatic: boolean };

/** Who caused the entry (a person, an API key, a service, or the system for automation). */
export type TimelineActor = Pick<Actor, 'type' | 'id' | 'name'>;

export interface TimelineEntry {
  id: string;
  incidentId: string;
  detail: TimelineDetail;
  actor: TimelineActor;
  occurredAt: Date;
  recordedAt: Date;
  key: boolean;
}

export interface TimelineContext {
  now: Date;
  /** When the incident was opened (its row's creation). */
  openedAt: Date;
  milestones?: Milestones | null;
  maxClockSkewMs?: number;
  noteBackdateMarginMs?: number;
}

function invalid(message: string): IncidentException {
  return new IncidentException(IncidentErrorCode.INVALID_TIMELINE_ENTRY, message);
}

/** The earliest a note may be back-dated to: the incident's start minus the margin. */
export function earliestNoteInstant(context: Omit<TimelineContext, 'now'>): Date {
  const starts = [context.openedAt, context.milestones?.impact_started?.value, context.milestones?.detected?.value]
    .filter((d): d is Date => d !== undefined && d !== null)
    .map((d) => d.getTime());
  const margin = context.noteBackdateMarginMs ?? DEFAULT_NOTE_BACKDATE_MARGIN_MS;
  return new Date(Math.min(...starts) - margin);
}

/**
 * A new entry recorded now: occurredAt defaults to now and may not be later than now plus the clock skew; a
 * note's text is trimmed (1 to NOTE_MAX characters) and it may be back-dated down to earliestNoteInstant.
 */
export function createTimelineEntry(
  input: {
    id: string;
    incidentId: string;
    detail: TimelineDetail;
    actor: TimelineActor;
    occurredAt?: Date | null;
    key?: boolean;
  },
  context: TimelineContext,
): TimelineEntry {
  const id = requireId(input.id, 'entry id', IncidentErrorCode.INVALID_TIMELINE_ENTRY);
  const incidentId = requireId(input.incidentId, 'incidentId', IncidentErrorCode.INVALID_TIMELINE_ENTRY);
  requireId(input.actor.id, 'actor id', IncidentErrorCode.INVALID_TIMELINE_ENTRY);
  const kind = input.detail.kind;
  if (!TIMELINE_ENTRY_KINDS.includes(kind)) {
    throw invalid(`entry kind must be one of ${TIMELINE_ENTRY_KINDS.join(', ')}, got "${String(kind)}"`);
  }
  const occurredAt = input.occurredAt ?? context.now;
  if (!isValidInstant(occurredAt)) throw invalid(`${kind} entry: occurredAt must be a valid instant`);
  const skew = context.maxClockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
  if (occurredAt.getTime() > context.now.getTime() + skew) {
    throw invalid(
      `${kind} entry: occurredAt ${iso(occurredAt)} is in the future (now is ${iso(context.now)}, allowed clock skew ${Math.round(skew / 1000)} s)`,
    );
  }
  let detail = input.detail;
  if (detail.kind === 'note') {
    const text = detail.text.trim();
    if (text.length === 0 || text.length > NOTE_MAX) {
      throw invalid(`note text must have 1 to ${NOTE_MAX} characters, got ${text.length}`);
    }
    const earliest = earliestNoteInstant(context);
    if (occurredAt < earliest) {
      throw invalid(
        `note occurredAt ${iso(occurredAt)} is too far back: notes may be back-dated to ${iso(earliest)} (the incident's start minus ${Math.round((context.noteBackdateMarginMs ?? DEFAULT_NOTE_BACKDATE_MARGIN_MS) / 3_600_000)} h)`,
      );
    }
    detail = { kind: 'note', text };
  }
  return {
    id,
    incidentId,
    detail,
    actor: input.actor,
    occurredAt,
    recordedAt: context.now,
    key: input.key ?? DEFAULT_KEY_EVENT_KINDS.includes(kind),
  };
}

export function markKeyEvent(entry: TimelineEntry, key: boolean): TimelineEntry {
  return entry.key === key ? entry : { ...entry, key };
}

/** Ids are the table's bigint identity as text: numeric ones compare as numbers ("9" before "10"), others as text. */
function compareIds(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b) && a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Time order: occurredAt, then recordedAt, then id (a total order, so the same entries always read the same). */
export function orderTimeline(entries: readonly TimelineEntry[]): TimelineEntry[] {
  return [...entries].sort(
    (a, b) =>
      a.occurredAt.getTime() - b.occurredAt.getTime() ||
      a.recordedAt.getTime() - b.recordedAt.getTime() ||
      compareIds(a.id, b.id),
  );
}

export function keyEvents(entries: readonly TimelineEntry[]): TimelineEntry[] {
  return orderTimeline(entries.filter((e) => e.key));
}

/** The details a transition writes: its status change, then each milestone it set or cleared. */
export function transitionDetails(
  transition: Pick<IncidentTransition, 'from' | 'to' | 'reason' | 'mergedIntoId'>,
  milestoneChanges: readonly MilestoneChange[] = [],
): TimelineDetail[] {
  return [
    {
      kind: 'status_change',
      from: transition.from,
      to: transition.to,
      reason: transition.reason,
      mergedIntoId: transition.mergedIntoId,
    },
    ...milestoneChanges.map((change): TimelineDetail => ({
      kind: 'milestone',
      milestone: change.name,
      value: change.kind === 'set' ? change.milestone.value : null,
      previousValue: change.kind === 'clear' ? change.previous.value : null,
      reason: null,
    })),
  ];
}

const MILESTONE_LABELS: Record<MilestoneName, string> = {
  impact_started: 'Impact started',
  detected: 'Detected',
  acknowledged: 'Acknowledged',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
  closed: 'Closed',
};

/** One line of text for an entry, for lists, notifications and the post-mortem draft. */
export function describeTimelineEntry(entry: Pick<TimelineEntry, 'detail'>): string {
  const d = entry.detail;
  const why = (reason: string | null): string => (reason === null ? '' : ` (${reason})`);
  switch (d.kind) {
    case 'status_change':
      if (d.from === null) return `Incident opened as ${d.to}${why(d.reason)}`;
      return `Status changed from ${d.from} to ${d.to}${why(d.reason)}`;
    case 'milestone':
      if (d.value === null) return `${MILESTONE_LABELS[d.milestone]} milestone cleared${why(d.reason)}`;
      return `${MILESTONE_LABELS[d.milestone]} milestone ${d.previousValue === null ? 'set to' : `changed from ${iso(d.previousValue)} to`} ${iso(d.value)}${why(d.reason)}`;
    case 'role_change':
      if (d.toUserId === null) return `${d.role} released by ${d.fromUserId ?? 'nobody'}`;
      return d.fromUserId === null
        ? `${d.role} assigned to ${d.toUserId}`
        : `${d.role} handed from ${d.fromUserId} to ${d.toUserId}`;
    case 'alert':
      return `Alert ${d.ruleName} ${d.state}${d.summary === null ? '' : `: ${d.summary}`}`;
    case 'checklist_step':
      return `Checklist step "${d.title}" ${d.action}${why(d.note)}`;
    case 'notification':
      if (d.recipients.length === 0) return `Nobody notified: ${d.purpose}`;
      return `Notified ${d.recipients.join(', ')} via ${d.channel}: ${d.purpose}`;
    case 'note':
      return d.text;
    case 'severity_change':
      return `Severity changed from ${d.from} to ${d.to}${why(d.reason)}`;
    case 'runbook':
      return `Runbook "${d.name}" (version ${d.version}) activated${d.automatic ? ' automatically' : ''}`;
    case 'post_mortem':
      return `Post-mortem "${d.title}" ${d.action}${d.automatic ? ' automatically' : ''}`;
  }
}

/**
 * Entries in the shape postmortems' draftFromIncident reads (TimelineEntryForPostMortem), in time order. Milestone
 * entries are left out: the draft takes milestones from the incident's values in effect (edits included), where
 * an entry only knows the value of its moment.
 */
export function toPostMortemTimeline(entries: readonly TimelineEntry[]): Array<{
  id: string;
  at: Date;
  text: string;
  actorId: string | null;
  key: boolean;
  milestone: null;
}> {
  return orderTimeline(entries.filter((entry) => entry.detail.kind !== 'milestone')).map((entry) => ({
    id: entry.id,
    at: entry.occurredAt,
    text: describeTimelineEntry(entry),
    actorId: entry.actor.type === 'system' ? null : entry.actor.id,
    key: entry.key,
    milestone: null,
  }));
}
