import { AlertState, type AlertEvent, IncidentSeverity, IncidentStatus } from '@keel/contracts';
import { AlertIntakeError, AlertIntakeErrorCode, issue, shown, type ValidationIssue } from './alert-intake.error';
import { ALERT_LINK_STATES, type IncidentAlertLink, type IncidentForIntake } from './alert-intake.types';
import { parseInstant } from './alert-identity';

// Arguments of the decision functions are checked before anything is decided: a malformed instant or a link of
// another incident is a bug of the caller, refused with every problem named (INVALID_ARGUMENT).

export function isValidDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

export function refuse(issues: ValidationIssue[]): void {
  if (issues.length > 0) throw new AlertIntakeError(AlertIntakeErrorCode.INVALID_ARGUMENT, issues);
}

function dateIssue(field: string, value: unknown): ValidationIssue {
  return issue(field, `must be a valid Date, got ${value instanceof Date ? 'an invalid Date' : shown(value)}`);
}

/** Problems of one stored link; `incidentId` is the incident it was passed with. */
export function linkIssues(link: IncidentAlertLink, field: string, incidentId: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (link.incidentId !== incidentId) {
    issues.push(
      issue(`${field}.incidentId`, `must be the incident's id ${shown(incidentId)}, got ${shown(link.incidentId)}`),
    );
  }
  if (typeof link.fingerprint !== 'string' || link.fingerprint === '') {
    issues.push(issue(`${field}.fingerprint`, `must be a non-empty string, got ${shown(link.fingerprint)}`));
  }
  if (!(ALERT_LINK_STATES as readonly unknown[]).includes(link.lastState)) {
    issues.push(
      issue(`${field}.lastState`, `must be one of ${ALERT_LINK_STATES.join(', ')}, got ${shown(link.lastState)}`),
    );
  }
  for (const key of ['firstFiringAt', 'lastFiringAt', 'lastStateAt'] as const) {
    if (!isValidDate(link[key])) issues.push(dateIssue(`${field}.${key}`, link[key]));
  }
  if (link.lastState === 'resolved' && !isValidDate(link.resolvedAt)) {
    issues.push(dateIssue(`${field}.resolvedAt`, link.resolvedAt));
  }
  if (link.lastState === 'firing' && link.resolvedAt !== null) {
    issues.push(issue(`${field}.resolvedAt`, `must be null while the alert is firing, got ${shown(link.resolvedAt)}`));
  }
  return issues;
}

export function incidentIssues(incident: IncidentForIntake, field: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (typeof incident.id !== 'string' || incident.id === '') {
    issues.push(issue(`${field}.id`, `must be a non-empty string, got ${shown(incident.id)}`));
  }
  if (!IncidentStatus.safeParse(incident.status).success) {
    issues.push(issue(`${field}.status`, `must be an incident status, got ${shown(incident.status)}`));
  }
  if (!IncidentSeverity.safeParse(incident.severity).success) {
    issues.push(
      issue(
        `${field}.severity`,
        `must be one of ${IncidentSeverity.options.join(', ')}, got ${shown(incident.severity)}`,
      ),
    );
  }
  if (!isValidDate(incident.openedAt)) issues.push(dateIssue(`${field}.openedAt`, incident.openedAt));
  incident.links.forEach((link, j) => issues.push(...linkIssues(link, `${field}.links[${j}]`, incident.id)));
  return issues;
}

/** The instants of an alert event, parsed. */
export interface EventInstants {
  /** occurredAt: when the state changed. */
  at: Date;
  firedAt: Date | null;
  resolvedAt: Date | null;
}

export function eventInstants(event: AlertEvent, issues: ValidationIssue[]): EventInstants | undefined {
  const before = issues.length;
  const alert = event.alert;
  if (typeof alert.fingerprint !== 'string' || alert.fingerprint === '') {
    issues.push(issue('event.alert.fingerprint', `must be a non-empty string, got ${shown(alert.fingerprint)}`));
  }
  if (!AlertState.safeParse(alert.state).success) {
    issues.push(
      issue('event.alert.state', `must be one of ${AlertState.options.join(', ')}, got ${shown(alert.state)}`),
    );
  }
  const at = parseInstant(event.occurredAt);
  const instantText = 'must be an ISO 8601 date-time with Z or an offset';
  if (at === undefined) issues.push(issue('event.occurredAt', `${instantText}, got ${shown(event.occurredAt)}`));
  const optional = (key: 'firedAt' | 'resolvedAt'): Date | null => {
    const value = alert[key];
    if (value === undefined) return null;
    const parsed = parseInstant(value);
    if (parsed === undefined) issues.push(issue(`event.alert.${key}`, `${instantText}, got ${shown(value)}`));
    return parsed ?? null;
  };
  const firedAt = optional('firedAt');
  const resolvedAt = optional('resolvedAt');
  if (issues.length > before || at === undefined) return undefined;
  return { at, firedAt, resolvedAt };
}
