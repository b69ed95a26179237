import type { IncidentSeverity } from '@keel/contracts';
import { incidentDurations } from './durations';
import { PostMortemErrorCode, PostMortemException } from './post-mortem.exception';
import type {
  IncidentMilestones,
  LinkedAlert,
  MilestoneName,
  PostMortem,
  PostMortemTimelineEvent,
} from './post-mortem.types';

/** What the draft needs from the incident. */
export interface IncidentForPostMortem {
  id: string;
  title: string;
  description: string;
  severity: IncidentSeverity;
  services: string[];
  milestones: IncidentMilestones;
}

/** An incident timeline entry. `milestone` is set on the entry that recorded a milestone. */
export interface TimelineEntryForPostMortem {
  id: string;
  at: Date;
  text: string;
  actorId: string | null;
  key: boolean;
  milestone: MilestoneName | null;
}

/** An alert linked to the incident (the fields of a keel.alerts.v1 alert the post-mortem shows). */
export interface AlertForPostMortem {
  fingerprint: string;
  ruleName: string;
  annotations: Record<string, string>;
  firedAt: Date | null;
  resolvedAt: Date | null;
}

export interface DraftOptions {
  /** The new post-mortem's id (the caller owns id generation). */
  id: string;
  /** Who writes it; usually the incident commander at mitigation. */
  ownerId: string;
  /** Who created it (a user, or the system's id when drafted automatically); defaults to the owner. */
  createdBy?: string;
  now: Date;
}

const MILESTONE_FIELDS: readonly [MilestoneName, keyof IncidentMilestones, string][] = [
  ['impact_started', 'impactStartedAt', 'Impact started'],
  ['detected', 'detectedAt', 'Incident detected'],
  ['acknowledged', 'acknowledgedAt', 'Incident acknowledged'],
  ['mitigated', 'mitigatedAt', 'Impact mitigated'],
  ['resolved', 'resolvedAt', 'Incident resolved'],
  ['closed', 'closedAt', 'Incident closed'],
];

function byTime<T extends { at: Date }>(a: T, b: T): number {
  return a.at.getTime() - b.at.getTime();
}

/** One alert per fingerprint: the earliest firing, the latest resolution, ordered by when they fired. */
function linkedAlerts(alerts: readonly AlertForPostMortem[]): LinkedAlert[] {
  const merged = new Map<string, LinkedAlert>();
  for (const alert of alerts) {
    const seen = merged.get(alert.fingerprint);
    const summary = alert.annotations['summary']?.trim() || null;
    if (seen === undefined) {
      merged.set(alert.fingerprint, {
        fingerprint: alert.fingerprint,
        ruleName: alert.ruleName,
        summary,
        firedAt: alert.firedAt,
        resolvedAt: alert.resolvedAt,
      });
      continue;
    }
    if (alert.firedAt !== null && (seen.firedAt === null || alert.firedAt < seen.firedAt)) seen.firedAt = alert.firedAt;
    if (alert.resolvedAt !== null && (seen.resolvedAt === null || alert.resolvedAt > seen.resolvedAt)) {
      seen.resolvedAt = alert.resolvedAt;
    }
    seen.summary ??= summary;
  }
  const never = Number.POSITIVE_INFINITY;
  return [...merged.values()].sort(
    (a, b) =>
      (a.firedAt?.getTime() ?? never) - (b.firedAt?.getTime() ?? never) || a.fingerprint.localeCompare(b.fingerprint),
  );
}

/**
 * The post-mortem draft created when an incident is mitigated, prefilled from it: the summary from the incident's
 * description, a timeline of the milestones and the entries marked as key events (a milestone is not repeated when
 * a key entry already records it), the impact's severity, services, milestones and durations, and the linked
 * alerts. Everything else starts empty for the authors. Refuses an incident that is not mitigated or resolved.
 */
export function draftFromIncident(
  incident: IncidentForPostMortem,
  timeline: readonly TimelineEntryForPostMortem[],
  alerts: readonly AlertForPostMortem[],
  options: DraftOptions,
): PostMortem {
  const { milestones } = incident;
  if (milestones.mitigatedAt === null && milestones.resolvedAt === null) {
    throw new PostMortemException(
      PostMortemErrorCode.INCIDENT_NOT_MITIGATED,
      `incident "${incident.id}" is neither mitigated nor resolved; its post-mortem is drafted at mitigation`,
    );
  }
  const durations = incidentDurations(milestones);
  const keyEntries = timeline.filter((entry) => entry.key);
  const recorded = new Set(keyEntries.map((entry) => entry.milestone).filter((m) => m !== null));
  const events: PostMortemTimelineEvent[] = [];
  for (const [name, field, description] of MILESTONE_FIELDS) {
    const at = milestones[field];
    if (at === null || recorded.has(name)) continue;
    events.push({ at, description, actorId: null, sourceEntryId: null, milestone: name });
  }
  for (const entry of keyEntries) {
    events.push({
      at: entry.at,
      description: entry.text,
      actorId: entry.actorId,
      sourceEntryId: entry.id,
      milestone: entry.milestone,
    });
  }
  // Stable sort: at equal instants milestones keep their lifecycle order and come before notes.
  events.sort(byTime);
  return {
    id: options.id,
    incidentId: incident.id,
    title: incident.title,
    status: 'draft',
    ownerId: options.ownerId,
    reviewerIds: [],
    incident: {
      summary: incident.description.trim(),
      timeline: events,
      impact: {
        description: '',
        severity: incident.severity,
        affectedServices: [...incident.services],
        milestones: { ...milestones },
        durations,
      },
    },
    rootCause: { analysis: '', contributingFactors: [] },
    resolution: { actions: [], effectiveness: '' },
    prevention: { recommendations: [], actionItems: [] },
    lessons: { wentWell: [], wentWrong: [], gotLucky: [] },
    linkedAlerts: linkedAlerts(alerts),
    history: [
      {
        action: 'create',
        from: null,
        to: 'draft',
        actorId: options.createdBy ?? options.ownerId,
        at: options.now,
        reason: null,
      },
    ],
    createdAt: options.now,
    updatedAt: options.now,
    publishedAt: null,
  };
}
