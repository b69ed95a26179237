import type { ActionItem, PostMortem } from '../postmortems';
import { aPostMortem, anActionItem, at, caught, noMilestones } from '../postmortems/testing/post-mortem.factory';
import { parsePeriod } from './period';
import { type RepeatIncident, retrospective, type RetrospectiveIncident } from './retrospective';
import { RetrospectiveErrorCode } from './retrospective.exception';

const MIN = 60_000;
const q3 = parsePeriod('2026-Q3');
const now = at('2026-10-05T10:00:00Z');

function anIncident(
  overrides: Partial<RetrospectiveIncident> & { id: string; openedAt: Date },
  response: { ackMin?: number; resolveMin?: number } = {},
): RetrospectiveIncident {
  const opened = overrides.openedAt.getTime();
  return {
    title: `Incident ${overrides.id}`,
    severity: 'P2',
    status: 'resolved',
    services: ['checkout-api'],
    milestones: {
      ...noMilestones(),
      detectedAt: overrides.openedAt,
      acknowledgedAt: response.ackMin === undefined ? null : new Date(opened + response.ackMin * MIN),
      resolvedAt: response.resolveMin === undefined ? null : new Date(opened + response.resolveMin * MIN),
    },
    postMortemRequired: false,
    mergedIntoId: null,
    ...overrides,
  };
}

function aPublishedPostMortem(
  id: string,
  incidentId: string,
  content: {
    factors?: PostMortem['rootCause']['contributingFactors'];
    items?: ActionItem[];
    lessons?: Partial<PostMortem['lessons']>;
    recommendations?: PostMortem['prevention']['recommendations'];
    status?: PostMortem['status'];
  } = {},
): PostMortem {
  return aPostMortem({
    id,
    incidentId,
    status: content.status ?? 'published',
    rootCause: { analysis: 'x', contributingFactors: content.factors ?? [] },
    prevention: { recommendations: content.recommendations ?? [], actionItems: content.items ?? [] },
    lessons: { wentWell: [], wentWrong: [], gotLucky: [], ...content.lessons },
  });
}

/** A recorded repeat (as RepeatRecorder stores it), by default of checkout-api: HighErrorRate. */
function aRepeat(
  incidentId: string,
  earlierIncidentId: string,
  overrides: Partial<Omit<RepeatIncident, 'incidentId' | 'earlierIncidentId'>> = {},
): RepeatIncident {
  return {
    incidentId,
    earlierIncidentId,
    services: ['checkout-api'],
    triggers: ['HighErrorRate'],
    actionItemsDoneAt: at('2026-05-01T00:00:00Z'),
    ...overrides,
  };
}

const done = (id: string, closedAt: string) =>
  anActionItem({ id, status: 'done', closedAt: at(closedAt), dueDate: '2026-05-01' });

const incidents: RetrospectiveIncident[] = [
  // The previous quarter: trends, and the earlier occurrence of the repeats.
  anIncident({ id: 'inc-0', openedAt: at('2026-04-10T08:00:00Z'), severity: 'P1' }),
  anIncident({ id: 'inc-p', openedAt: at('2026-05-20T08:00:00Z'), services: ['payments'] }),
  anIncident({ id: 'inc-9', openedAt: at('2026-06-01T08:00:00Z'), services: ['identity'] }),
  // The quarter.
  anIncident(
    { id: 'inc-1', openedAt: at('2026-07-05T12:00:00Z'), severity: 'P1', postMortemRequired: true },
    { ackMin: 2, resolveMin: 60 },
  ),
  anIncident(
    { id: 'inc-2', openedAt: at('2026-07-10T12:00:00Z'), services: ['payments', 'checkout-api', 'payments'] },
    { ackMin: 10, resolveMin: 30 },
  ),
  anIncident(
    {
      id: 'inc-3',
      openedAt: at('2026-08-01T12:00:00Z'),
      severity: 'P0',
      services: ['identity'],
      postMortemRequired: true,
    },
    { ackMin: 1, resolveMin: 240 },
  ),
  anIncident(
    {
      id: 'inc-4',
      openedAt: at('2026-08-15T12:00:00Z'),
      severity: 'P1',
      status: 'mitigated',
      postMortemRequired: true,
    },
    { ackMin: 5 },
  ),
  anIncident({ id: 'inc-5', openedAt: at('2026-08-20T12:00:00Z'), status: 'declined' }, { ackMin: 1000 }),
  anIncident({ id: 'inc-6', openedAt: at('2026-08-21T12:00:00Z'), mergedIntoId: 'inc-4' }, { ackMin: 1000 }),
  anIncident({ id: 'inc-t', openedAt: at('2026-09-01T12:00:00Z'), status: 'triage' }),
  anIncident({
    id: 'inc-8',
    openedAt: at('2026-09-30T23:59:59Z'),
    severity: 'P3',
    services: [],
    status: 'investigating',
  }),
  // The next quarter.
  anIncident({ id: 'inc-7', openedAt: at('2026-10-01T00:00:00Z') }, { ackMin: 1000 }),
];

