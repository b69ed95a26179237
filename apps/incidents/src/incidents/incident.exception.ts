import { KeelError, type ErrorCategory } from '@keel/graphql';

export enum IncidentErrorCode {
  INCIDENT_NOT_FOUND = 'INCIDENT_NOT_FOUND',
  INVALID_INCIDENT_INPUT = 'INVALID_INCIDENT_INPUT',
  /** The lifecycle does not allow this move from the incident's status, or its reason or merge target is missing. */
  INVALID_INCIDENT_TRANSITION = 'INVALID_INCIDENT_TRANSITION',
  /** Someone changed the incident since the caller read it (optimistic versioning). */
  INCIDENT_VERSION_CONFLICT = 'INCIDENT_VERSION_CONFLICT',
  /** Milestones out of order, in the future, or edited without a reason. */
  INVALID_MILESTONES = 'INVALID_MILESTONES',
  /** A role name, assignment or hand-off is not possible. */
  INVALID_ROLE_ASSIGNMENT = 'INVALID_ROLE_ASSIGNMENT',
  /** A configured severity policy is malformed; the message lists every problem. */
  INVALID_SEVERITY_POLICY = 'INVALID_SEVERITY_POLICY',
  /** A checklist template is malformed, or a step cannot be completed or reopened. */
  INVALID_CHECKLIST = 'INVALID_CHECKLIST',
  /** Closing waits for other work (open required action items, an unpublished post-mortem); an admin may override. */
  INCIDENT_CLOSING_BLOCKED = 'INCIDENT_CLOSING_BLOCKED',
  /** A user, service or other named thing the incident refers to does not exist. */
  UNKNOWN_REFERENCE = 'UNKNOWN_REFERENCE',
  /** A timeline entry (usually a back-dated note) is refused. */
  INVALID_TIMELINE_ENTRY = 'INVALID_TIMELINE_ENTRY',
}

const CATEGORY: Record<IncidentErrorCode, ErrorCategory> = {
  [IncidentErrorCode.INCIDENT_NOT_FOUND]: 'NOT_FOUND',
  [IncidentErrorCode.INVALID_INCIDENT_INPUT]: 'BAD_USER_INPUT',
  [IncidentErrorCode.INVALID_INCIDENT_TRANSITION]: 'BAD_USER_INPUT',
  [IncidentErrorCode.INCIDENT_VERSION_CONFLICT]: 'CONFLICT',
  [IncidentErrorCode.INVALID_MILESTONES]: 'BAD_USER_INPUT',
  [IncidentErrorCode.INVALID_ROLE_ASSIGNMENT]: 'BAD_USER_INPUT',
  [IncidentErrorCode.INVALID_SEVERITY_POLICY]: 'BAD_USER_INPUT',
  [IncidentErrorCode.INVALID_CHECKLIST]: 'BAD_USER_INPUT',
  [IncidentErrorCode.INCIDENT_CLOSING_BLOCKED]: 'CONFLICT',
  [IncidentErrorCode.UNKNOWN_REFERENCE]: 'BAD_USER_INPUT',
  [IncidentErrorCode.INVALID_TIMELINE_ENTRY]: 'BAD_USER_INPUT',
};

export class IncidentException extends KeelError<IncidentErrorCode> {
  /** `details` reach the client as GraphQL error extensions (e.g. `from`/`to` of a refused transition). */
  constructor(code: IncidentErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(CATEGORY[code], code, message, details);
  }
}
