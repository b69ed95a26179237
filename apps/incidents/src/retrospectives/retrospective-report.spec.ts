import { caught } from '../postmortems/testing/post-mortem.factory';
import { parsePeriod } from './period';
import { type RepeatIncident, retrospective } from './retrospective';
import {
  followUp,
  incidentForReport,
  postMortemForReport,
  validateMeeting,
  validateServiceFilter,
  withAggregates,
  type SeveritySummary,
} from './retrospective-report';
import { RetrospectiveErrorCode, type RetrospectiveException } from './retrospective.exception';

const q3 = parsePeriod('2026-Q3');
const now = new Date('2026-10-05T10:00:00Z');
const stats = (count: number, medianMs: number | null, p90Ms: number | null) => ({ count, medianMs, p90Ms });

describe('incidentForReport / postMortemForReport', () => {
  it('feeds retrospective() so that action items and lessons come out as from full documents', () => {
    const earlier = incidentForReport(
      {
        id: 'a',
        severity: 'P2',
        status: 'resolved',
        services: ['checkout'],
        mergedIntoId: null,
        openedAt: new Date('2026-05-01T00:00:00Z'),
      },
      false,
    );
    const later = incidentForReport(
      {
        id: 'b',
        severity: 'P1',
        status: 'resolved',
        services: ['checkout'],
        mergedIntoId: null,
        openedAt: new Date('2026-08-01T00:00:00Z'),
      },
      true,
    );
    const pms = [
      // A draft: its action item is not the report's.
      postMortemForReport({
        id: 'pm-a',
        incidentId: 'a',
        status: 'draft',
        contributingFactors: [],
        lessons: null,
        recommendations: [],
        actionItems: [{ id: 'i1', status: 'done', dueDate: null, closedAt: new Date('2026-06-01T00:00:00Z') }],
      }),
      postMortemForReport({
        id: 'pm-b',
        incidentId: 'b',
        status: 'published',
        contributingFactors: [{ category: 'code_change', description: 'deploy' }],
        lessons: { wentWell: ['fast page'], wentWrong: ['slow rollback'], gotLucky: [] },
        recommendations: [{ description: 'canary', priority: 'high' }],
        actionItems: [
          { id: 'i2', status: 'open', dueDate: '2026-09-01', closedAt: null },
          { id: 'i3', status: 'done', dueDate: '2026-09-01', closedAt: new Date('2026-08-20T00:00:00Z') },
        ],
      }),
    ];
    // b repeats a: recorded when its alert linked (RepeatRecorder), read beside the incidents.
    const repeat: RepeatIncident = {
      incidentId: 'b',
      earlierIncidentId: 'a',
      services: ['checkout'],
      triggers: ['HighLatency'],
      actionItemsDoneAt: new Date('2026-06-01T00:00:00Z'),
    };
    const report = retrospective([earlier, later], pms, [repeat], q3, now);
    expect(report.repeatIncidents).toEqual([repeat]);
    expect([report.actionItems.total, report.actionItems.done, report.actionItems.overdue]).toEqual([2, 1, 1]);
    expect(report.whatWentWell.map((n) => n.text)).toEqual(['fast page']);
    expect(report.postMortems).toEqual({ required: 1, published: 1, missingIncidentIds: [] });
    expect(report.improvements.map((i) => i.kind)).toEqual([
      'repeat_incident',
      'overdue_action_items',
      'recommendation',
    ]);
    // Milestones are left empty: the response times come from SQL.
    expect(report.timeToAcknowledge.overall.count).toBe(0);
  });
});

