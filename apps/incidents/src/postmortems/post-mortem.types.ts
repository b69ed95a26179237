import type { IncidentSeverity } from '@keel/contracts';
import type { CalendarDate } from '../common/calendar-date';
import type { ContributingFactor } from './contributing-factors';

// Plain data, one shape for storage and API: ids are strings, instants are Date (timestamptz), durations are
// milliseconds, calendar days are `YYYY-MM-DD`. Every collection keeps the order the authors gave it.

export const POST_MORTEM_STATUSES = ['draft', 'in_review', 'published'] as const;
export type PostMortemStatus = (typeof POST_MORTEM_STATUSES)[number];

import type { MilestoneName } from '../common/milestone-names';

export type { MilestoneName };

/** Milestone instants of an incident; null while it has not happened (or nobody recorded it). */
export interface IncidentMilestones {
  impactStartedAt: Date | null;
  detectedAt: Date | null;
  acknowledgedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
}

/**
 * Response durations in milliseconds, null when a milestone is missing. Response times are measured from
 * detection (the start of impact is often reconstructed later, detection is always recorded); time to detect and
 * the impact duration start at the impact.
 */
export interface IncidentDurations {
  /** impact started → detected */
  timeToDetectMs: number | null;
  /** detected → acknowledged */
  timeToAcknowledgeMs: number | null;
  /** detected → mitigated */
  timeToMitigateMs: number | null;
  /** detected → resolved */
  timeToResolveMs: number | null;
  /** impact started (or detected when unknown) → mitigated (or resolved when never mitigated) */
  impactDurationMs: number | null;
}

export interface PostMortemTimelineEvent {
  at: Date;
  description: string;
  actorId: string | null;
  /** The incident timeline entry it came from; null for milestones and events the authors added. */
  sourceEntryId: string | null;
  /** Set when the event marks an incident milestone. */
  milestone: MilestoneName | null;
}

export interface ImpactAssessment {
  description: string;
  severity: IncidentSeverity;
  affectedServices: string[];
  milestones: IncidentMilestones;
  durations: IncidentDurations;
}

export const RESOLUTION_OUTCOMES = ['effective', 'partially_effective', 'not_effective', 'unknown'] as const;
export type ResolutionOutcome = (typeof RESOLUTION_OUTCOMES)[number];

export interface ResolutionAction {
  description: string;
  takenAt: Date | null;
  actorId: string | null;
  outcome: ResolutionOutcome;
}

export const RECOMMENDATION_PRIORITIES = ['high', 'medium', 'low'] as const;
export type RecommendationPriority = (typeof RECOMMENDATION_PRIORITIES)[number];

export interface Recommendation {
  description: string;
  priority: RecommendationPriority;
}

/** prevent: stop it happening again; mitigate: reduce its impact; detect: notice it sooner; process: how we work. */
export const ACTION_ITEM_TYPES = ['prevent', 'mitigate', 'detect', 'process'] as const;
export type ActionItemType = (typeof ACTION_ITEM_TYPES)[number];

export const ACTION_ITEM_STATUSES = ['open', 'in_progress', 'done', 'wont_do'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

export interface ActionItem {
  id: string;
  title: string;
  type: ActionItemType;
  ownerId: string | null;
  /** Due at the end of this UTC day. */
  dueDate: CalendarDate | null;
  status: ActionItemStatus;
  /** Required items block closing the incident while open or in progress. */
  required: boolean;
  /** When it became done or wont_do; null while open or in progress. */
  closedAt: Date | null;
  /** Why it will not be done (required for wont_do). */
  statusReason: string | null;
}

/** The blameless template's reflection sections. */
export interface PostMortemLessons {
  wentWell: string[];
  wentWrong: string[];
  gotLucky: string[];
}

export interface LinkedAlert {
  fingerprint: string;
  ruleName: string;
  /** The alert's `summary` annotation, when it had one. */
  summary: string | null;
  firedAt: Date | null;
  resolvedAt: Date | null;
}

export const POST_MORTEM_TRANSITION_ACTIONS = ['submit_for_review', 'return_to_draft', 'publish'] as const;
export type PostMortemTransitionAction = (typeof POST_MORTEM_TRANSITION_ACTIONS)[number];

export interface PostMortemHistoryEntry {
  action: 'create' | PostMortemTransitionAction;
  from: PostMortemStatus | null;
  to: PostMortemStatus;
  actorId: string;
  at: Date;
  reason: string | null;
}

/** The seed's PostMortemReport (incident, rootCause, resolution, prevention) plus the blameless lessons. */
export interface PostMortem {
  id: string;
  incidentId: string;
  title: string;
  status: PostMortemStatus;
  ownerId: string;
  reviewerIds: string[];
  incident: {
    summary: string;
    timeline: PostMortemTimelineEvent[];
    impact: ImpactAssessment;
  };
  rootCause: {
    analysis: string;
    contributingFactors: ContributingFactor[];
  };
  resolution: {
    actions: ResolutionAction[];
    effectiveness: string;
  };
  prevention: {
    recommendations: Recommendation[];
    actionItems: ActionItem[];
  };
  lessons: PostMortemLessons;
  linkedAlerts: LinkedAlert[];
  history: PostMortemHistoryEntry[];
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}
