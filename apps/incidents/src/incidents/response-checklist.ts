// The response checklist: the seed's CriticalIncidentResponse steps as a tracked list (who completed each step,
// when, with what note). Templates are data; which one an incident gets is resolved by incident type and severity
// first, then the severity policy's template, else none. A completed step is not completed again unless someone
// reopens it with a reason; every completion and reopening stays in the step's history.
import { IncidentSeverity } from '@keel/contracts';
import { SERVICE_NAME } from '../common/names';
import {
  assertNoIssues,
  isValidInstant,
  issue,
  iso,
  normalizeReason,
  requireId,
  type ValidationIssue,
} from './incident-input';
import { IncidentErrorCode, IncidentException } from './incident.exception';
import type { SeverityPolicy } from './severity-policy';

/** The seed's four groups of CriticalIncidentResponse, in order. */
export const CHECKLIST_PHASES = ['immediate', 'investigation', 'resolution', 'follow_up'] as const;
export type ChecklistPhase = (typeof CHECKLIST_PHASES)[number];

export interface ChecklistStepTemplate {
  id: string;
  title: string;
  phase: ChecklistPhase;
}

export interface ChecklistTemplate {
  id: string;
  name: string;
  steps: readonly ChecklistStepTemplate[];
}

export const CRITICAL_RESPONSE_TEMPLATE_ID = 'critical-incident-response';

const step = (id: string, title: string, phase: ChecklistPhase): ChecklistStepTemplate =>
  Object.freeze({ id, title, phase });

/** The default for P0/P1: the twelve steps of the seed's CriticalIncidentResponse, in its order. */
export const CRITICAL_RESPONSE_TEMPLATE: ChecklistTemplate = Object.freeze({
  id: CRITICAL_RESPONSE_TEMPLATE_ID,
  name: 'Critical incident response',
  steps: Object.freeze([
    step('notify_on_call_team', 'Notify on-call team', 'immediate'),
    step('activate_runbook', 'Activate runbook', 'immediate'),
    step('isolate_affected_systems', 'Isolate affected systems', 'immediate'),
    step('gather_system_metrics', 'Gather system metrics', 'investigation'),
    step('analyze_logs', 'Analyze logs', 'investigation'),
    step('identify_root_cause', 'Identify root cause', 'investigation'),
    step('implement_fix', 'Implement fix', 'resolution'),
    step('verify_fix', 'Verify fix', 'resolution'),
    step('restore_normal_operations', 'Restore normal operations', 'resolution'),
    step('document_incident', 'Document incident', 'follow_up'),
    step('conduct_post_mortem', 'Conduct post-mortem', 'follow_up'),
    step('update_runbooks', 'Update runbooks', 'follow_up'),
  ]),
});

const TEMPLATE_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const STEP_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const TITLE_MAX = 200;
const MAX_STEPS = 100;

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** Every problem of a template (from configuration, so each field is checked at run time). */
export function validateChecklistTemplate(template: ChecklistTemplate): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (typeof template.id !== 'string' || !TEMPLATE_ID.test(template.id)) {
    issues.push(
      issue('id', `must be lower-case letters, digits, _ or - (at most 64), got ${JSON.stringify(template.id)}`),
    );
  }
  const name = text(template.name);
  if (name.length === 0 || name.length > TITLE_MAX) {
    issues.push(issue('name', `must have 1 to ${TITLE_MAX} characters, got ${name.length}`));
  }
  if (!Array.isArray(template.steps) || template.steps.length === 0 || template.steps.length > MAX_STEPS) {
    issues.push(issue('steps', `must list 1 to ${MAX_STEPS} steps`));
    return issues;
  }
  const seen = new Set<string>();
  template.steps.forEach((s, i) => {
    if (typeof s.id !== 'string' || !STEP_ID.test(s.id)) {
      issues.push(issue(`steps[${i}].id`, `must be lower-case letters, digits, _ or -, got ${JSON.stringify(s.id)}`));
    } else if (seen.has(s.id)) {
      issues.push(issue(`steps[${i}].id`, `repeats "${s.id}"`));
    }
    seen.add(String(s.id));
    const title = text(s.title);
    if (title.length === 0 || title.length > TITLE_MAX) {
      issues.push(issue(`steps[${i}].title`, `must have 1 to ${TITLE_MAX} characters, got ${title.length}`));
    }
    if (!(CHECKLIST_PHASES as readonly string[]).includes(s.phase)) {
      issues.push(
        issue(`steps[${i}].phase`, `must be one of ${CHECKLIST_PHASES.join(', ')}, got ${JSON.stringify(s.phase)}`),
      );
    }
  });
  return issues;
}

