import {
  type AlertForPostMortem,
  draftFromIncident,
  type IncidentForPostMortem,
  type TimelineEntryForPostMortem,
} from './draft-from-incident';
import { PostMortemErrorCode } from './post-mortem.exception';
import { at, caught, noMilestones } from './testing/post-mortem.factory';

const MIN = 60_000;

const incident: IncidentForPostMortem = {
  id: 'inc-42',
  title: 'Checkout returns 500s',
  description: '  Customers cannot pay.\n',
  severity: 'P1',
  services: ['checkout-api', 'payments'],
  milestones: {
    impactStartedAt: at('2026-07-01T09:58:00Z'),
    detectedAt: at('2026-07-01T10:02:00Z'),
    acknowledgedAt: at('2026-07-01T10:04:00Z'),
    mitigatedAt: at('2026-07-01T11:25:00Z'),
    resolvedAt: null,
    closedAt: null,
  },
};

const entry = (overrides: Partial<TimelineEntryForPostMortem>): TimelineEntryForPostMortem => ({
  id: 'e',
  at: at('2026-07-01T10:00:00Z'),
  text: 'note',
  actorId: 'u-alice',
  key: false,
  milestone: null,
  ...overrides,
});

const timeline: TimelineEntryForPostMortem[] = [
  entry({ id: 'e1', at: at('2026-07-01T09:40:00Z'), text: 'Deploy 2026.07.1 of checkout-api', key: true }),
  entry({ id: 'e2', at: at('2026-07-01T10:02:00Z'), text: 'Alert HighErrorRate fired', actorId: null }),
  entry({
    id: 'e3',
    at: at('2026-07-01T10:04:00Z'),
    text: 'Alice acknowledged and took command',
    key: true,
    milestone: 'acknowledged',
  }),
  entry({ id: 'e4', at: at('2026-07-01T10:30:00Z'), text: 'Tried restarting pods', key: false }),
  entry({ id: 'e5', at: at('2026-07-01T11:20:00Z'), text: 'Rolled back to 2026.06.3', key: true }),
];

const alerts: AlertForPostMortem[] = [
  {
    fingerprint: 'fp-b',
    ruleName: 'DatabaseConnectionPoolExhausted',
    annotations: {},
    firedAt: at('2026-07-01T10:05:00Z'),
    resolvedAt: null,
  },
  {
    fingerprint: 'fp-a',
    ruleName: 'HighErrorRate',
    annotations: { summary: 'High error rate detected' },
    firedAt: at('2026-07-01T10:02:00Z'),
    resolvedAt: at('2026-07-01T11:00:00Z'),
  },
  // Redelivered / re-fired: merged into one alert with the widest window.
  {
    fingerprint: 'fp-a',
    ruleName: 'HighErrorRate',
    annotations: { summary: 'High error rate detected' },
    firedAt: at('2026-07-01T11:05:00Z'),
    resolvedAt: at('2026-07-01T11:30:00Z'),
  },
];

const options = { id: 'pm-7', ownerId: 'u-alice', now: at('2026-07-01T11:26:00Z') };

describe('draftFromIncident', () => {
  const draft = draftFromIncident(incident, timeline, alerts, options);

  it('starts a draft owned by the given person', () => {
    expect(draft).toMatchObject({
      id: 'pm-7',
      incidentId: 'inc-42',
      title: 'Checkout returns 500s',
      status: 'draft',
      ownerId: 'u-alice',
      reviewerIds: [],
      createdAt: options.now,
      updatedAt: options.now,
      publishedAt: null,
    });
    expect(draft.history).toEqual([
      { action: 'create', from: null, to: 'draft', actorId: 'u-alice', at: options.now, reason: null },
    ]);
    expect(draftFromIncident(incident, [], [], { ...options, createdBy: 'system' }).history[0].actorId).toBe('system');
  });

  it('prefills the timeline with milestones and key entries only, in time order, without repeating a milestone', () => {
    expect(
      draft.incident.timeline.map((e) => [
        e.at.toISOString().slice(11, 16),
        e.description,
        e.sourceEntryId,
        e.milestone,
      ]),
    ).toEqual([
      ['09:40', 'Deploy 2026.07.1 of checkout-api', 'e1', null],
      ['09:58', 'Impact started', null, 'impact_started'],
      ['10:02', 'Incident detected', null, 'detected'],
      ['10:04', 'Alice acknowledged and took command', 'e3', 'acknowledged'],
      ['11:20', 'Rolled back to 2026.06.3', 'e5', null],
      ['11:25', 'Impact mitigated', null, 'mitigated'],
    ]);
    expect(draft.incident.timeline[0].actorId).toBe('u-alice');
  });

  it('prefills the summary, impact and durations from the incident', () => {
    expect(draft.incident.summary).toBe('Customers cannot pay.');
    expect(draft.incident.impact).toEqual({
      description: '',
      severity: 'P1',
      affectedServices: ['checkout-api', 'payments'],
      milestones: incident.milestones,
      durations: {
        timeToDetectMs: 4 * MIN,
        timeToAcknowledgeMs: 2 * MIN,
        timeToMitigateMs: 83 * MIN,
        timeToResolveMs: null,
        impactDurationMs: 87 * MIN,
      },
    });
    expect(draft.incident.impact.affectedServices).not.toBe(incident.services);
  });

  it('links each alert once, earliest firing first, with its summary', () => {
    expect(draft.linkedAlerts).toEqual([
      {
        fingerprint: 'fp-a',
        ruleName: 'HighErrorRate',
        summary: 'High error rate detected',
        firedAt: at('2026-07-01T10:02:00Z'),
        resolvedAt: at('2026-07-01T11:30:00Z'),
      },
      {
        fingerprint: 'fp-b',
        ruleName: 'DatabaseConnectionPoolExhausted',
        summary: null,
        firedAt: at('2026-07-01T10:05:00Z'),
        resolvedAt: null,
      },
    ]);
  });

  it('leaves the analysis, lessons and action items to the authors', () => {
    expect(draft.rootCause).toEqual({ analysis: '', contributingFactors: [] });
    expect(draft.resolution).toEqual({ actions: [], effectiveness: '' });
    expect(draft.prevention).toEqual({ recommendations: [], actionItems: [] });
    expect(draft.lessons).toEqual({ wentWell: [], wentWrong: [], gotLucky: [] });
  });

  it('accepts a resolved incident that was never marked mitigated', () => {
    const resolved = {
      ...incident,
      milestones: { ...noMilestones(), detectedAt: at('2026-07-01T10:00:00Z'), resolvedAt: at('2026-07-01T10:10:00Z') },
    };
    expect(draftFromIncident(resolved, [], [], options).incident.impact.durations.impactDurationMs).toBe(10 * MIN);
  });

  it('refuses an incident that is not mitigated yet', () => {
    const open = { ...incident, milestones: { ...incident.milestones, mitigatedAt: null } };
    expect(caught(() => draftFromIncident(open, timeline, alerts, options))).toMatchObject({
      code: PostMortemErrorCode.INCIDENT_NOT_MITIGATED,
      message: 'incident "inc-42" is neither mitigated nor resolved; its post-mortem is drafted at mitigation',
    });
  });
});
