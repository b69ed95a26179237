import { KeelError, type ErrorCategory } from '@keel/graphql';

export enum RulesErrorCode {
  RULE_GROUP_NOT_FOUND = 'RULE_GROUP_NOT_FOUND',
  INVALID_RULE_GROUP = 'INVALID_RULE_GROUP',
  RULE_GROUP_VERSION_CONFLICT = 'RULE_GROUP_VERSION_CONFLICT',
}

const CATEGORY: Record<RulesErrorCode, ErrorCategory> = {
  [RulesErrorCode.RULE_GROUP_NOT_FOUND]: 'NOT_FOUND',
  [RulesErrorCode.INVALID_RULE_GROUP]: 'BAD_USER_INPUT',
  [RulesErrorCode.RULE_GROUP_VERSION_CONFLICT]: 'CONFLICT',
};

export class RulesException extends KeelError<RulesErrorCode> {
  constructor(code: RulesErrorCode, message: string) {
    super(CATEGORY[code], code, message);
  }
}
