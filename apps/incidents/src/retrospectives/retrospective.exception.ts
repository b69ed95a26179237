import { KeelError, type ErrorCategory } from '@keel/graphql';

export enum RetrospectiveErrorCode {
  /** The period text or range cannot be read; the message says which part and why. */
  INVALID_PERIOD = 'INVALID_PERIOD',
  /** An option of the report is out of range; the message names it. */
  INVALID_RETROSPECTIVE_OPTIONS = 'INVALID_RETROSPECTIVE_OPTIONS',
  /** The recorded meeting's fields (improvements, notes, follow-up date, service) are refused; every issue listed. */
  INVALID_RETROSPECTIVE_INPUT = 'INVALID_RETROSPECTIVE_INPUT',
  /** The period's meeting was recorded or changed by someone else since the caller read it. */
  RETROSPECTIVE_VERSION_CONFLICT = 'RETROSPECTIVE_VERSION_CONFLICT',
  /** An update (expectedVersion given) of a period without a recorded meeting. */
  RETROSPECTIVE_NOT_FOUND = 'RETROSPECTIVE_NOT_FOUND',
}

const CATEGORY: Record<RetrospectiveErrorCode, ErrorCategory> = {
  [RetrospectiveErrorCode.INVALID_PERIOD]: 'BAD_USER_INPUT',
  [RetrospectiveErrorCode.INVALID_RETROSPECTIVE_OPTIONS]: 'BAD_USER_INPUT',
  [RetrospectiveErrorCode.INVALID_RETROSPECTIVE_INPUT]: 'BAD_USER_INPUT',
  [RetrospectiveErrorCode.RETROSPECTIVE_VERSION_CONFLICT]: 'CONFLICT',
  [RetrospectiveErrorCode.RETROSPECTIVE_NOT_FOUND]: 'NOT_FOUND',
};

export class RetrospectiveException extends KeelError<RetrospectiveErrorCode> {
  /** `details` reach the client as GraphQL error extensions (`version` of a conflict, `issues` of refused input). */
  constructor(code: RetrospectiveErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(CATEGORY[code], code, message, details);
  }
}