const postMortems: PostMortem[] = [
  aPublishedPostMortem('pm-0', 'inc-0', {
    factors: [{ category: 'capacity', description: '' }],
    items: [done('a0', '2026-04-20T00:00:00Z'), done('a0b', '2026-05-01T00:00:00Z')],
    lessons: { wentWell: ['from the previous quarter'] },
  }),
  aPublishedPostMortem('pm-p', 'inc-p', { factors: [{ category: 'dependency_failure', description: '' }] }),
  aPublishedPostMortem('pm-9', 'inc-9', {
    factors: [{ category: 'code_change', description: '' }],
    items: [done('a9', '2026-08-10T00:00:00Z')],
  }),
  aPublishedPostMortem('pm-1', 'inc-1', {
    factors: [
      { category: 'capacity', description: 'pool' },
      { category: 'monitoring_gap', description: '' },
      { category: 'capacity', description: 'again, same incident' },
    ],
    items: [
      done('a1', '2026-07-15T00:00:00Z'),
      anActionItem({ id: 'a2', status: 'open', dueDate: '2026-07-20' }),
      anActionItem({ id: 'a3', status: 'wont_do', closedAt: at('2026-07-16T00:00:00Z'), statusReason: 'no' }),
    ],
    lessons: { wentWell: ['Alert fired fast', '  '], wentWrong: ['Runbook outdated'] },
    recommendations: [
      { description: 'Tidy dashboards', priority: 'low' },
      { description: 'Load test quarterly', priority: 'high' },
    ],
  }),
  aPublishedPostMortem('pm-2', 'inc-2', {
    status: 'in_review',
    factors: [{ category: 'data', description: '' }],
    items: [anActionItem({ id: 'a5', dueDate: '2026-07-11' })],
    lessons: { wentWell: ['not published yet'] },
  }),
  aPublishedPostMortem('pm-4', 'inc-4', {
    factors: [{ category: 'capacity', description: '' }],
    items: [anActionItem({ id: 'a4', status: 'in_progress', dueDate: '2026-12-01' })],
    lessons: { wentWell: ['Rollback was quick'], gotLucky: ['It happened off-peak'] },
    recommendations: [{ description: 'Alert on pool saturation', priority: 'high' }],
  }),
];

// The recorded repeats of the quarter's counted incidents, in the order they opened, as the caller selects them
// (RetrospectiveRepository.repeats): inc-1, and inc-4 (inc-1 still has an open item, so inc-4 repeats inc-0 too).
const repeats: RepeatIncident[] = [aRepeat('inc-1', 'inc-0'), aRepeat('inc-4', 'inc-0')];

