// How a PostMortem is stored: the row's columns (id, incident, status, owner, instants), the action items in their
// own table, and everything else as the `document` jsonb. JSON has no instants, so reading a document turns its
// ISO strings back into Dates, field by field.
import type { ActionItem, IncidentMilestones, PostMortem, PostMortemStatus } from './post-mortem.types';

/** The part of a PostMortem kept in `post_mortems.document` (instants as Date in, ISO strings once stored). */
export type PostMortemDocument = Omit<
  PostMortem,
  'id' | 'incidentId' | 'status' | 'ownerId' | 'createdAt' | 'updatedAt' | 'publishedAt' | 'prevention'
> & { prevention: { recommendations: PostMortem['prevention']['recommendations'] } };

/** The columns of a `post_mortems` row that complete its document. */
export interface PostMortemColumns {
  id: string;
  incidentId: string;
  status: PostMortemStatus;
  ownerId: string;
  createdAt: Date;
  updatedAt: Date;
  publishedAt: Date | null;
}

export function toDocument(postMortem: PostMortem): PostMortemDocument {
  return {
    title: postMortem.title,
    reviewerIds: postMortem.reviewerIds,
    incident: postMortem.incident,
    rootCause: postMortem.rootCause,
    resolution: postMortem.resolution,
    prevention: { recommendations: postMortem.prevention.recommendations },
    lessons: postMortem.lessons,
    linkedAlerts: postMortem.linkedAlerts,
    history: postMortem.history,
  };
}

function instant(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

function optionalInstant(value: Date | string | null | undefined): Date | null {
  return value === null || value === undefined ? null : instant(value);
}

function milestonesOf(stored: IncidentMilestones): IncidentMilestones {
  return {
    impactStartedAt: optionalInstant(stored.impactStartedAt),
    detectedAt: optionalInstant(stored.detectedAt),
    acknowledgedAt: optionalInstant(stored.acknowledgedAt),
    mitigatedAt: optionalInstant(stored.mitigatedAt),
    resolvedAt: optionalInstant(stored.resolvedAt),
    closedAt: optionalInstant(stored.closedAt),
  };
}

/** The PostMortem of a stored row and its action items (in their order). */
export function fromStored(
  columns: PostMortemColumns,
  document: PostMortemDocument,
  actionItems: readonly ActionItem[],
): PostMortem {
  const { incident, resolution } = document;
  return {
    ...columns,
    title: document.title,
    reviewerIds: [...document.reviewerIds],
    incident: {
      summary: incident.summary,
      timeline: incident.timeline.map((event) => ({ ...event, at: instant(event.at) })),
      impact: { ...incident.impact, milestones: milestonesOf(incident.impact.milestones) },
    },
    rootCause: document.rootCause,
    resolution: {
      actions: resolution.actions.map((action) => ({ ...action, takenAt: optionalInstant(action.takenAt) })),
      effectiveness: resolution.effectiveness,
    },
    prevention: { recommendations: document.prevention.recommendations, actionItems: [...actionItems] },
    lessons: document.lessons,
    linkedAlerts: document.linkedAlerts.map((alert) => ({
      ...alert,
      firedAt: optionalInstant(alert.firedAt),
      resolvedAt: optionalInstant(alert.resolvedAt),
    })),
    history: document.history.map((entry) => ({ ...entry, at: instant(entry.at) })),
  };
}
