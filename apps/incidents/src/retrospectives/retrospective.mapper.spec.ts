import { caught } from '../postmortems/testing/post-mortem.factory';
import { parsePeriod } from './period';
import { retrospective, type RepeatIncident, type RetrospectiveReport } from './retrospective';
import { DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT, validateListLimit } from './retrospective-report';
import { RetrospectiveErrorCode } from './retrospective.exception';
import { toRetrospectiveModel } from './retrospective.mapper';
import type { RetrospectiveAnswer } from './retrospective.service';

const q3 = parsePeriod('2026-Q3');
const now = new Date('2026-10-05T10:00:00Z');

/** A repeat of `earlier` by `later` on checkout-api / HighErrorRate. */
const repeat = (later: string, earlier: string): RepeatIncident => ({
  incidentId: later,
  earlierIncidentId: earlier,
  services: ['checkout-api'],
  triggers: ['HighErrorRate'],
  actionItemsDoneAt: new Date('2026-06-01T00:00:00Z'),
});

const note = (n: number) => ({ incidentId: `inc-${n}`, postMortemId: `pm-${n}`, text: `lesson ${n}` });

/** A report with five of everything that is a list. */
function aBusyReport(): RetrospectiveReport {
  const base = retrospective(
    [],
    [],
    [1, 2, 3, 4, 5].map((n) => repeat(`inc-${n}`, 'inc-0')),
    q3,
    now,
  );
  const five = [1, 2, 3, 4, 5].map(note);
  return {
    ...base,
    postMortems: { required: 5, published: 0, missingIncidentIds: five.map((n) => n.incidentId) },
    whatWentWell: five,
    whatWentWrong: five.slice(0, 2),
    whereWeGotLucky: [],
    improvements: [
      ...base.improvements,
      {
        kind: 'missing_post_mortems',
        message: '5 incidents need a post-mortem',
        incidentIds: ['a', 'b', 'c', 'd', 'e'],
      },
      { kind: 'recommendation', message: 'Load test quarterly', incidentIds: ['inc-1'] },
    ],
  };
}

function answer(report: RetrospectiveReport): RetrospectiveAnswer {
  return { report, service: null, meeting: null, followUpDate: report.followUpDate, followUpDateSource: 'suggested' };
}

describe('toRetrospectiveModel', () => {
  it('answers at most `first` entries of every list and the full lengths in totals and incidentCount', () => {
    const model = toRetrospectiveModel(answer(aBusyReport()), 2);
    expect(model.repeatIncidents.map((r) => r.incidentId)).toEqual(['inc-1', 'inc-2']);
    expect(model.postMortems).toEqual({ required: 5, published: 0, missingIncidentIds: ['inc-1', 'inc-2'] });
    expect(model.whatWentWell.map((n) => n.text)).toEqual(['lesson 1', 'lesson 2']);
    expect(model.whatWentWrong).toHaveLength(2);
    expect(model.improvements).toEqual([
      {
        kind: 'repeat_incident',
        message: expect.stringContaining('recurred in 5 incidents'),
        incidentIds: ['inc-0', 'inc-1'],
        incidentCount: 6,
      },
      {
        kind: 'missing_post_mortems',
        message: '5 incidents need a post-mortem',
        incidentIds: ['a', 'b'],
        incidentCount: 5,
      },
    ]);
    expect(model.totals).toEqual({
      repeatIncidents: 5,
      missingPostMortems: 5,
      whatWentWell: 5,
      whatWentWrong: 2,
      whereWeGotLucky: 0,
      improvements: 3,
    });
  });

  it('answers whole lists when they fit', () => {
    const report = aBusyReport();
    const model = toRetrospectiveModel(answer(report), 100);
    expect(model.repeatIncidents).toEqual(report.repeatIncidents);
    expect(model.whatWentWell).toEqual(report.whatWentWell);
    expect(model.improvements.map((i) => i.incidentIds)).toEqual(report.improvements.map((i) => i.incidentIds));
  });
});

describe('validateListLimit', () => {
  it(`is ${DEFAULT_LIST_LIMIT} when not given, and any whole number from 1 to ${MAX_LIST_LIMIT}`, () => {
    expect([
      validateListLimit(undefined),
      validateListLimit(null),
      validateListLimit(1),
      validateListLimit(1000),
    ]).toEqual([DEFAULT_LIST_LIMIT, DEFAULT_LIST_LIMIT, 1, 1000]);
  });

  it.each([0, -3, 1001, 2.5])('refuses %p, naming the range', (first) => {
    expect(caught(() => validateListLimit(first))).toMatchObject({
      code: RetrospectiveErrorCode.INVALID_RETROSPECTIVE_INPUT,
      message: `first must be a whole number from 1 to 1000, got ${first}`,
      details: { issues: [{ field: 'first', message: 'first must be from 1 to 1000' }] },
    });
  });
});
