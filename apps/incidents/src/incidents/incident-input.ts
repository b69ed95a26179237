// Small helpers shared by the pure incident-core rules (lifecycle, milestones, roles, severity policy, checklist,
// timeline). Instants are Date (timestamptz), as in postmortems/; every refusal names the field or thing refused.
import type { ValidationIssue } from '../common/validation-issue';
import { IncidentErrorCode, IncidentException } from './incident.exception';

export { issue, type ValidationIssue } from '../common/validation-issue';

/** Reasons (reopen, decline, milestone edit, step reopen) are trimmed and at most this long. */
export const REASON_MAX = 2000;

/** How far ahead of the server's clock a typed instant may be (a responder's clock runs a little fast). */
export const DEFAULT_CLOCK_SKEW_MS = 60_000;

/** Throws `code` with every issue's message when there is any; the issues go to the error's details. */
export function assertNoIssues(code: IncidentErrorCode, issues: readonly ValidationIssue[]): void {
  if (issues.length === 0) return;
  throw new IncidentException(code, issues.map((i) => i.message).join('; '), { issues: [...issues] });
}

export function isValidInstant(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** An instant as the messages show it. */
export function iso(value: Date): string {
  return isValidInstant(value) ? value.toISOString() : 'an invalid date';
}

/** Throws `code` naming `field` unless the value is a real Date. */
export function requireInstant(value: unknown, field: string, code: IncidentErrorCode): Date {
  if (!isValidInstant(value)) throw new IncidentException(code, `${field} must be a valid instant`);
  return value;
}

/**
 * A trimmed reason, or null when blank. With `required`, a blank reason is refused with `refusal`; a reason
 * longer than REASON_MAX is always refused.
 */
export function normalizeReason(
  value: string | null | undefined,
  options: { code: IncidentErrorCode; refusal: string; required: boolean },
): string | null {
  const reason = (value ?? '').trim();
  if (reason === '') {
    if (options.required) throw new IncidentException(options.code, `${options.refusal}: a reason is required`);
    return null;
  }
  if (reason.length > REASON_MAX) {
    throw new IncidentException(
      options.code,
      `${options.refusal}: the reason must have at most ${REASON_MAX} characters, got ${reason.length}`,
    );
  }
  return reason;
}

/** A trimmed, non-empty id (user, incident, step), or an exception naming the field. */
export function requireId(value: string | null | undefined, field: string, code: IncidentErrorCode): string {
  const id = (value ?? '').trim();
  if (id === '') throw new IncidentException(code, `${field} must not be empty`);
  return id;
}
