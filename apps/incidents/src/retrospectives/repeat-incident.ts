import type { ActionItem } from '../postmortems';

/** A later incident on the same service and trigger as an earlier one whose action items were all done. */
export interface RepeatIncident {
  incidentId: string;
  earlierIncidentId: string;
  services: string[];
  triggers: string[];
  /** When the earlier incident's last action item was closed. */
  actionItemsDoneAt: Date;
}

/** The incident an alert has just linked to: what could make it a repeat. */
export interface RepeatSubject {
  id: string;
  openedAt: Date;
  services: readonly string[];
  /** The rule names (alertname) of its linked alerts. */
  triggers: readonly string[];
}

/** An earlier incident that may have been repeated, with the state of its action items. */
export interface RepeatCandidate extends RepeatSubject {
  actionItems: readonly Pick<ActionItem, 'status' | 'closedAt'>[];
}

/**
 * When all of an incident's action items were closed with at least one done, the moment the last one closed;
 * otherwise null (no items, some still open, or all decided against).
 */
export function actionItemsDoneAt(items: readonly Pick<ActionItem, 'status' | 'closedAt'>[]): Date | null {
  if (items.length === 0 || !items.some((i) => i.status === 'done')) return null;
  let last = 0;
  for (const item of items) {
    if ((item.status !== 'done' && item.status !== 'wont_do') || item.closedAt === null) return null;
    last = Math.max(last, item.closedAt.getTime());
  }
  return new Date(last);
}

/** Opening order, then id: the order in which incidents happened. */
function byOpened(a: RepeatSubject, b: RepeatSubject): number {
  return a.openedAt.getTime() - b.openedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** What both lists hold, once each, sorted: the same pair of incidents always gives the same key. */
const shared = (a: readonly string[], b: readonly string[]): string[] =>
  [...new Set(a.filter((x) => b.includes(x)))].sort();

/**
 * Whether `later` repeats an earlier incident: the most recent candidate opened before it, sharing a service and a
 * trigger, whose action items were all closed (at least one done) before `later` opened — the fix was in and the
 * same thing happened again. Decided when an alert links to `later` (see RepeatRecorder), so it says what was
 * known when the incident recurred: items reopened afterwards do not undo it. Null when it repeats none.
 */
export function findRepeat(later: RepeatSubject, candidates: readonly RepeatCandidate[]): RepeatIncident | null {
  let best: { candidate: RepeatCandidate; doneAt: Date } | null = null;
  for (const candidate of candidates) {
    if (candidate.id === later.id || byOpened(candidate, later) >= 0) continue;
    if (shared(later.services, candidate.services).length === 0) continue;
    if (shared(later.triggers, candidate.triggers).length === 0) continue;
    const doneAt = actionItemsDoneAt(candidate.actionItems);
    if (doneAt === null || doneAt.getTime() >= later.openedAt.getTime()) continue;
    if (best === null || byOpened(candidate, best.candidate) > 0) best = { candidate, doneAt };
  }
  if (best === null) return null;
  return {
    incidentId: later.id,
    earlierIncidentId: best.candidate.id,
    services: shared(later.services, best.candidate.services),
    triggers: shared(later.triggers, best.candidate.triggers),
    actionItemsDoneAt: best.doneAt,
  };
}