export function assertValidChecklistTemplate(template: ChecklistTemplate): void {
  assertNoIssues(IncidentErrorCode.INVALID_CHECKLIST, validateChecklistTemplate(template));
}

/** A template for incidents of one type at one severity; `templateId: null` means "no checklist" for them. */
export interface ChecklistTypeRule {
  incidentType: string;
  severity: IncidentSeverity;
  templateId: string | null;
}

/** Problems of the type rules: bad type or severity, a pair configured twice, an unknown template (when known). */
export function validateChecklistTypeRules(
  rules: readonly ChecklistTypeRule[],
  templateIds?: readonly string[],
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    if (typeof rule.incidentType !== 'string' || !SERVICE_NAME.test(rule.incidentType)) {
      issues.push(
        issue(`rules[${i}].incidentType`, `is not a valid incident type: ${JSON.stringify(rule.incidentType)}`),
      );
    }
    if (!IncidentSeverity.safeParse(rule.severity).success) {
      issues.push(
        issue(
          `rules[${i}].severity`,
          `must be one of ${IncidentSeverity.options.join(', ')}, got ${JSON.stringify(rule.severity)}`,
        ),
      );
    }
    const key = `${rule.incidentType}/${rule.severity}`;
    if (seen.has(key))
      issues.push(issue(`rules[${i}]`, `repeats incident type ${rule.incidentType} at ${rule.severity}`));
    seen.add(key);
    if (rule.templateId !== null && templateIds !== undefined && !templateIds.includes(rule.templateId)) {
      issues.push(issue(`rules[${i}].templateId`, `names an unknown checklist template "${rule.templateId}"`));
    }
  });
  return issues;
}

export interface ResolvedChecklistTemplate {
  templateId: string | null;
  matchedBy: 'type_and_severity' | 'severity' | 'none';
}

/** Which template an incident gets: its type at its severity, else its severity's policy, else none. */
export function resolveChecklistTemplate(
  incident: { severity: IncidentSeverity; type: string | null },
  policy: Pick<SeverityPolicy, 'checklistTemplateId'>,
  rules: readonly ChecklistTypeRule[] = [],
): ResolvedChecklistTemplate {
  const rule =
    incident.type === null
      ? undefined
      : rules.find((r) => r.incidentType === incident.type && r.severity === incident.severity);
  if (rule !== undefined) return { templateId: rule.templateId, matchedBy: 'type_and_severity' };
  if (policy.checklistTemplateId !== null) return { templateId: policy.checklistTemplateId, matchedBy: 'severity' };
  return { templateId: null, matchedBy: 'none' };
}

export type ChecklistStepEvent =
  | { action: 'completed'; by: string; at: Date; note: string | null }
  | { action: 'reopened'; by: string; at: Date; reason: string };

export interface ChecklistStep extends ChecklistStepTemplate {
  /** The current completion; all null while open. */
  completedBy: string | null;
  completedAt: Date | null;
  note: string | null;
  /** Every completion and reopening, oldest first. */
  history: ChecklistStepEvent[];
}

export interface Checklist {
  templateId: string;
  steps: ChecklistStep[];
}

export function instantiateChecklist(template: ChecklistTemplate): Checklist {
  assertValidChecklistTemplate(template);
  return {
    templateId: template.id,
    steps: template.steps.map((s) => ({
      id: s.id,
      title: s.title.trim(),
      phase: s.phase,
      completedBy: null,
      completedAt: null,
      note: null,
      history: [],
    })),
  };
}

function invalid(message: string): IncidentException {
  return new IncidentException(IncidentErrorCode.INVALID_CHECKLIST, message);
}

