import { KeelError, type ErrorCategory } from '@keel/graphql';

export enum RunbookErrorCode {
  /** The runbook's path, front matter or metadata is malformed; the message lists each problem with its line. */
  INVALID_RUNBOOK = 'INVALID_RUNBOOK',
  /** A validation option is out of range; the message names it. */
  INVALID_RUNBOOK_VALIDATION_OPTIONS = 'INVALID_RUNBOOK_VALIDATION_OPTIONS',
}

const CATEGORY: Record<RunbookErrorCode, ErrorCategory> = {
  [RunbookErrorCode.INVALID_RUNBOOK]: 'BAD_USER_INPUT',
  [RunbookErrorCode.INVALID_RUNBOOK_VALIDATION_OPTIONS]: 'BAD_USER_INPUT',
};

export class RunbookException extends KeelError<RunbookErrorCode> {
  constructor(code: RunbookErrorCode, message: string) {
    super(CATEGORY[code], code, message);
  }
}
