import { PostMortemErrorCode, PostMortemException } from './post-mortem.exception';
import type { IncidentDurations, IncidentMilestones } from './post-mortem.types';

const NAMES: Record<keyof IncidentMilestones, string> = {
  impactStartedAt: 'impact started',
  detectedAt: 'detected',
  acknowledgedAt: 'acknowledged',
  mitigatedAt: 'mitigated',
  resolvedAt: 'resolved',
  closedAt: 'closed',
};

function between(
  milestones: IncidentMilestones,
  start: keyof IncidentMilestones,
  end: keyof IncidentMilestones,
): number | null {
  const from = milestones[start];
  const to = milestones[end];
  if (from === null || to === null) return null;
  const ms = to.getTime() - from.getTime();
  if (ms < 0) {
    throw new PostMortemException(
      PostMortemErrorCode.INVALID_MILESTONES,
      `milestone "${NAMES[end]}" (${to.toISOString()}) is before "${NAMES[start]}" (${from.toISOString()})`,
    );
  }
  return ms;
}

/**
 * Durations from the milestones (see IncidentDurations for what each measures). Refuses milestones out of order
 * rather than reporting a negative duration.
 */
export function incidentDurations(milestones: IncidentMilestones): IncidentDurations {
  const impactStart: keyof IncidentMilestones = milestones.impactStartedAt !== null ? 'impactStartedAt' : 'detectedAt';
  const impactEnd: keyof IncidentMilestones = milestones.mitigatedAt !== null ? 'mitigatedAt' : 'resolvedAt';
  return {
    timeToDetectMs: between(milestones, 'impactStartedAt', 'detectedAt'),
    timeToAcknowledgeMs: between(milestones, 'detectedAt', 'acknowledgedAt'),
    timeToMitigateMs: between(milestones, 'detectedAt', 'mitigatedAt'),
    timeToResolveMs: between(milestones, 'detectedAt', 'resolvedAt'),
    impactDurationMs: between(milestones, impactStart, impactEnd),
  };
}

/**
 * A duration as people read it: "45 s" under a minute, otherwise rounded to the nearest minute and written with
 * days, hours and minutes ("1 h 23 min", "2 h", "1 d 3 h 5 min"); zero parts are left out.
 */
export function humanizeDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0)
    throw new RangeError(`duration must be a finite, non-negative number of ms, got ${ms}`);
  if (ms < 60_000) return `${Math.floor(ms / 1000)} s`;
  const totalMinutes = Math.round(ms / 60_000);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(`${days} d`);
  if (hours > 0) parts.push(`${hours} h`);
  if (minutes > 0) parts.push(`${minutes} min`);
  return parts.join(' ');
}
