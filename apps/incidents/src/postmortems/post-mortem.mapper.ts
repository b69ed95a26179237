import { contributingFactorLabel } from './contributing-factors';
import { isOverdue } from './action-items';
import { reviewReadiness } from './post-mortem-workflow';
import type { ActionItemModel, PostMortemModel } from './post-mortem.model';
import type { StoredActionItem, StoredPostMortem } from './post-mortem.repository';

const user = (id: string | null): { id: string } | null => (id === null ? null : { id });

export function toActionItemModel(item: StoredActionItem, now: Date = new Date()): ActionItemModel {
  return {
    id: item.id,
    postMortemId: item.postMortemId,
    incidentId: item.incidentId,
    title: item.title,
    type: item.type,
    owner: user(item.ownerId),
    dueDate: item.dueDate,
    status: item.status,
    required: item.required,
    closedAt: item.closedAt,
    statusReason: item.statusReason,
    overdue: isOverdue(item, now),
    version: item.version,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

export function toPostMortemModel(stored: StoredPostMortem, now: Date = new Date()): PostMortemModel {
  const pm = stored.postMortem;
  return {
    id: pm.id,
    incidentId: pm.incidentId,
    title: pm.title,
    status: pm.status,
    owner: { id: pm.ownerId },
    reviewers: pm.reviewerIds.map((id) => ({ id })),
    summary: pm.incident.summary,
    timeline: pm.incident.timeline.map((event) => ({
      at: event.at,
      description: event.description,
      actor: user(event.actorId),
      sourceEntryId: event.sourceEntryId,
      milestone: event.milestone,
    })),
    impact: pm.incident.impact,
    rootCauseAnalysis: pm.rootCause.analysis,
    contributingFactors: pm.rootCause.contributingFactors.map((factor) => ({
      ...factor,
      label: contributingFactorLabel(factor.category),
    })),
    resolutionActions: pm.resolution.actions.map((action) => ({
      description: action.description,
      takenAt: action.takenAt,
      actor: user(action.actorId),
      outcome: action.outcome,
    })),
    resolutionEffectiveness: pm.resolution.effectiveness,
    recommendations: pm.prevention.recommendations,
    // The stored post-mortem's items are StoredActionItems (the repository reads them so).
    actionItems: (pm.prevention.actionItems as StoredActionItem[]).map((item) => toActionItemModel(item, now)),
    wentWell: pm.lessons.wentWell,
    wentWrong: pm.lessons.wentWrong,
    gotLucky: pm.lessons.gotLucky,
    linkedAlerts: pm.linkedAlerts,
    history: pm.history.map((entry) => ({
      action: entry.action,
      from: entry.from,
      to: entry.to,
      actorId: entry.actorId,
      at: entry.at,
      reason: entry.reason,
    })),
    missingForReview: reviewReadiness(pm),
    version: stored.version,
    createdById: stored.createdById,
    createdAt: pm.createdAt,
    updatedAt: pm.updatedAt,
    publishedAt: pm.publishedAt,
    publishedBy: user(stored.publishedById),
  };
}