describe('retrospective', () => {
  const report = retrospective(incidents, postMortems, repeats, q3, now);

  it('counts the incidents of the period by severity and service, leaving out triage, declined and merged ones', () => {
    expect(report.period).toBe(q3);
    expect(report.generatedAt).toBe(now);
    expect(report.partial).toBe(false);
    expect(report.incidentCount).toBe(5);
    expect(report.bySeverity).toEqual([
      { severity: 'P0', count: 1 },
      { severity: 'P1', count: 2 },
      { severity: 'P2', count: 1 },
      { severity: 'P3', count: 1 },
    ]);
    expect(report.byService).toEqual([
      { service: 'checkout-api', count: 3 },
      { service: 'identity', count: 1 },
      { service: 'payments', count: 1 },
    ]);
    expect(report.withoutService).toBe(1);
  });

  it('reports time to acknowledge and resolve as nearest-rank median and p90, overall and per severity', () => {
    expect(report.timeToAcknowledge).toEqual({
      overall: { count: 4, medianMs: 2 * MIN, p90Ms: 10 * MIN },
      bySeverity: [
        { severity: 'P0', stats: { count: 1, medianMs: 1 * MIN, p90Ms: 1 * MIN } },
        { severity: 'P1', stats: { count: 2, medianMs: 2 * MIN, p90Ms: 5 * MIN } },
        { severity: 'P2', stats: { count: 1, medianMs: 10 * MIN, p90Ms: 10 * MIN } },
        { severity: 'P3', stats: { count: 0, medianMs: null, p90Ms: null } },
      ],
    });
    expect(report.timeToResolve.overall).toEqual({ count: 3, medianMs: 60 * MIN, p90Ms: 240 * MIN });
    expect(report.timeToResolve.bySeverity.map((s) => s.stats.medianMs)).toEqual([240 * MIN, 60 * MIN, 30 * MIN, null]);
  });

  it('reports the recorded repeats it is given', () => {
    expect(report.repeatIncidents).toEqual([aRepeat('inc-1', 'inc-0'), aRepeat('inc-4', 'inc-0')]);
  });

  it('summarizes post-mortems and action items of the period from published post-mortems', () => {
    expect(report.postMortems).toEqual({ required: 3, published: 2, missingIncidentIds: ['inc-3'] });
    expect(report.actionItems).toEqual({
      total: 4,
      open: 1,
      inProgress: 1,
      done: 1,
      wontDo: 1,
      overdue: 1,
      completionRate: 1 / 3,
    });
    expect(report.openActionItems.map((o) => [o.incidentId, o.postMortemId, o.item.id])).toEqual([
      ['inc-1', 'pm-1', 'a2'],
      ['inc-4', 'pm-4', 'a4'],
    ]);
  });

  it('gathers what went well, wrong and lucky with their incident', () => {
    expect(report.whatWentWell).toEqual([
      { incidentId: 'inc-1', postMortemId: 'pm-1', text: 'Alert fired fast' },
      { incidentId: 'inc-4', postMortemId: 'pm-4', text: 'Rollback was quick' },
    ]);
    expect(report.whatWentWrong).toEqual([{ incidentId: 'inc-1', postMortemId: 'pm-1', text: 'Runbook outdated' }]);
    expect(report.whereWeGotLucky).toEqual([
      { incidentId: 'inc-4', postMortemId: 'pm-4', text: 'It happened off-peak' },
    ]);
  });

  it('counts incidents per contributing-factor category, against the previous period', () => {
    const cited = report.contributingFactors.filter((f) => f.incidents > 0 || f.previousIncidents > 0);
    expect(cited).toEqual([
      { category: 'code_change', label: 'Code change', incidents: 0, previousIncidents: 1 },
      { category: 'capacity', label: 'Capacity and load', incidents: 2, previousIncidents: 1 },
      { category: 'dependency_failure', label: 'Dependency failure', incidents: 0, previousIncidents: 1 },
      { category: 'monitoring_gap', label: 'Monitoring gap', incidents: 1, previousIncidents: 0 },
    ]);
    expect(report.contributingFactors).toHaveLength(12);
  });

  it('proposes improvements, most pressing first, one per recurring service and trigger', () => {
    expect(report.improvements).toEqual([
      {
        kind: 'repeat_incident',
        message:
          'checkout-api: HighErrorRate recurred in 2 incidents after the action items of 1 earlier incident were done; check whether they addressed the cause',
        incidentIds: ['inc-0', 'inc-1', 'inc-4'],
      },
      {
        kind: 'recurring_factor',
        message: 'Capacity and load contributed to 2 incidents (previous period: 1)',
        incidentIds: ['inc-1', 'inc-4'],
      },
      { kind: 'overdue_action_items', message: '1 action item is overdue', incidentIds: ['inc-1'] },
      {
        kind: 'missing_post_mortems',
        message: '1 incident needs a post-mortem that is not published yet',
        incidentIds: ['inc-3'],
      },
      { kind: 'recommendation', message: 'Load test quarterly', incidentIds: ['inc-1'] },
      { kind: 'recommendation', message: 'Alert on pool saturation', incidentIds: ['inc-4'] },
      { kind: 'recommendation', message: 'Tidy dashboards', incidentIds: ['inc-1'] },
    ]);
  });

  it('sets the follow-up a configurable number of days after the report', () => {
    expect(report.followUpDate).toBe('2026-11-04');
    expect(retrospective(incidents, postMortems, repeats, q3, now, { followUpAfterDays: 7 }).followUpDate).toBe(
      '2026-10-12',
    );
  });

  it('does not depend on the order incidents are given in', () => {
    expect(retrospective([...incidents].reverse(), [...postMortems].reverse(), repeats, q3, now)).toEqual(
      retrospective(incidents, postMortems, repeats, q3, now),
    );
  });

  it('uses the threshold for recurring factors', () => {
    const kinds = (threshold: number) =>
      retrospective(incidents, postMortems, repeats, q3, now, { recurringFactorThreshold: threshold })
        .improvements.filter((i) => i.kind === 'recurring_factor')
        .map((i) => i.message.split(' contributed')[0]);
    expect(kinds(1)).toEqual(['Capacity and load', 'Monitoring gap']);
    expect(kinds(3)).toEqual([]);
  });
});

