// The incident's status lifecycle as pure rules: triage (accept, decline, merge), the response stages, closing and
// reopening, and the optimistic version check. No clock, no database: the service loads the incident, asks for the
// transition, applies it (with milestones.ts's changes) and stores it at the version it read.
//
//   triage ──accept──▶ investigating ⇄ identified ⇄ monitoring ⇄ mitigated ──▶ resolved ──▶ closed
//     │                     ▲   (any forward skip; any step back among these four)   │           │
//     ├──decline──▶ declined │                                                       │           │
//     └──merge────▶ declined └──────────────── reopen (reason required) ◀────────────┴───────────┘
//
// - Forward moves may skip stages (investigating → mitigated, identified → resolved): people do not always pass
//   through every stage, and a transient blip may resolve on its own.
// - Stepping back among the open stages needs no reason (monitoring → identified when the fix did not hold).
// - resolved → closed only; closed only from resolved. Open required post-mortem action items are checked
//   separately (postmortems' decideIncidentClosing) before the service closes.
// - A resolved or closed incident comes back only by `reopen`, with a reason, to investigating.
// - Triage ends by accept (→ investigating), decline (→ declined, reason required) or merge into another incident
//   (→ declined with `mergedIntoId`): the contract has no `merged` status, and a merged triage item, like a declined
//   one, ends without an incident of its own. declined is final.
import { IncidentStatus } from '@keel/contracts';
import { normalizeReason, requireId } from './incident-input';
import { IncidentErrorCode, IncidentException } from './incident.exception';

/** The response stages between triage and resolution, in order; `set_status` moves freely among them. */
export const OPEN_STATUSES = ['investigating', 'identified', 'monitoring', 'mitigated'] as const;
export type OpenStatus = (typeof OPEN_STATUSES)[number];

/** Statuses an incident can be merged into: any except declined and closed. */
export const MERGE_TARGET_STATUSES: readonly IncidentStatus[] = Object.freeze(['triage', ...OPEN_STATUSES, 'resolved']);

export type LifecycleAction = 'accept' | 'decline' | 'merge' | 'set_status' | 'reopen';

/** What the caller asks for. The incident it applies to is passed beside it. */
export type LifecycleCommand =
  | { action: 'accept' }
  | { action: 'decline'; reason: string }
  /** `into` is the other incident as loaded by the caller (so its existence and status are known). */
  | { action: 'merge'; into: { id: string; status: IncidentStatus } }
  /** Any move along the main line; the optional reason is kept for the timeline. */
  | { action: 'set_status'; to: IncidentStatus; reason?: string | null }
  | { action: 'reopen'; reason: string };

/** An allowed move, ready to store and to turn into milestone changes and a timeline entry. */
export interface IncidentTransition {
  action: LifecycleAction;
  from: IncidentStatus;
  to: IncidentStatus;
  reason: string | null;
  /** Set by `merge` only. */
  mergedIntoId: string | null;
}

export interface IncidentRef {
  id: string;
  status: IncidentStatus;
}

