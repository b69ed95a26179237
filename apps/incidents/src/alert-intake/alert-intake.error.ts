// Plain-data refusals of the alert intake. No framework here: configuration problems stop the boot, and the
// consumer that wires this module treats INVALID_ARGUMENT as a bug (or a poison message for its dead-letter topic).

import type { ValidationIssue } from '../common/validation-issue';

export { issue, type ValidationIssue } from '../common/validation-issue';

export enum AlertIntakeErrorCode {
  /** The intake configuration (environment, env-style text or JSON) is malformed; every problem is listed. */
  INVALID_ALERT_INTAKE_CONFIG = 'INVALID_ALERT_INTAKE_CONFIG',
  /** An argument of a decision function is malformed (an instant that is not one, a link of another incident). */
  INVALID_ARGUMENT = 'INVALID_ARGUMENT',
}

/** Carries every issue, not just the first. */
export class AlertIntakeError extends Error {
  constructor(
    readonly code: AlertIntakeErrorCode,
    readonly issues: ValidationIssue[],
  ) {
    super(issues.map((issue) => issue.message).join('; '));
    this.name = 'AlertIntakeError';
  }
}

/** A value as an error message shows it: strings quoted, everything else as JSON. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return JSON.stringify(value) ?? String(value);
}
