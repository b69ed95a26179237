// How post-mortems follow their incident: when a draft is created on its own, what it is prefilled from (the
// incident's facts as the core reads them) and what keeps the incident from closing. Pure: the hooks of
// post-mortem-hooks.ts read and write, these functions decide.
import type { IncidentSeverity, IncidentStatus } from '@keel/contracts';
import { holdersAt, type RoleAssignment } from '../incidents/incident-roles';
import { toIncidentMilestones, type Milestones } from '../incidents/milestones';
import type { SeverityPolicy } from '../incidents/severity-policy';
import { toPostMortemTimeline, type TimelineEntry } from '../incidents/timeline';
import { closingBlockers } from './action-items';
import type { AlertForPostMortem, IncidentForPostMortem, TimelineEntryForPostMortem } from './draft-from-incident';
import type { ActionItem, PostMortemStatus } from './post-mortem.types';

/** Statuses at which a required post-mortem is drafted automatically (when the incident has none yet). */
export const DRAFT_AT_STATUSES: readonly IncidentStatus[] = Object.freeze(['mitigated', 'resolved', 'closed']);

/** What the incident core's IncidentFactsReader gives (only the fields the draft reads). */
export interface IncidentFactsForPostMortem {
  incident: {
    id: string;
    title: string;
    description: string;
    severity: string;
    services: string[];
    declaredById: string;
  };
  milestones: Milestones;
  roles: readonly RoleAssignment[];
  timeline: readonly TimelineEntry[];
  alerts: ReadonlyArray<{
    fingerprint: string;
    alertName: string;
    annotations: Record<string, string>;
    firstFiringAt: Date | null;
    resolvedAt: Date | null;
  }>;
}

/** draftFromIncident's three inputs, from the facts. */
export interface DraftSources {
  incident: IncidentForPostMortem;
  timeline: TimelineEntryForPostMortem[];
  alerts: AlertForPostMortem[];
}

export function draftSources(facts: IncidentFactsForPostMortem): DraftSources {
  const { incident } = facts;
  return {
    incident: {
      id: incident.id,
      title: incident.title,
      description: incident.description,
      severity: incident.severity as IncidentSeverity,
      services: [...incident.services],
      milestones: toIncidentMilestones(facts.milestones),
    },
    timeline: toPostMortemTimeline(facts.timeline),
    alerts: facts.alerts.map((alert) => ({
      fingerprint: alert.fingerprint,
      ruleName: alert.alertName,
      annotations: alert.annotations,
      firedAt: alert.firstFiringAt,
      resolvedAt: alert.resolvedAt,
    })),
  };
}

/**
 * Who writes the post-mortem: the incident commander at `now`, else the last person who held that role, else
 * `fallback` (the person who created the draft, or who declared the incident when automation did).
 */
export function draftOwner(roles: readonly RoleAssignment[], now: Date, fallback: string): string {
  const current = holdersAt(roles, now).find((holder) => holder.role === 'incident_commander');
  if (current) return current.userId;
  const past = roles
    .filter((assignment) => assignment.role === 'incident_commander')
    .sort((a, b) => (b.endedAt ?? b.startedAt).getTime() - (a.endedAt ?? a.startedAt).getTime())[0];
  return past?.userId ?? fallback;
}

/** True when reaching `status` should create the draft: the policy requires one and the incident has none. */
export function shouldDraftAutomatically(
  status: IncidentStatus,
  policy: Pick<SeverityPolicy, 'postMortemRequired'>,
  hasPostMortem: boolean,
): boolean {
  return policy.postMortemRequired && !hasPostMortem && DRAFT_AT_STATUSES.includes(status);
}

/**
 * Why the incident may not close yet, one sentence each (empty: nothing blocks): a post-mortem the severity policy
 * requires that is missing or not published, and every required action item still open or in progress
 * (closingBlockers). An admin may close anyway with a reason; the core records these reasons with the override.
 */
export function postMortemClosingReasons(input: {
  severity: string;
  policy: Pick<SeverityPolicy, 'postMortemRequired'>;
  postMortem: { title: string; status: PostMortemStatus } | null;
  actionItems: readonly ActionItem[];
}): string[] {
  const reasons: string[] = [];
  const { postMortem, policy } = input;
  if (policy.postMortemRequired && postMortem === null) {
    reasons.push(`a post-mortem is required for ${input.severity} incidents and none exists yet`);
  } else if (policy.postMortemRequired && postMortem !== null && postMortem.status !== 'published') {
    reasons.push(`the post-mortem "${postMortem.title}" is ${postMortem.status.replace('_', ' ')}, not published`);
  }
  for (const item of closingBlockers(input.actionItems)) {
    const owner = item.ownerId === null ? 'unassigned' : `owner ${item.ownerId}`;
    const due = item.dueDate === null ? '' : `, due ${item.dueDate}`;
    reasons.push(`required action item "${item.title}" is ${item.status.replace('_', ' ')} (${owner}${due})`);
  }
  return reasons;
}
