import { KeelError, type ErrorCategory } from '@keel/graphql';

export enum SilenceErrorCode {
  SILENCE_NOT_FOUND = 'SILENCE_NOT_FOUND',
  INVALID_SILENCE = 'INVALID_SILENCE',
  SILENCE_ALREADY_EXPIRED = 'SILENCE_ALREADY_EXPIRED',
  SILENCE_VERSION_CONFLICT = 'SILENCE_VERSION_CONFLICT',
}

const CATEGORY: Record<SilenceErrorCode, ErrorCategory> = {
  [SilenceErrorCode.SILENCE_NOT_FOUND]: 'NOT_FOUND',
  [SilenceErrorCode.INVALID_SILENCE]: 'BAD_USER_INPUT',
  [SilenceErrorCode.SILENCE_ALREADY_EXPIRED]: 'CONFLICT',
  [SilenceErrorCode.SILENCE_VERSION_CONFLICT]: 'CONFLICT',
};

export class SilenceException extends KeelError<SilenceErrorCode> {
  constructor(code: SilenceErrorCode, message: string) {
    super(CATEGORY[code], code, message);
  }
}
