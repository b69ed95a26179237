import { KeelError, type ErrorCategory } from '@keel/graphql';

export enum RunbookErrorCode {
  /** The runbook's path, front matter or metadata is malformed; the message lists each problem with its line. */
  INVALID_RUNBOOK = 'INVALID_RUNBOOK',
  /** A validation option is out of range; the message names it. */
  INVALID_RUNBOOK_VALIDATION_OPTIONS = 'INVALID_RUNBOOK_VALIDATION_OPTIONS',
  /** No runbook has this name; the message names it. */
  RUNBOOK_NOT_FOUND = 'RUNBOOK_NOT_FOUND',
  /** The asked version of a runbook does not exist. */
  RUNBOOK_VERSION_NOT_FOUND = 'RUNBOOK_VERSION_NOT_FOUND',
  /** Someone saved or archived the runbook since the caller read it, or it already exists (optimistic versioning). */
  RUNBOOK_VERSION_CONFLICT = 'RUNBOOK_VERSION_CONFLICT',
  /** The runbook is archived: it cannot be saved or activated. */
  RUNBOOK_ARCHIVED = 'RUNBOOK_ARCHIVED',
}

const CATEGORY: Record<RunbookErrorCode, ErrorCategory> = {
  [RunbookErrorCode.INVALID_RUNBOOK]: 'BAD_USER_INPUT',
  [RunbookErrorCode.INVALID_RUNBOOK_VALIDATION_OPTIONS]: 'BAD_USER_INPUT',
  [RunbookErrorCode.RUNBOOK_NOT_FOUND]: 'NOT_FOUND',
  [RunbookErrorCode.RUNBOOK_VERSION_NOT_FOUND]: 'NOT_FOUND',
  [RunbookErrorCode.RUNBOOK_VERSION_CONFLICT]: 'CONFLICT',
  [RunbookErrorCode.RUNBOOK_ARCHIVED]: 'CONFLICT',
};

export class RunbookException extends KeelError<RunbookErrorCode> {
  /** `details` reach the client as GraphQL error extensions (`problems` of a refused runbook, `version` found). */
  constructor(code: RunbookErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(CATEGORY[code], code, message, details);
  }
}