export function isOpenStatus(status: IncidentStatus): status is OpenStatus {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

/** Where `set_status` may go from a status (empty when only accept/decline/merge or reopen apply). */
export function setStatusTargets(from: IncidentStatus): IncidentStatus[] {
  if (isOpenStatus(from)) return [...OPEN_STATUSES.filter((s) => s !== from), 'resolved'];
  if (from === 'resolved') return ['closed'];
  return [];
}

/** Every move possible from a status, for a UI to offer (reasons and merge targets still apply). */
export function availableTransitions(from: IncidentStatus): Array<{ action: LifecycleAction; to: IncidentStatus }> {
  if (from === 'triage') {
    return [
      { action: 'accept', to: 'investigating' },
      { action: 'decline', to: 'declined' },
      { action: 'merge', to: 'declined' },
    ];
  }
  const moves: Array<{ action: LifecycleAction; to: IncidentStatus }> = setStatusTargets(from).map((to) => ({
    action: 'set_status',
    to,
  }));
  if (from === 'resolved' || from === 'closed') moves.push({ action: 'reopen', to: 'investigating' });
  return moves;
}

function refused(incident: IncidentRef, action: LifecycleAction, to: IncidentStatus, why: string): IncidentException {
  const verb = action === 'set_status' ? 'move' : action;
  return new IncidentException(
    IncidentErrorCode.INVALID_INCIDENT_TRANSITION,
    `cannot ${verb} incident ${incident.id} from ${incident.status} to ${to}: ${why}`,
    { from: incident.status, to, action },
  );
}

/** Why `set_status` from the incident's status to `to` is refused, or null when it is allowed. */
function setStatusRefusal(from: IncidentStatus, to: IncidentStatus): string | null {
  if (!IncidentStatus.safeParse(to).success) return `"${to}" is not a status (${IncidentStatus.options.join(', ')})`;
  if (from === to) return `the incident is already ${to}`;
  if (setStatusTargets(from).includes(to)) return null;
  if (from === 'triage') return 'an incident in triage must first be accepted, declined or merged';
  if (from === 'declined') return 'a declined incident is final';
  if (to === 'triage') return 'an incident never goes back to triage';
  if (to === 'declined') return 'only an incident in triage can be declined (decline or merge it)';
  if (to === 'closed') return 'an incident is closed only once it is resolved';
  if (to === 'investigating') return `a ${from} incident comes back only by reopening it, with a reason`;
  if (from === 'closed') return 'a closed incident can only be reopened (to investigating, with a reason)';
  return 'a resolved incident can only be closed, or reopened to investigating with a reason';
}

/**
 * Checks a command against the incident's status and returns the transition to apply; refuses with
 * INVALID_INCIDENT_TRANSITION naming the incident, `from` and `to` (also in the error's details).
 */
export function transitionIncident(incident: IncidentRef, command: LifecycleCommand): IncidentTransition {
  const from = incident.status;
  const base = { action: command.action, from, reason: null, mergedIntoId: null };
  switch (command.action) {
    case 'accept': {
      const to = 'investigating';
      if (from !== 'triage') throw refused(incident, 'accept', to, 'only an incident in triage can be accepted');
      return { ...base, to };
    }
    case 'decline': {
      const to = 'declined';
      if (from !== 'triage') throw refused(incident, 'decline', to, 'only an incident in triage can be declined');
      const reason = normalizeReason(command.reason, {
        code: IncidentErrorCode.INVALID_INCIDENT_TRANSITION,
        refusal: `cannot decline incident ${incident.id} from ${from} to ${to}`,
        required: true,
      });
      return { ...base, to, reason };
    }
    case 'merge': {
      const to = 'declined';
      if (from !== 'triage') throw refused(incident, 'merge', to, 'only an incident in triage can be merged');
      const intoId = requireId(command.into.id, 'merge target id', IncidentErrorCode.INVALID_INCIDENT_TRANSITION);
      if (intoId === incident.id) throw refused(incident, 'merge', to, 'an incident cannot be merged into itself');
      if (!MERGE_TARGET_STATUSES.includes(command.into.status)) {
        throw refused(
          incident,
          'merge',
          to,
          `the target incident ${intoId} is ${command.into.status}; merge only into an incident in ${MERGE_TARGET_STATUSES.join(', ')}`,
        );
      }
      return { ...base, to, reason: `merged into incident ${intoId}`, mergedIntoId: intoId };
    }
    case 'set_status': {
      const why = setStatusRefusal(from, command.to);
      if (why !== null) throw refused(incident, 'set_status', command.to, why);
      const reason = normalizeReason(command.reason, {
        code: IncidentErrorCode.INVALID_INCIDENT_TRANSITION,
        refusal: `cannot move incident ${incident.id} from ${from} to ${command.to}`,
        required: false,
      });
      return { ...base, to: command.to, reason };
    }
    case 'reopen': {
      const to = 'investigating';
      if (from !== 'resolved' && from !== 'closed') {
        throw refused(incident, 'reopen', to, 'only a resolved or closed incident can be reopened');
      }
      const reason = normalizeReason(command.reason, {
        code: IncidentErrorCode.INVALID_INCIDENT_TRANSITION,
        refusal: `cannot reopen incident ${incident.id} from ${from} to ${to}`,
        required: true,
      });
      return { ...base, to, reason };
    }
    default: {
      const unknown: never = command;
      throw new IncidentException(
        IncidentErrorCode.INVALID_INCIDENT_TRANSITION,
        `unknown lifecycle action ${JSON.stringify((unknown as { action: unknown }).action)}`,
      );
    }
  }
}

/**
 * Optimistic versioning: the caller read the incident at `expected`; refuses with INCIDENT_VERSION_CONFLICT
 * (category CONFLICT) when it is stored at another version now, so a concurrent edit is never overwritten.
 */
export function assertVersion(expected: number, actual: number, what = 'incident'): void {
  if (!Number.isSafeInteger(expected) || expected < 1) {
    throw new IncidentException(
      IncidentErrorCode.INVALID_INCIDENT_INPUT,
      `expected version must be a positive integer, got ${expected}`,
    );
  }
  if (expected === actual) return;
  throw new IncidentException(
    IncidentErrorCode.INCIDENT_VERSION_CONFLICT,
    `the ${what} was changed by someone else: your change is based on version ${expected}, it is now at version ${actual}; reload it and apply your change again`,
    { expectedVersion: expected, actualVersion: actual },
  );
}
