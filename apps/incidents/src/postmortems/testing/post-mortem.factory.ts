// Typed factories for post-mortem test data (used by the post-mortem and retrospective specs).
import type { ActionItem, IncidentMilestones, PostMortem } from '../post-mortem.types';

export const at = (iso: string): Date => new Date(iso);

export function noMilestones(): IncidentMilestones {
  return {
    impactStartedAt: null,
    detectedAt: null,
    acknowledgedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    closedAt: null,
  };
}

export function anActionItem(overrides: Partial<ActionItem> = {}): ActionItem {
  return {
    id: 'ai-1',
    title: 'Add a connection pool alert',
    type: 'detect',
    ownerId: 'u-alice',
    dueDate: '2026-07-31',
    status: 'open',
    required: false,
    closedAt: null,
    statusReason: null,
    ...overrides,
  };
}

/** A complete post-mortem in review (ready to publish); override what a test is about. */
export function aPostMortem(overrides: Partial<PostMortem> = {}): PostMortem {
  const created = at('2026-07-01T12:00:00Z');
  return {
    id: 'pm-1',
    incidentId: 'inc-1',
    title: 'Checkout errors',
    status: 'in_review',
    ownerId: 'u-alice',
    reviewerIds: ['u-bob'],
    incident: {
      summary: 'Checkout failed for 20 minutes.',
      timeline: [
        {
          at: at('2026-07-01T10:00:00Z'),
          description: 'Incident detected',
          actorId: null,
          sourceEntryId: null,
          milestone: 'detected',
        },
      ],
      impact: {
        description: 'About 4% of checkouts failed.',
        severity: 'P1',
        affectedServices: ['checkout-api'],
        milestones: { ...noMilestones(), detectedAt: at('2026-07-01T10:00:00Z') },
        durations: {
          timeToDetectMs: null,
          timeToAcknowledgeMs: null,
          timeToMitigateMs: null,
          timeToResolveMs: null,
          impactDurationMs: null,
        },
      },
    },
    rootCause: {
      analysis: 'The pool was too small for the new batch job.',
      contributingFactors: [{ category: 'capacity', description: 'Pool sized for last year.' }],
    },
    resolution: { actions: [], effectiveness: 'Raising the pool size ended the errors.' },
    prevention: { recommendations: [], actionItems: [anActionItem()] },
    lessons: { wentWell: [], wentWrong: [], gotLucky: [] },
    linkedAlerts: [],
    history: [{ action: 'create', from: null, to: 'draft', actorId: 'u-alice', at: created, reason: null }],
    createdAt: created,
    updatedAt: created,
    publishedAt: null,
    ...overrides,
  };
}

/** The error a function throws (fails the test when it returns). */
export function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the function to throw');
}
