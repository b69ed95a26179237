// What each severity does, as data: who is paged, which roles must be filled, whether a post-mortem is required,
// how often stakeholders get an update, and which response checklist it starts with. The defaults follow the seed
// (P0 complete outage / data loss / security breach; P1 major functionality broken; P2 partial impact; P3
// cosmetic) and issue 5: P0/P1 page on-call and need a commander and a communications lead and a post-mortem.
import { IncidentSeverity } from '@keel/contracts';
import { assertNoIssues, issue, type ValidationIssue } from './incident-input';
import { holdersAt, isIncidentRole, type IncidentRole, type RoleAssignment } from './incident-roles';
import { IncidentErrorCode } from './incident.exception';
import { CRITICAL_RESPONSE_TEMPLATE_ID } from './response-checklist';

export type PagingTarget = { kind: 'escalation_policy'; escalationPolicyId: string } | { kind: 'none' };

export interface SeverityPolicy {
  severity: IncidentSeverity;
  /** Who is paged when an incident opens at (or is raised to) this severity. */
  paging: PagingTarget;
  /** Roles that must have a holder while the incident is open. */
  requiredRoles: readonly IncidentRole[];
  postMortemRequired: boolean;
  /** Minutes between stakeholder updates; null when no cadence applies. */
  updateCadenceMinutes: number | null;
  /** The response checklist for this severity (incident-type rules may override it); null for none. */
  checklistTemplateId: string | null;
}

/** The escalation policy P0/P1 page by default; the deployment must define a policy with this id. */
export const DEFAULT_ESCALATION_POLICY_ID = 'default';

/** An update more often than every 5 minutes is noise; less often than weekly is no cadence. */
export const MIN_UPDATE_CADENCE_MINUTES = 5;
export const MAX_UPDATE_CADENCE_MINUTES = 7 * 24 * 60;

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

const COMMAND_AND_COMMS: readonly IncidentRole[] = Object.freeze(['incident_commander', 'communications_lead']);

function frozen(policy: SeverityPolicy): SeverityPolicy {
  return Object.freeze({
    ...policy,
    paging: Object.freeze(policy.paging),
    requiredRoles: Object.freeze(policy.requiredRoles),
  });
}

export const DEFAULT_SEVERITY_POLICIES: Readonly<Record<IncidentSeverity, SeverityPolicy>> = Object.freeze({
  P0: frozen({
    severity: 'P0',
    paging: { kind: 'escalation_policy', escalationPolicyId: DEFAULT_ESCALATION_POLICY_ID },
    requiredRoles: COMMAND_AND_COMMS,
    postMortemRequired: true,
    updateCadenceMinutes: 30,
    checklistTemplateId: CRITICAL_RESPONSE_TEMPLATE_ID,
  }),
  P1: frozen({
    severity: 'P1',
    paging: { kind: 'escalation_policy', escalationPolicyId: DEFAULT_ESCALATION_POLICY_ID },
    requiredRoles: COMMAND_AND_COMMS,
    postMortemRequired: true,
    updateCadenceMinutes: 60,
    checklistTemplateId: CRITICAL_RESPONSE_TEMPLATE_ID,
  }),
  P2: frozen({
    severity: 'P2',
    paging: { kind: 'none' },
    requiredRoles: ['incident_commander'],
    postMortemRequired: false,
    updateCadenceMinutes: 240,
    checklistTemplateId: null,
  }),
  P3: frozen({
    severity: 'P3',
    paging: { kind: 'none' },
    requiredRoles: [],
    postMortemRequired: false,
    updateCadenceMinutes: null,
    checklistTemplateId: null,
  }),
});

/** Known ids to check references against; a list left out is not checked. */
export interface SeverityPolicyReferences {
  escalationPolicyIds?: readonly string[];
  checklistTemplateIds?: readonly string[];
}

/**
 * Every problem of a configured policy (read from configuration, so each field is checked at run time); each
 * issue's field starts with `prefix` (e.g. `P1.` when validating a set).
 */
