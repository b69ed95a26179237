import type { Role } from '@keel/contracts';

/**
 * Roles form a ladder viewer < responder < admin; auditor stands beside it: it reads everything a viewer reads
 * plus the audit trail, and changes nothing. An admin satisfies every requirement.
 */
const LADDER: Record<'viewer' | 'responder' | 'admin', number> = { viewer: 1, responder: 2, admin: 3 };

export function satisfiesRole(held: readonly Role[], required: Role): boolean {
  if (held.includes('admin')) return true;
  if (required === 'auditor') return held.includes('auditor');
  if (required === 'viewer' && held.includes('auditor')) return true;
  const need = LADDER[required];
  return held.some((role) => role !== 'auditor' && LADDER[role] >= need);
}

/** True when the roles satisfy at least one of the required roles (an empty requirement is satisfied). */
export function satisfiesAnyRole(held: readonly Role[], required: readonly Role[]): boolean {
  return required.length === 0 || required.some((role) => satisfiesRole(held, role));
}
