import { IncidentSeverity } from '@keel/contracts';
import { IncidentErrorCode, IncidentException } from './incident.exception';
import { SERVICE_NAME } from '../common/names';

export interface DeclareIncidentCommand {
  title: string;
  description: string;
  severity: IncidentSeverity;
  services: string[];
}

/** Validates and normalizes what a person typed into "declare incident"; every refusal names the field. */
export function validateDeclaration(input: {
  title: string;
  description?: string;
  severity: string;
  services?: string[];
}): DeclareIncidentCommand {
  const title = input.title.trim();
  if (title.length < 3 || title.length > 200) {
    throw new IncidentException(
      IncidentErrorCode.INVALID_INCIDENT_INPUT,
      `title must have 3 to 200 characters, got ${title.length}`,
    );
  }
  const severity = IncidentSeverity.safeParse(input.severity);
  if (!severity.success) {
    throw new IncidentException(
      IncidentErrorCode.INVALID_INCIDENT_INPUT,
      `severity must be one of P0, P1, P2, P3, got "${input.severity}"`,
    );
  }
  const services = [...new Set((input.services ?? []).map((s) => s.trim()))];
  const bad = services.find((s) => !SERVICE_NAME.test(s));
  if (bad !== undefined) {
    throw new IncidentException(
      IncidentErrorCode.INVALID_INCIDENT_INPUT,
      `service "${bad}" is not a valid service name (lower-case letters, digits, . _ -, at most 63)`,
    );
  }
  return { title, description: (input.description ?? '').trim(), severity: severity.data, services };
}