describe('retrospective repeats', () => {
  // Recorded repeats of n1 to n4, in the order those opened; e1 to e3 are earlier incidents.
  const n1 = aRepeat('n1', 'e1', { services: ['payments'], triggers: ['SlowQueries'] });
  const n2 = aRepeat('n2', 'e2');
  const n3 = aRepeat('n3', 'e3', { services: ['identity', 'search'], triggers: ['LoginFailures', 'Other'] });
  // n4 repeats n2, whose own items were done in the meantime.
  const n4 = aRepeat('n4', 'n2', { actionItemsDoneAt: at('2026-07-03T00:00:00Z') });
  // The service of n2 and n4 with another trigger, and their trigger on another service: other keys.
  const n5 = aRepeat('n5', 'e2', { triggers: ['HighLatency'] });
  const n6 = aRepeat('n6', 'e1', { services: ['payments'] });

  it('reports a repeat whose incident is not among the incidents given (they are those with a post-mortem)', () => {
    const report = retrospective([], [], [n1], q3, now);
    expect(report.repeatIncidents).toEqual([n1]);
    expect(report.improvements.map((i) => [i.kind, i.incidentIds])).toEqual([['repeat_incident', ['e1', 'n1']]]);
  });

  it('proposes one improvement per service and trigger, the most recurring first, then by first recurrence', () => {
    const report = retrospective([], [], [n1, n2, n3, n4, n5, n6], q3, now);
    expect(report.repeatIncidents).toEqual([n1, n2, n3, n4, n5, n6]);
    expect(report.improvements).toEqual([
      {
        kind: 'repeat_incident',
        message:
          'checkout-api: HighErrorRate recurred in 2 incidents after the action items of 2 earlier incidents were done; check whether they addressed the cause',
        incidentIds: ['e2', 'n2', 'n4'],
      },
      {
        kind: 'repeat_incident',
        message:
          'payments: SlowQueries recurred in n1 after the action items of e1 were done; check whether they addressed the cause',
        incidentIds: ['e1', 'n1'],
      },
      {
        kind: 'repeat_incident',
        message:
          'identity, search: LoginFailures, Other recurred in n3 after the action items of e3 were done; check whether they addressed the cause',
        incidentIds: ['e3', 'n3'],
      },
      {
        kind: 'repeat_incident',
        message:
          'checkout-api: HighLatency recurred in n5 after the action items of e2 were done; check whether they addressed the cause',
        incidentIds: ['e2', 'n5'],
      },
      {
        kind: 'repeat_incident',
        message:
          'payments: HighErrorRate recurred in n6 after the action items of e1 were done; check whether they addressed the cause',
        incidentIds: ['e1', 'n6'],
      },
    ]);
  });
});

describe('retrospective edge cases', () => {
  it('is empty but well-formed for a period without incidents, and partial while the period runs', () => {
    const report = retrospective([], [], [], parsePeriod('2026-11'), at('2026-11-10T00:00:00Z'));
    expect(report).toMatchObject({
      partial: true,
      incidentCount: 0,
      byService: [],
      withoutService: 0,
      repeatIncidents: [],
      improvements: [],
      actionItems: { total: 0, open: 0, inProgress: 0, done: 0, wontDo: 0, overdue: 0, completionRate: null },
      timeToResolve: { overall: { count: 0, medianMs: null, p90Ms: null } },
    });
    expect(report.bySeverity.every((s) => s.count === 0)).toBe(true);
  });

  it.each([
    [{ followUpAfterDays: 0 }, 'followUpAfterDays must be a whole number from 1 to 366, got 0'],
    [{ followUpAfterDays: 1.5 }, 'followUpAfterDays must be a whole number from 1 to 366, got 1.5'],
    [{ recurringFactorThreshold: -1 }, 'recurringFactorThreshold must be a whole number from 1 to 1000, got -1'],
  ])('refuses options %j', (options, message) => {
    expect(caught(() => retrospective([], [], [], q3, now, options))).toMatchObject({
      code: RetrospectiveErrorCode.INVALID_RETROSPECTIVE_OPTIONS,
      message,
    });
  });
});
