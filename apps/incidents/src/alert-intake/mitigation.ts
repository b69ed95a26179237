import type { IncidentStatus } from '@keel/contracts';
import { issue, type ValidationIssue } from './alert-intake.error';
import type {
  IncidentAlertLink,
  IncidentForIntake,
  MitigationSuggestion,
  ResolvedAlertEvidence,
} from './alert-intake.types';
import { shownInstant } from './alert-identity';
import { isValidDate, linkIssues, refuse } from './intake-arguments';

/** Statuses in which the incident may be told its alerts are over; from `mitigated` on there is nothing to say. */
export const MITIGATION_SUGGESTED_STATUSES: readonly IncidentStatus[] = Object.freeze([
  'triage',
  'investigating',
  'identified',
  'monitoring',
]);

/** True when the incident has linked alerts and every one of them is resolved; false without links. */
export function allLinkedAlertsResolved(links: readonly Pick<IncidentAlertLink, 'lastState'>[]): boolean {
  return links.length > 0 && links.every((link) => link.lastState === 'resolved');
}

/** `HighErrorRate (service api)`, or the bare name when the alert names no service. */
export function alertDisplayName(link: Pick<IncidentAlertLink, 'alertname' | 'service'>): string {
  return link.service === null ? link.alertname : `${link.alertname} (service ${link.service})`;
}

function byResolution(a: ResolvedAlertEvidence, b: ResolvedAlertEvidence): number {
  const diff = a.resolvedAt.getTime() - b.resolvedAt.getTime();
  if (diff !== 0) return diff;
  return a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0;
}

function timelineText(evidence: readonly ResolvedAlertEvidence[], allResolvedAt: Date): string {
  const suggestion = 'Suggest marking the incident mitigated.';
  const [only] = evidence;
  if (evidence.length === 1 && only !== undefined) {
    return `The only linked alert, ${alertDisplayName(only)}, resolved at ${shownInstant(only.resolvedAt)}. ${suggestion}`;
  }
  const each = evidence.map((e) => `${alertDisplayName(e)} at ${shownInstant(e.resolvedAt)}`).join(', ');
  return `All ${evidence.length} linked alerts resolved, the last at ${shownInstant(allResolvedAt)}: ${each}. ${suggestion}`;
}

/**
 * When every alert linked to the incident has resolved by `now`: the evidence (each alert and when it resolved,
 * in that order), a timeline entry at the last resolution, and the suggestion to mark the incident mitigated.
 * Null when the incident has no links, an alert still fires (or resolves only after `now`), or the incident is
 * mitigated already or further (see MITIGATION_SUGGESTED_STATUSES). A suggestion only: nothing changes the status.
 * Refuses (INVALID_ARGUMENT) a link of another incident, an invalid link or an invalid `now`.
 */
export function mitigationSuggestion(
  incident: Pick<IncidentForIntake, 'id' | 'status'>,
  links: readonly IncidentAlertLink[],
  now: Date,
): MitigationSuggestion | null {
  const issues: ValidationIssue[] = [];
  if (!isValidDate(now)) issues.push(issue('now', 'must be a valid Date'));
  links.forEach((link, i) => issues.push(...linkIssues(link, `links[${i}]`, incident.id)));
  refuse(issues);

  if (!MITIGATION_SUGGESTED_STATUSES.includes(incident.status) || !allLinkedAlertsResolved(links)) return null;
  const evidence: ResolvedAlertEvidence[] = [];
  for (const link of links) {
    // linkIssues guarantees a resolved link has its Date; one after `now` is not resolved yet as of now.
    const resolvedAt = link.resolvedAt as Date;
    if (resolvedAt.getTime() > now.getTime()) return null;
    evidence.push({
      fingerprint: link.fingerprint,
      alertname: link.alertname,
      groupKey: link.groupKey,
      service: link.service,
      firstFiringAt: link.firstFiringAt,
      resolvedAt,
    });
  }
  evidence.sort(byResolution);
  const allResolvedAt = (evidence.at(-1) as ResolvedAlertEvidence).resolvedAt;
  return {
    incidentId: incident.id,
    suggestion: 'mark_mitigated',
    allResolvedAt,
    evidence,
    timelineEntry: { at: allResolvedAt, text: timelineText(evidence, allResolvedAt) },
  };
}
