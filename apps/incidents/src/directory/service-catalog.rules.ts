import { SERVICE_NAME } from '../common/names';
import { issue, type ValidationIssue } from '../common/validation-issue';

export const SERVICE_TIERS = ['tier_1', 'tier_2', 'tier_3'] as const;
export type ServiceTier = (typeof SERVICE_TIERS)[number];
export const SERVICE_SOURCES = ['manual', 'alert'] as const;
export type ServiceSource = (typeof SERVICE_SOURCES)[number];

export const MAX_DISPLAY_NAME = 200;
export const MAX_OWNER_TEAM = 100;
export const MAX_DESCRIPTION = 4000;

/** A catalog entry as the service reads and writes it. */
export interface CatalogService {
  name: string;
  displayName: string;
  ownerTeam: string | null;
  tier: ServiceTier | null;
  description: string;
  source: ServiceSource;
  createdAt: Date;
  updatedAt: Date;
}

/** What `registerService` and `updateService` carry; absent fields keep their value on update. */
export interface ServiceFields {
  displayName?: string | null;
  ownerTeam?: string | null;
  tier?: ServiceTier | null;
  description?: string | null;
}

/** The fields of a valid entry, trimmed, or every issue found (each message starting with its field). */
export type CheckedFields =
  | {
      ok: true;
      fields: { displayName?: string; ownerTeam?: string | null; tier?: ServiceTier | null; description?: string };
    }
  | { ok: false; issues: ValidationIssue[] };

export function serviceNameIssues(name: string, field = 'name'): ValidationIssue[] {
  return SERVICE_NAME.test(name)
    ? []
    : [
        issue(
          field,
          `must be a lower-case slug (a-z, 0-9, ".", "_", "-"; starting with a letter or digit; at most 63 characters), got "${name}"`,
        ),
      ];
}

/**
 * Trims and checks the descriptive fields. A blank owner team clears it (null); a blank display name is refused
 * (it defaults to the name only at registration, when absent). Unknown tiers cannot pass GraphQL's enum, but the
 * check stays so that other callers get the same answer.
 */
export function checkServiceFields(input: ServiceFields): CheckedFields {
  const issues: ValidationIssue[] = [];
  const fields: { displayName?: string; ownerTeam?: string | null; tier?: ServiceTier | null; description?: string } =
    {};
  if (input.displayName != null) {
    const displayName = input.displayName.trim();
    if (displayName.length === 0 || displayName.length > MAX_DISPLAY_NAME) {
      issues.push(issue('displayName', `must have 1 to ${MAX_DISPLAY_NAME} characters, got ${displayName.length}`));
    }
    fields.displayName = displayName;
  }
  if (input.ownerTeam !== undefined) {
    const ownerTeam = input.ownerTeam?.trim() ?? '';
    if (ownerTeam.length > MAX_OWNER_TEAM) {
      issues.push(issue('ownerTeam', `must have at most ${MAX_OWNER_TEAM} characters, got ${ownerTeam.length}`));
    }
    fields.ownerTeam = ownerTeam.length === 0 ? null : ownerTeam;
  }
  if (input.tier !== undefined) {
    if (input.tier !== null && !(SERVICE_TIERS as readonly string[]).includes(input.tier)) {
      issues.push(issue('tier', `must be one of ${SERVICE_TIERS.join(', ')}, got "${String(input.tier)}"`));
    }
    fields.tier = input.tier;
  }
  if (input.description != null) {
    const description = input.description.trim();
    if (description.length > MAX_DESCRIPTION) {
      issues.push(issue('description', `must have at most ${MAX_DESCRIPTION} characters, got ${description.length}`));
    }
    fields.description = description;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, fields };
}
