import { KeelError, type ErrorCategory } from '@keel/graphql';

export enum RetrospectiveErrorCode {
  /** The period text or range cannot be read; the message says which part and why. */
  INVALID_PERIOD = 'INVALID_PERIOD',
  /** An option of the report is out of range; the message names it. */
  INVALID_RETROSPECTIVE_OPTIONS = 'INVALID_RETROSPECTIVE_OPTIONS',
}

const CATEGORY: Record<RetrospectiveErrorCode, ErrorCategory> = {
  [RetrospectiveErrorCode.INVALID_PERIOD]: 'BAD_USER_INPUT',
  [RetrospectiveErrorCode.INVALID_RETROSPECTIVE_OPTIONS]: 'BAD_USER_INPUT',
};

export class RetrospectiveException extends KeelError<RetrospectiveErrorCode> {
  constructor(code: RetrospectiveErrorCode, message: string) {
    super(CATEGORY[code], code, message);
  }
}
