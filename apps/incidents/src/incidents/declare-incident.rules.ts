import { IncidentSeverity } from '@keel/contracts';
import { IncidentErrorCode, IncidentException } from './incident.exception';
import { SERVICE_NAME } from '../common/names';

export interface DeclareIncidentCommand {
  title: string;
  description: string;
  severity: IncidentSeverity;
  services: string[];
  tags: string[];
  type: string | null;
}

const TAG = /^[a-z0-9][a-z0-9:._-]{0,62}$/;
export const MAX_TAGS = 20;

function invalid(message: string): IncidentException {
  return new IncidentException(IncidentErrorCode.INVALID_INCIDENT_INPUT, message);
}

/** Tags: lower-case, deduplicated, at most MAX_TAGS; every refusal names the tag. */
export function validateTags(tags: readonly string[] = []): string[] {
  const unique = [...new Set(tags.map((t) => t.trim()))];
  const bad = unique.find((t) => !TAG.test(t));
  if (bad !== undefined) throw invalid(`tag "${bad}" is not valid (lower-case letters, digits, : . _ -, at most 63)`);
  if (unique.length > MAX_TAGS) throw invalid(`at most ${MAX_TAGS} tags, got ${unique.length}`);
  return unique;
}

/** An incident type (`database`, `security`): a service-like name, or null when blank. */
export function validateIncidentType(type: string | null | undefined): string | null {
  const value = (type ?? '').trim();
  if (value === '') return null;
  if (!SERVICE_NAME.test(value)) {
    throw invalid(`incident type "${value}" is not valid (lower-case letters, digits, . _ -, at most 63)`);
  }
  return value;
}

/** Services: trimmed, deduplicated, each a valid service name (whether it exists is checked by the caller). */
export function validateServiceNames(names: readonly string[] = []): string[] {
  const services = [...new Set(names.map((s) => s.trim()))];
  const bad = services.find((s) => !SERVICE_NAME.test(s));
  if (bad !== undefined) {
    throw invalid(`service "${bad}" is not a valid service name (lower-case letters, digits, . _ -, at most 63)`);
  }
  return services;
}

/** A title of 3 to 200 characters, trimmed. */
export function validateTitle(value: string): string {
  const title = value.trim();
  if (title.length < 3 || title.length > 200) throw invalid(`title must have 3 to 200 characters, got ${title.length}`);
  return title;
}

/** Validates and normalizes what a person typed into "declare incident"; every refusal names the field. */
export function validateDeclaration(input: {
  title: string;
  description?: string;
  severity: string;
  services?: string[];
  tags?: string[];
  type?: string | null;
}): DeclareIncidentCommand {
  const title = validateTitle(input.title);
  const severity = IncidentSeverity.safeParse(input.severity);
  if (!severity.success) {
    throw new IncidentException(
      IncidentErrorCode.INVALID_INCIDENT_INPUT,
      `severity must be one of P0, P1, P2, P3, got "${input.severity}"`,
    );
  }
  return {
    title,
    description: (input.description ?? '').trim(),
    severity: severity.data,
    services: validateServiceNames(input.services),
    tags: validateTags(input.tags),
    type: validateIncidentType(input.type),
  };
}