function findStep(checklist: Checklist, stepId: string): ChecklistStep {
  const found = checklist.steps.find((s) => s.id === stepId);
  if (found === undefined) {
    throw invalid(`checklist has no step "${stepId}" (steps: ${checklist.steps.map((s) => s.id).join(', ')})`);
  }
  return found;
}

/** The actor and instant of a step event, checked: the instant is valid and not before the step's last event. */
function eventOf(target: ChecklistStep, input: { actor: string; at: Date }): { by: string; at: Date } {
  const by = requireId(input.actor, 'actor', IncidentErrorCode.INVALID_CHECKLIST);
  if (!isValidInstant(input.at)) throw invalid(`step "${target.id}": the instant must be valid`);
  const last = target.history.at(-1);
  if (last !== undefined && input.at < last.at) {
    throw invalid(
      `step "${target.id}": ${iso(input.at)} is before its last change (${last.action} at ${iso(last.at)})`,
    );
  }
  return { by, at: input.at };
}

function replaceStep(checklist: Checklist, next: ChecklistStep): Checklist {
  return { ...checklist, steps: checklist.steps.map((s) => (s.id === next.id ? next : s)) };
}

/** Marks a step done by the actor at `at`, with an optional note; refuses a step that is already done. */
export function completeStep(
  checklist: Checklist,
  stepId: string,
  input: { actor: string; at: Date; note?: string | null },
): Checklist {
  const target = findStep(checklist, stepId);
  if (target.completedAt !== null) {
    throw invalid(
      `step "${stepId}" was already completed by ${target.completedBy} at ${iso(target.completedAt)}; reopen it with a reason to complete it again`,
    );
  }
  const event = eventOf(target, input);
  const note = normalizeReason(input.note, {
    code: IncidentErrorCode.INVALID_CHECKLIST,
    refusal: `cannot complete step "${stepId}"`,
    required: false,
  });
  return replaceStep(checklist, {
    ...target,
    completedBy: event.by,
    completedAt: event.at,
    note,
    history: [...target.history, { action: 'completed', ...event, note }],
  });
}

/** Opens a completed step again, with a reason, so it can be completed again; its history keeps both. */
export function reopenStep(
  checklist: Checklist,
  stepId: string,
  input: { actor: string; at: Date; reason: string },
): Checklist {
  const target = findStep(checklist, stepId);
  if (target.completedAt === null) throw invalid(`step "${stepId}" is not completed; there is nothing to reopen`);
  const event = eventOf(target, input);
  const reason = normalizeReason(input.reason, {
    code: IncidentErrorCode.INVALID_CHECKLIST,
    refusal: `cannot reopen step "${stepId}"`,
    required: true,
  }) as string;
  return replaceStep(checklist, {
    ...target,
    completedBy: null,
    completedAt: null,
    note: null,
    history: [...target.history, { action: 'reopened', ...event, reason }],
  });
}

export interface ChecklistProgress {
  total: number;
  completed: number;
  /** Rounded down, so 100 only when every step is done. */
  percent: number;
  complete: boolean;
  /** Every phase, in order, with its counts (0/0 for a phase the template does not use). */
  phases: Array<{ phase: ChecklistPhase; total: number; completed: number }>;
  /** The first open step in phase order, then list order; null when complete. */
  nextStep: { id: string; title: string; phase: ChecklistPhase } | null;
}

export function checklistProgress(checklist: Checklist): ChecklistProgress {
  const total = checklist.steps.length;
  const completed = checklist.steps.filter((s) => s.completedAt !== null).length;
  const phases = CHECKLIST_PHASES.map((phase) => {
    const inPhase = checklist.steps.filter((s) => s.phase === phase);
    return { phase, total: inPhase.length, completed: inPhase.filter((s) => s.completedAt !== null).length };
  });
  const next = CHECKLIST_PHASES.flatMap((phase) => checklist.steps.filter((s) => s.phase === phase)).find(
    (s) => s.completedAt === null,
  );
  return {
    total,
    completed,
    percent: total === 0 ? 100 : Math.floor((completed * 100) / total),
    complete: completed === total,
    phases,
    nextStep: next === undefined ? null : { id: next.id, title: next.title, phase: next.phase },
  };
}
