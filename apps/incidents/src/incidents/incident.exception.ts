import { KeelError, type ErrorCategory } from '@keel/graphql';

export enum IncidentErrorCode {
  INCIDENT_NOT_FOUND = 'INCIDENT_NOT_FOUND',
  INVALID_INCIDENT_INPUT = 'INVALID_INCIDENT_INPUT',
}

const CATEGORY: Record<IncidentErrorCode, ErrorCategory> = {
  [IncidentErrorCode.INCIDENT_NOT_FOUND]: 'NOT_FOUND',
  [IncidentErrorCode.INVALID_INCIDENT_INPUT]: 'BAD_USER_INPUT',
};

export class IncidentException extends KeelError<IncidentErrorCode> {
  constructor(code: IncidentErrorCode, message: string) {
    super(CATEGORY[code], code, message);
  }
}
