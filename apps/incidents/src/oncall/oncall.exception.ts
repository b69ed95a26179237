import { KeelError, type ErrorCategory } from '@keel/graphql';
import type { ValidationIssue } from './oncall-validation';

export enum OncallApiErrorCode {
  SCHEDULE_NOT_FOUND = 'SCHEDULE_NOT_FOUND',
  OVERRIDE_NOT_FOUND = 'OVERRIDE_NOT_FOUND',
  /** The schedule (or its name) is invalid; the message lists every issue, each naming its field. */
  INVALID_SCHEDULE = 'INVALID_SCHEDULE',
  /** A query argument (an instant, a range) is refused. */
  INVALID_ONCALL_ARGUMENT = 'INVALID_ONCALL_ARGUMENT',
  /** Someone changed the schedule since the caller read it, or it already exists (optimistic versioning). */
  SCHEDULE_VERSION_CONFLICT = 'SCHEDULE_VERSION_CONFLICT',
  ESCALATION_POLICY_NOT_FOUND = 'ESCALATION_POLICY_NOT_FOUND',
  /** The policy is invalid or names unknown schedules; the message lists every issue, each naming its field. */
  INVALID_ESCALATION_POLICY = 'INVALID_ESCALATION_POLICY',
  ESCALATION_POLICY_VERSION_CONFLICT = 'ESCALATION_POLICY_VERSION_CONFLICT',
  /** The policy is the default one severities page, or running escalations use it. */
  ESCALATION_POLICY_IN_USE = 'ESCALATION_POLICY_IN_USE',
  INVALID_CONTACT_METHODS = 'INVALID_CONTACT_METHODS',
  /** Only an admin sets another user's contact methods. */
  CONTACT_METHODS_FORBIDDEN = 'CONTACT_METHODS_FORBIDDEN',
}

const CATEGORY: Record<OncallApiErrorCode, ErrorCategory> = {
  [OncallApiErrorCode.SCHEDULE_NOT_FOUND]: 'NOT_FOUND',
  [OncallApiErrorCode.OVERRIDE_NOT_FOUND]: 'NOT_FOUND',
  [OncallApiErrorCode.INVALID_SCHEDULE]: 'BAD_USER_INPUT',
  [OncallApiErrorCode.INVALID_ONCALL_ARGUMENT]: 'BAD_USER_INPUT',
  [OncallApiErrorCode.SCHEDULE_VERSION_CONFLICT]: 'CONFLICT',
  [OncallApiErrorCode.ESCALATION_POLICY_NOT_FOUND]: 'NOT_FOUND',
  [OncallApiErrorCode.INVALID_ESCALATION_POLICY]: 'BAD_USER_INPUT',
  [OncallApiErrorCode.ESCALATION_POLICY_VERSION_CONFLICT]: 'CONFLICT',
  [OncallApiErrorCode.ESCALATION_POLICY_IN_USE]: 'CONFLICT',
  [OncallApiErrorCode.INVALID_CONTACT_METHODS]: 'BAD_USER_INPUT',
  [OncallApiErrorCode.CONTACT_METHODS_FORBIDDEN]: 'FORBIDDEN',
};

export class OncallException extends KeelError<OncallApiErrorCode> {
  /** `details` reach the client as GraphQL error extensions (`issues` of a refused schedule, `version` found). */
  constructor(code: OncallApiErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(CATEGORY[code], code, message, details);
  }

  /** A validation refusal: the message joins every field-named issue; `issues` lists them one by one. */
  static invalid(code: OncallApiErrorCode, issues: ValidationIssue[]): OncallException {
    return new OncallException(code, issues.map((i) => i.message).join('; '), {
      issues: issues.map((i) => ({ field: i.field, message: i.message })),
    });
  }
}
