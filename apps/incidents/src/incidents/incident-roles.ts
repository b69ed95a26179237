// Incident roles as dated assignments, so who held what and every hand-off stays visible.
//
// - Roles: incident_commander, communications_lead, scribe, and `custom:<name>` (lower-case letters, digits, _ -).
// - One holder per role at a time; one person may hold several roles (small teams).
// - An assignment holds over [startedAt, endedAt): assigning a role ends the current holder's assignment at the
//   same instant the new one starts, so holdersAt() at the hand-off instant answers the new holder and
//   handOffs() pairs them. Releasing ends it without a successor. Assignments are never deleted.
// - A new assignment may not start before the role's current or last holder started or ended (no overlapping or
//   rewritten history).
import { isValidInstant, iso, requireId } from './incident-input';
import { IncidentErrorCode, IncidentException } from './incident.exception';

export const STANDARD_INCIDENT_ROLES = ['incident_commander', 'communications_lead', 'scribe'] as const;
export type StandardIncidentRole = (typeof STANDARD_INCIDENT_ROLES)[number];
export type IncidentRole = StandardIncidentRole | `custom:${string}`;

/** The name after `custom:`. */
export const CUSTOM_ROLE_NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export interface RoleAssignment {
  /** The caller owns id generation. */
  id: string;
  role: IncidentRole;
  userId: string;
  startedAt: Date;
  /** null while the user still holds the role. */
  endedAt: Date | null;
  assignedBy: string;
}

export interface RoleHolder {
  role: IncidentRole;
  userId: string;
  assignmentId: string;
  since: Date;
}

export interface HandOff {
  role: IncidentRole;
  fromUserId: string;
  toUserId: string;
  at: Date;
}

function invalid(message: string): IncidentException {
  return new IncidentException(IncidentErrorCode.INVALID_ROLE_ASSIGNMENT, message);
}

export function isIncidentRole(value: string): value is IncidentRole {
  if ((STANDARD_INCIDENT_ROLES as readonly string[]).includes(value)) return true;
  return value.startsWith('custom:') && CUSTOM_ROLE_NAME.test(value.slice('custom:'.length));
}

/** Reads a role name (trimmed), refusing anything else by name. */
export function parseIncidentRole(value: string): IncidentRole {
  const role = value.trim();
  if (isIncidentRole(role)) return role;
  throw invalid(
    `role must be one of ${STANDARD_INCIDENT_ROLES.join(', ')} or custom:<name> (lower-case letters, digits, _ -, at most 40), got "${value}"`,
  );
}

/** Standard roles in their order, then custom roles by name: the order lists and messages use. */
export function compareRoles(a: IncidentRole, b: IncidentRole): number {
  const rank = (r: IncidentRole): number => {
    const i = (STANDARD_INCIDENT_ROLES as readonly string[]).indexOf(r);
    return i === -1 ? STANDARD_INCIDENT_ROLES.length : i;
  };
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function ofRole(assignments: readonly RoleAssignment[], role: IncidentRole): RoleAssignment[] {
  return assignments
    .filter((a) => a.role === role)
    .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.id.localeCompare(b.id));
}

/** The role's open assignment, if any. */
export function currentAssignment(assignments: readonly RoleAssignment[], role: IncidentRole): RoleAssignment | null {
  return assignments.find((a) => a.role === role && a.endedAt === null) ?? null;
}

/** The instant before which nothing new may start for the role: its last start or end. */
function historyEnd(assignments: readonly RoleAssignment[], role: IncidentRole): Date | null {
  let latest: Date | null = null;
  for (const a of ofRole(assignments, role)) {
    for (const t of [a.startedAt, a.endedAt]) if (t !== null && (latest === null || t > latest)) latest = t;
  }
  return latest;
}

/**
 * Gives the role to a user from `at`, ending the current holder's assignment at that same instant (a hand-off).
 * Refuses an unknown role, the user already holding it, and an instant before the role's recorded history.
 */
export function assignRole(
  assignments: readonly RoleAssignment[],
  input: { id: string; role: string; userId: string; at: Date; assignedBy: string },
): RoleAssignment[] {
  const role = parseIncidentRole(input.role);
  const id = requireId(input.id, 'assignment id', IncidentErrorCode.INVALID_ROLE_ASSIGNMENT);
  const userId = requireId(input.userId, 'userId', IncidentErrorCode.INVALID_ROLE_ASSIGNMENT);
  const assignedBy = requireId(input.assignedBy, 'assignedBy', IncidentErrorCode.INVALID_ROLE_ASSIGNMENT);
  if (!isValidInstant(input.at)) throw invalid('assignment start must be a valid instant');
  if (assignments.some((a) => a.id === id)) throw invalid(`assignment id "${id}" is already used`);
  const current = currentAssignment(assignments, role);
  if (current !== null && current.userId === userId) {
    throw invalid(`user "${userId}" already holds ${role} (since ${iso(current.startedAt)})`);
  }
  const floor = historyEnd(assignments, role);
  if (floor !== null && input.at < floor) {
    throw invalid(
      `cannot assign ${role} to "${userId}" at ${iso(input.at)}: its history already reaches ${iso(floor)}`,
    );
  }
  const ended = assignments.map((a) => (a === current ? { ...a, endedAt: input.at } : a));
  return [...ended, { id, role, userId, startedAt: input.at, endedAt: null, assignedBy }];
}

/** Ends the role's current assignment at `at` without a successor. */
export function releaseRole(
  assignments: readonly RoleAssignment[],
  input: { role: string; at: Date },
): RoleAssignment[] {
  const role = parseIncidentRole(input.role);
  if (!isValidInstant(input.at)) throw invalid('release instant must be a valid instant');
  const current = currentAssignment(assignments, role);
  if (current === null) throw invalid(`nobody holds ${role}; there is nothing to release`);
  if (input.at < current.startedAt) {
    throw invalid(
      `cannot release ${role} at ${iso(input.at)}: "${current.userId}" only holds it since ${iso(current.startedAt)}`,
    );
  }
  return assignments.map((a) => (a === current ? { ...a, endedAt: input.at } : a));
}

/** Who holds each role at an instant (assignments hold over [startedAt, endedAt)), in role order. */
export function holdersAt(assignments: readonly RoleAssignment[], instant: Date): RoleHolder[] {
  const t = instant.getTime();
  return assignments
    .filter((a) => a.startedAt.getTime() <= t && (a.endedAt === null || t < a.endedAt.getTime()))
    .map((a) => ({ role: a.role, userId: a.userId, assignmentId: a.id, since: a.startedAt }))
    .sort((a, b) => compareRoles(a.role, b.role) || a.since.getTime() - b.since.getTime());
}

/**
 * Every direct hand-off: one assignment of a role ending at the instant the next starts. A role released and
 * given again later is not a hand-off (nobody handed it over). In time order, then role order.
 */
export function handOffs(assignments: readonly RoleAssignment[]): HandOff[] {
  const result: HandOff[] = [];
  const roles = [...new Set(assignments.map((a) => a.role))];
  for (const role of roles) {
    const list = ofRole(assignments, role);
    for (let i = 1; i < list.length; i++) {
      const previous = list[i - 1] as RoleAssignment;
      const next = list[i] as RoleAssignment;
      if (previous.endedAt !== null && previous.endedAt.getTime() === next.startedAt.getTime()) {
        result.push({ role, fromUserId: previous.userId, toUserId: next.userId, at: next.startedAt });
      }
    }
  }
  return result.sort((a, b) => a.at.getTime() - b.at.getTime() || compareRoles(a.role, b.role));
}