export function validateSeverityPolicy(
  policy: SeverityPolicy,
  references: SeverityPolicyReferences = {},
  prefix = '',
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const f = (name: string): string => `${prefix}${name}`;
  if (!IncidentSeverity.safeParse(policy.severity).success) {
    issues.push(
      issue(f('severity'), `must be one of ${IncidentSeverity.options.join(', ')}, got "${policy.severity}"`),
    );
  }
  const paging = policy.paging as Partial<PagingTarget> | undefined;
  if (paging?.kind === 'escalation_policy') {
    const id = (paging as { escalationPolicyId?: unknown }).escalationPolicyId;
    if (typeof id !== 'string' || !ID.test(id)) {
      issues.push(issue(f('paging.escalationPolicyId'), `must be an id, got ${JSON.stringify(id)}`));
    } else if (references.escalationPolicyIds && !references.escalationPolicyIds.includes(id)) {
      issues.push(issue(f('paging.escalationPolicyId'), `names an unknown escalation policy "${id}"`));
    }
  } else if (paging?.kind !== 'none') {
    issues.push(issue(f('paging.kind'), `must be escalation_policy or none, got ${JSON.stringify(paging?.kind)}`));
  }
  if (!Array.isArray(policy.requiredRoles)) {
    issues.push(issue(f('requiredRoles'), 'must be a list of roles'));
  } else {
    const seen = new Set<string>();
    policy.requiredRoles.forEach((role, i) => {
      if (typeof role !== 'string' || !isIncidentRole(role)) {
        issues.push(issue(f(`requiredRoles[${i}]`), `is not an incident role: ${JSON.stringify(role)}`));
      } else if (seen.has(role)) {
        issues.push(issue(f(`requiredRoles[${i}]`), `repeats ${role}`));
      }
      seen.add(String(role));
    });
  }
  if (typeof policy.postMortemRequired !== 'boolean') {
    issues.push(
      issue(f('postMortemRequired'), `must be true or false, got ${JSON.stringify(policy.postMortemRequired)}`),
    );
  }
  const cadence = policy.updateCadenceMinutes;
  if (
    cadence !== null &&
    (!Number.isInteger(cadence) || cadence < MIN_UPDATE_CADENCE_MINUTES || cadence > MAX_UPDATE_CADENCE_MINUTES)
  ) {
    issues.push(
      issue(
        f('updateCadenceMinutes'),
        `must be null or an integer from ${MIN_UPDATE_CADENCE_MINUTES} to ${MAX_UPDATE_CADENCE_MINUTES}, got ${JSON.stringify(cadence)}`,
      ),
    );
  }
  const template = policy.checklistTemplateId;
  if (template !== null) {
    if (typeof template !== 'string' || !ID.test(template)) {
      issues.push(issue(f('checklistTemplateId'), `must be null or an id, got ${JSON.stringify(template)}`));
    } else if (references.checklistTemplateIds && !references.checklistTemplateIds.includes(template)) {
      issues.push(issue(f('checklistTemplateId'), `names an unknown checklist template "${template}"`));
    }
  }
  return issues;
}

export function assertValidSeverityPolicy(policy: SeverityPolicy, references: SeverityPolicyReferences = {}): void {
  assertNoIssues(IncidentErrorCode.INVALID_SEVERITY_POLICY, validateSeverityPolicy(policy, references));
}

/**
 * The policies in effect: the configured ones (each validated, filed under its own severity) and the defaults
 * for the severities not configured. Refuses (INVALID_SEVERITY_POLICY) with every problem at once.
 */
export function severityPolicies(
  configured: Partial<Record<string, SeverityPolicy>> = {},
  references: SeverityPolicyReferences = {},
): Record<IncidentSeverity, SeverityPolicy> {
  const issues: ValidationIssue[] = [];
  for (const [key, policy] of Object.entries(configured)) {
    if (!IncidentSeverity.safeParse(key).success) {
      issues.push(issue(key, `is not a severity (${IncidentSeverity.options.join(', ')})`));
      continue;
    }
    if (policy === undefined) continue;
    issues.push(...validateSeverityPolicy(policy, references, `${key}.`));
    if (policy.severity !== key) issues.push(issue(`${key}.severity`, `must be ${key}, got "${policy.severity}"`));
  }
  assertNoIssues(IncidentErrorCode.INVALID_SEVERITY_POLICY, issues);
  return Object.fromEntries(
    IncidentSeverity.options.map((s) => [s, configured[s] ?? DEFAULT_SEVERITY_POLICIES[s]]),
  ) as Record<IncidentSeverity, SeverityPolicy>;
}

/** Required roles nobody holds at `at`, in the policy's order. */
export function missingRequiredRoles(
  policy: Pick<SeverityPolicy, 'requiredRoles'>,
  assignments: readonly RoleAssignment[],
  at: Date,
): IncidentRole[] {
  const held = new Set(holdersAt(assignments, at).map((h) => h.role));
  return policy.requiredRoles.filter((role) => !held.has(role));
}

/** When the next stakeholder update is due, or null when the severity has no cadence. */
export function nextUpdateDue(policy: Pick<SeverityPolicy, 'updateCadenceMinutes'>, lastUpdateAt: Date): Date | null {
  if (policy.updateCadenceMinutes === null) return null;
  return new Date(lastUpdateAt.getTime() + policy.updateCadenceMinutes * 60_000);
}

/** True once `now` is past the due instant (an update exactly at the due instant is on time). */
export function isUpdateOverdue(
  policy: Pick<SeverityPolicy, 'updateCadenceMinutes'>,
  lastUpdateAt: Date,
  now: Date,
): boolean {
  const due = nextUpdateDue(policy, lastUpdateAt);
  return due !== null && now.getTime() > due.getTime();
}