describe('withAggregates', () => {
  const base = retrospective([], [], [], q3, now);
  const summary: SeveritySummary[] = [
    {
      severity: 'P1',
      incidents: 2,
      withoutService: 0,
      acknowledge: stats(2, 60_000, 120_000),
      resolve: stats(1, 1, 1),
    },
    { severity: 'P3', incidents: 3, withoutService: 1, acknowledge: stats(3, 5, 9), resolve: stats(0, null, null) },
    {
      severity: null,
      incidents: 5,
      withoutService: 1,
      acknowledge: stats(5, 60_000, 120_000),
      resolve: stats(1, 1, 1),
    },
  ];

  it('takes counts and response times from the SQL rows, every severity present', () => {
    const report = withAggregates(base, summary, [{ service: 'checkout', count: 4 }]);
    expect(report.incidentCount).toBe(5);
    expect(report.bySeverity).toEqual([
      { severity: 'P0', count: 0 },
      { severity: 'P1', count: 2 },
      { severity: 'P2', count: 0 },
      { severity: 'P3', count: 3 },
    ]);
    expect(report.withoutService).toBe(1);
    expect(report.byService).toEqual([{ service: 'checkout', count: 4 }]);
    expect(report.timeToAcknowledge.overall).toEqual(stats(5, 60_000, 120_000));
    expect(report.timeToAcknowledge.bySeverity.map((s) => s.stats)).toEqual([
      stats(0, null, null),
      stats(2, 60_000, 120_000),
      stats(0, null, null),
      stats(3, 5, 9),
    ]);
    expect(report.timeToResolve.bySeverity[3].stats).toEqual(stats(0, null, null));
  });

  it('answers zero and null without incidents (no total row)', () => {
    const report = withAggregates(base, [], []);
    expect([report.incidentCount, report.timeToResolve.overall, report.withoutService]).toEqual([
      0,
      stats(0, null, null),
      0,
    ]);
  });
});

describe('followUp', () => {
  it('is the recorded day when a meeting exists, else the suggestion of retrospective() (report day + 30)', () => {
    const report = retrospective([], [], [], q3, now);
    expect(followUp(report, null)).toEqual({ date: '2026-11-04', source: 'suggested' });
    expect(followUp(report, { followUpDate: '2026-12-01' })).toEqual({ date: '2026-12-01', source: 'recorded' });
  });
});

describe('validateMeeting', () => {
  it('trims improvements and notes and keeps a valid day and version', () => {
    expect(
      validateMeeting({ improvements: [' a ', 'b'], notes: ' n ', followUpDate: '2026-10-20', expectedVersion: 2 }, q3),
    ).toEqual({ improvements: ['a', 'b'], notes: 'n', followUpDate: '2026-10-20', expectedVersion: 2 });
    expect(validateMeeting({ improvements: [], notes: null, followUpDate: null, expectedVersion: null }, q3)).toEqual({
      improvements: [],
      notes: '',
      followUpDate: null,
      expectedVersion: null,
    });
  });

  it('refuses with every issue, each naming its field', () => {
    const error = <RetrospectiveException>caught(() =>
      validateMeeting(
        {
          improvements: ['x', '', 'x', 'y'.repeat(501)],
          notes: 'z'.repeat(10_001),
          followUpDate: '2026-06-30',
          expectedVersion: 0,
        },
        q3,
      ),
    );
    expect(error.code).toBe(RetrospectiveErrorCode.INVALID_RETROSPECTIVE_INPUT);
    expect(error.message).toBe(
      'retrospective 2026-Q3 refused: improvements[1] must not be empty; improvements[2] repeats improvements[0]; ' +
        'improvements[3] at most 500 characters, got 501; notes at most 10000 characters, got 10001; ' +
        'followUpDate 2026-06-30 is before the period 2026-Q3 starts (2026-07-01); ' +
        'expectedVersion must be a whole number from 1, got 0',
    );
    const many = <RetrospectiveException>caught(() =>
      validateMeeting(
        {
          improvements: Array.from({ length: 51 }, (_, i) => `i${i}`),
          notes: '',
          followUpDate: 'soon',
          expectedVersion: null,
        },
        q3,
      ),
    );
    expect(many.message).toBe(
      'retrospective 2026-Q3 refused: improvements at most 50, got 51; followUpDate must be a calendar day YYYY-MM-DD, got "soon"',
    );
  });
});

describe('validateServiceFilter', () => {
  it('passes null and service names, refuses other text naming it', () => {
    expect([
      validateServiceFilter(null),
      validateServiceFilter(undefined),
      validateServiceFilter(' checkout '),
    ]).toEqual([null, null, 'checkout']);
    const error = <RetrospectiveException>caught(() => validateServiceFilter('Check Out'));
    expect([error.code, error.message]).toEqual([
      RetrospectiveErrorCode.INVALID_RETROSPECTIVE_INPUT,
      'service "Check Out" is not a service name (lower-case letters, digits, ".", "_", "-"; at most 63 characters)',
    ]);
  });
});
