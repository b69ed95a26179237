// Plain-data validation results shared by schedules and escalation policies. No framework here: the service
// that wires this module turns an OncallValidationError into the feature's KeelError (BAD_USER_INPUT).

import { issue, type ValidationIssue } from '../common/validation-issue';

export { issue, type ValidationIssue } from '../common/validation-issue';

export enum OncallErrorCode {
  INVALID_SCHEDULE = 'INVALID_SCHEDULE',
  INVALID_ESCALATION_POLICY = 'INVALID_ESCALATION_POLICY',
  INVALID_ARGUMENT = 'INVALID_ARGUMENT',
}

/** Thrown by the computing functions when their input is invalid; carries every issue, not just the first. */
export class OncallValidationError extends Error {
  constructor(
    readonly code: OncallErrorCode,
    readonly issues: ValidationIssue[],
  ) {
    super(issues.map((issue) => issue.message).join('; '));
    this.name = 'OncallValidationError';
  }
}

/** A point in time: an ISO 8601 string with `Z` or a numeric UTC offset, or epoch milliseconds. */
export type Instant = string | number;

/** Instants are accepted from 1970 to the end of year 9999. */
export const MIN_INSTANT_MS = 0;
export const MAX_INSTANT_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;

function parseIso(value: string): number | undefined {
  const m = ISO_INSTANT.exec(value);
  if (m === null) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 2024-02-30 over into March; a real calendar date survives the round trip.
  if (day < 1 || new Date(wall).getUTCDate() !== day) return undefined;
  if (m[8] === 'Z') return wall;
  const offsetHours = Number(m[10]);
  const offsetMinutes = Number(m[11]);
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const offset = (offsetHours * 60 + offsetMinutes) * 60_000 * (m[9] === '-' ? -1 : 1);
  return wall - offset;
}

/** Epoch milliseconds of a valid instant, or undefined. Strings without an offset are refused, never guessed. */
export function instantToMs(value: unknown): number | undefined {
  let ms: number | undefined;
  if (typeof value === 'number') ms = Number.isSafeInteger(value) ? value : undefined;
  else if (typeof value === 'string') ms = parseIso(value);
  return ms !== undefined && ms >= MIN_INSTANT_MS && ms <= MAX_INSTANT_MS ? ms : undefined;
}

export function shown(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : value === undefined ? 'nothing' : String(value);
}

export function instantIssue(field: string, value: unknown): ValidationIssue {
  return issue(
    field,
    `must be an ISO 8601 instant with a UTC offset (e.g. 2024-03-01T09:00:00Z) or epoch milliseconds, from 1970 to 9999, got ${shown(value)}`,
  );
}

/** Epoch milliseconds of an argument, or an OncallValidationError (INVALID_ARGUMENT) naming it. */
export function requireInstant(value: Instant, field: string): number {
  const ms = instantToMs(value);
  if (ms === undefined) throw new OncallValidationError(OncallErrorCode.INVALID_ARGUMENT, [instantIssue(field, value)]);
  return ms;
}

export function toIso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
