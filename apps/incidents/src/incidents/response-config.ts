// What each severity and incident type does, as a deployment configures it: severity policies (paging, required
// roles, post-mortem, update cadence, checklist), checklist templates and incident-type rules. Read from one JSON
// file (INCIDENTS_RESPONSE_CONFIG_FILE) at start; every problem is named at once and the service does not start.
// Without a file the defaults apply: DEFAULT_SEVERITY_POLICIES and the seed's critical response checklist.
import { IncidentSeverity } from '@keel/contracts';
import { issue, type ValidationIssue } from './incident-input';
import { IncidentErrorCode, IncidentException } from './incident.exception';
import {
  CRITICAL_RESPONSE_TEMPLATE,
  validateChecklistTemplate,
  validateChecklistTypeRules,
  type ChecklistTemplate,
  type ChecklistTypeRule,
} from './response-checklist';
import { DEFAULT_SEVERITY_POLICIES, validateSeverityPolicy, type SeverityPolicy } from './severity-policy';

export interface ResponseConfig {
  policies: Readonly<Record<IncidentSeverity, SeverityPolicy>>;
  templates: ReadonlyMap<string, ChecklistTemplate>;
  typeRules: readonly ChecklistTypeRule[];
}

export const DEFAULT_RESPONSE_CONFIG: ResponseConfig = Object.freeze({
  policies: DEFAULT_SEVERITY_POLICIES,
  templates: new Map([[CRITICAL_RESPONSE_TEMPLATE.id, CRITICAL_RESPONSE_TEMPLATE]]),
  typeRules: Object.freeze([]),
});

const KEYS = ['severityPolicies', 'checklistTemplates', 'checklistRules'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a configuration document: `{ severityPolicies?: { P0?: SeverityPolicy, … }, checklistTemplates?:
 * ChecklistTemplate[], checklistRules?: ChecklistTypeRule[] }`. Templates add to the built-in one (an id may
 * replace it); severities left out keep their default policy. Refuses (INVALID_SEVERITY_POLICY) with every problem.
 */
export function parseResponseConfig(document: unknown): ResponseConfig {
  const issues: ValidationIssue[] = [];
  if (!isObject(document)) {
    throw new IncidentException(IncidentErrorCode.INVALID_SEVERITY_POLICY, 'response configuration must be an object');
  }
  for (const key of Object.keys(document)) {
    if (!KEYS.includes(key)) issues.push(issue(key, `is not a setting (${KEYS.join(', ')})`));
  }
  const templates = new Map(DEFAULT_RESPONSE_CONFIG.templates);
  const listed = document['checklistTemplates'] ?? [];
  if (!Array.isArray(listed)) {
    issues.push(issue('checklistTemplates', 'must be a list of templates'));
  } else {
    const seen = new Set<string>();
    listed.forEach((template: ChecklistTemplate, i) => {
      const found = validateChecklistTemplate(template);
      issues.push(...found.map((f) => issue(`checklistTemplates[${i}].${f.field}`, f.message.replace(/^\S+ /, ''))));
      if (seen.has(template?.id)) issues.push(issue(`checklistTemplates[${i}].id`, `repeats "${template.id}"`));
      seen.add(template?.id);
      if (found.length === 0) templates.set(template.id, template);
    });
  }
  const templateIds = [...templates.keys()];
  const rules = document['checklistRules'] ?? [];
  if (!Array.isArray(rules)) {
    issues.push(issue('checklistRules', 'must be a list of rules'));
  } else {
    issues.push(
      ...validateChecklistTypeRules(rules as ChecklistTypeRule[], templateIds).map((f) =>
        issue(`checklistRules${f.field.replace(/^rules/, '')}`, f.message.replace(/^\S+ /, '')),
      ),
    );
  }
  const policies: Record<IncidentSeverity, SeverityPolicy> = { ...DEFAULT_SEVERITY_POLICIES };
  const configured = document['severityPolicies'] ?? {};
  if (!isObject(configured)) {
    issues.push(issue('severityPolicies', 'must be an object keyed by severity'));
  } else {
    for (const [key, value] of Object.entries(configured)) {
      const severity = IncidentSeverity.safeParse(key);
      if (!severity.success) {
        issues.push(issue(`severityPolicies.${key}`, `is not a severity (${IncidentSeverity.options.join(', ')})`));
        continue;
      }
      const policy = { ...(value as SeverityPolicy), severity: severity.data };
      const found = validateSeverityPolicy(policy, { checklistTemplateIds: templateIds }, `severityPolicies.${key}.`);
      issues.push(...found);
      if (found.length === 0) policies[severity.data] = policy;
    }
  }
  if (issues.length > 0) {
    throw new IncidentException(
      IncidentErrorCode.INVALID_SEVERITY_POLICY,
      `response configuration: ${issues.map((i) => i.message).join('; ')}`,
      { issues },
    );
  }
  return { policies, templates, typeRules: rules as ChecklistTypeRule[] };
}
