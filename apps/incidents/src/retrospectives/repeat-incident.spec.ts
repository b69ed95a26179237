import type { ActionItem } from '../postmortems';
import { anActionItem, at } from '../postmortems/testing/post-mortem.factory';
import { actionItemsDoneAt, findRepeat, type RepeatCandidate, type RepeatSubject } from './repeat-incident';

const done = (id: string, closedAt: string) =>
  anActionItem({ id, status: 'done', closedAt: at(closedAt), dueDate: '2026-05-01' });
const wontDo = (id: string, closedAt: string) =>
  anActionItem({ id, status: 'wont_do', closedAt: at(closedAt), statusReason: 'no' });

function aSubject(overrides: Partial<RepeatSubject> & { id: string; openedAt: Date }): RepeatSubject {
  return { services: ['checkout-api'], triggers: ['HighErrorRate'], ...overrides };
}

function aCandidate(
  overrides: Partial<RepeatSubject> & { id: string; openedAt: Date },
  actionItems: ActionItem[],
): RepeatCandidate {
  return { ...aSubject(overrides), actionItems };
}

describe('findRepeat', () => {
  // The scenario of the retrospective fixture: inc-0 in the previous quarter, inc-1 and inc-4 in the quarter.
  const inc0 = aCandidate({ id: 'inc-0', openedAt: at('2026-04-10T08:00:00Z') }, [
    done('a0', '2026-04-20T00:00:00Z'),
    done('a0b', '2026-05-01T00:00:00Z'),
  ]);
  const inc1 = aCandidate({ id: 'inc-1', openedAt: at('2026-07-05T12:00:00Z') }, [
    done('a1', '2026-07-15T00:00:00Z'),
    anActionItem({ id: 'a2', status: 'open', dueDate: '2026-07-20' }),
    wontDo('a3', '2026-07-16T00:00:00Z'),
  ]);
  const inc4 = aSubject({ id: 'inc-4', openedAt: at('2026-08-15T12:00:00Z'), triggers: ['Other', 'HighErrorRate'] });

  it('finds the earlier incident on a shared service and trigger whose action items were all done', () => {
    expect(findRepeat(inc1, [inc0])).toEqual({
      incidentId: 'inc-1',
      earlierIncidentId: 'inc-0',
      services: ['checkout-api'],
      triggers: ['HighErrorRate'],
      actionItemsDoneAt: at('2026-05-01T00:00:00Z'),
    });
  });

  it('skips a more recent candidate that still has an open item in favour of an older one whose items are done', () => {
    expect(findRepeat(inc4, [inc0, inc1])).toEqual({
      incidentId: 'inc-4',
      earlierIncidentId: 'inc-0',
      services: ['checkout-api'],
      triggers: ['HighErrorRate'],
      actionItemsDoneAt: at('2026-05-01T00:00:00Z'),
    });
  });

  it('chooses the most recent earlier candidate, whatever the order of the candidates', () => {
    const inc1Done = aCandidate({ id: 'inc-1', openedAt: at('2026-07-05T12:00:00Z') }, [
      done('a1', '2026-07-15T00:00:00Z'),
    ]);
    const expected = { earlierIncidentId: 'inc-1', actionItemsDoneAt: at('2026-07-15T00:00:00Z') };
    expect(findRepeat(inc4, [inc0, inc1Done])).toMatchObject(expected);
    expect(findRepeat(inc4, [inc1Done, inc0])).toMatchObject(expected);
  });

  it('is no repeat when the earlier items were done only after the later incident opened', () => {
    const inc9 = aCandidate(
      { id: 'inc-9', openedAt: at('2026-06-01T08:00:00Z'), services: ['identity'], triggers: ['LoginFailures'] },
      [done('a9', '2026-08-10T00:00:00Z')],
    );
    const inc3 = (openedAt: string) =>
      aSubject({ id: 'inc-3', openedAt: at(openedAt), services: ['identity'], triggers: ['LoginFailures'] });
    expect(findRepeat(inc3('2026-08-01T12:00:00Z'), [inc9])).toBeNull();
    // Done at the very moment it opened is not before it.
    expect(findRepeat(inc3('2026-08-10T00:00:00Z'), [inc9])).toBeNull();
    expect(findRepeat(inc3('2026-08-10T00:00:00.001Z'), [inc9])).toMatchObject({ earlierIncidentId: 'inc-9' });
  });

  it('does not call it a repeat when the earlier items were all decided against, but does once one is done', () => {
    const later = aSubject({ id: 'new', openedAt: at('2026-08-01T00:00:00Z') });
    const items = [wontDo('w', '2026-07-02T00:00:00Z')];
    expect(findRepeat(later, [aCandidate({ id: 'old', openedAt: at('2026-07-01T00:00:00Z') }, items)])).toBeNull();
    const withDone = [...items, done('d', '2026-07-03T00:00:00Z')];
    expect(findRepeat(later, [aCandidate({ id: 'old', openedAt: at('2026-07-01T00:00:00Z') }, withDone)])).toEqual({
      incidentId: 'new',
      earlierIncidentId: 'old',
      services: ['checkout-api'],
      triggers: ['HighErrorRate'],
      actionItemsDoneAt: at('2026-07-03T00:00:00Z'),
    });
  });

  it('is no repeat when the earlier incident has no action items', () => {
    const later = aSubject({ id: 'new', openedAt: at('2026-08-01T00:00:00Z') });
    expect(findRepeat(later, [aCandidate({ id: 'old', openedAt: at('2026-07-01T00:00:00Z') }, [])])).toBeNull();
  });

  it('needs both a shared service and a shared trigger', () => {
    const old = aCandidate({ id: 'old', openedAt: at('2026-07-01T00:00:00Z'), services: ['a'], triggers: ['T'] }, [
      done('d', '2026-07-03T00:00:00Z'),
    ]);
    const later = (services: string[], triggers: string[]) =>
      findRepeat(aSubject({ id: 'new', openedAt: at('2026-08-01T00:00:00Z'), services, triggers }), [old]);
    expect(later(['a'], ['T'])).toMatchObject({ earlierIncidentId: 'old', services: ['a'], triggers: ['T'] });
    expect(later(['b'], ['T'])).toBeNull();
    expect(later(['a'], ['U'])).toBeNull();
    expect(later(['a'], [])).toBeNull();
    expect(later([], ['T'])).toBeNull();
    const declaredByHand = { ...old, triggers: [] };
    expect(
      findRepeat(aSubject({ id: 'new', openedAt: at('2026-08-01T00:00:00Z'), services: ['a'], triggers: ['T'] }), [
        declaredByHand,
      ]),
    ).toBeNull();
  });

  it('reports the shared services and triggers sorted and without duplicates, whatever the order of either incident', () => {
    const old = aCandidate(
      {
        id: 'old',
        openedAt: at('2026-07-01T00:00:00Z'),
        services: ['search', 'checkout-api', 'payments', 'payments'],
        triggers: ['Z', 'HighErrorRate', 'A', 'A'],
      },
      [done('d', '2026-07-03T00:00:00Z')],
    );
    const later = aSubject({
      id: 'new',
      openedAt: at('2026-08-01T00:00:00Z'),
      services: ['payments', 'identity', 'checkout-api', 'payments'],
      triggers: ['A', 'HighErrorRate', 'A', 'Other'],
    });
    expect(findRepeat(later, [old])).toMatchObject({
      services: ['checkout-api', 'payments'],
      triggers: ['A', 'HighErrorRate'],
    });
  });

  it('ignores candidates opened after the later incident, and those opened with it that sort after it by id', () => {
    const later = aSubject({ id: 'inc-5', openedAt: at('2026-08-01T00:00:00Z') });
    const items = [done('d', '2026-07-03T00:00:00Z')];
    const after = aCandidate({ id: 'inc-1', openedAt: at('2026-08-01T00:00:00.001Z') }, items);
    const sameTimeAfter = aCandidate({ id: 'inc-6', openedAt: at('2026-08-01T00:00:00Z') }, items);
    expect(findRepeat(later, [after])).toBeNull();
    expect(findRepeat(later, [sameTimeAfter])).toBeNull();
    // Opened at the same moment but before it by id: earlier (the order of RepeatRecorder's candidate query).
    const sameTimeBefore = aCandidate({ id: 'inc-4', openedAt: at('2026-08-01T00:00:00Z') }, items);
    expect(findRepeat(later, [sameTimeBefore])).toMatchObject({ earlierIncidentId: 'inc-4' });
  });

  it('ignores the incident itself among the candidates', () => {
    const later = aSubject({ id: 'new', openedAt: at('2026-08-01T00:00:00Z') });
    // Its own record, even one that would otherwise qualify (an older opening, items done before).
    const itself = aCandidate({ id: 'new', openedAt: at('2026-07-01T00:00:00Z') }, [done('d', '2026-07-03T00:00:00Z')]);
    const older = aCandidate({ id: 'old', openedAt: at('2026-06-01T00:00:00Z') }, [done('e', '2026-06-03T00:00:00Z')]);
    expect(findRepeat(later, [itself])).toBeNull();
    expect(findRepeat(later, [itself, older])).toMatchObject({ earlierIncidentId: 'old' });
    expect(findRepeat(later, [older, itself])).toMatchObject({ earlierIncidentId: 'old' });
  });

  it('breaks a tie on the opening by id: the one sorting last is the most recent', () => {
    const later = aSubject({ id: 'new', openedAt: at('2026-08-01T00:00:00Z') });
    const items = [done('d', '2026-07-03T00:00:00Z')];
    const a = aCandidate({ id: 'old-a', openedAt: at('2026-07-01T00:00:00Z') }, items);
    const b = aCandidate({ id: 'old-b', openedAt: at('2026-07-01T00:00:00Z') }, items);
    expect(findRepeat(later, [a, b])).toMatchObject({ earlierIncidentId: 'old-b' });
    expect(findRepeat(later, [b, a])).toMatchObject({ earlierIncidentId: 'old-b' });
  });

  it('is null without candidates', () => {
    expect(findRepeat(aSubject({ id: 'new', openedAt: at('2026-08-01T00:00:00Z') }), [])).toBeNull();
  });
});

describe('actionItemsDoneAt', () => {
  it('is when the last item closed, a decided-against one included, whatever the order of the items', () => {
    expect(
      actionItemsDoneAt([
        done('a', '2026-07-01T00:00:00Z'),
        wontDo('b', '2026-07-09T00:00:00Z'),
        done('c', '2026-07-05T00:00:00Z'),
      ]),
    ).toEqual(at('2026-07-09T00:00:00Z'));
    expect(actionItemsDoneAt([done('a', '2026-07-05T00:00:00Z'), done('b', '2026-07-02T00:00:00Z')])).toEqual(
      at('2026-07-05T00:00:00Z'),
    );
  });

  it('accepts the status and closing time alone', () => {
    expect(actionItemsDoneAt([{ status: 'done', closedAt: at('2026-07-01T00:00:00Z') }])).toEqual(
      at('2026-07-01T00:00:00Z'),
    );
  });

  it.each<[string, Pick<ActionItem, 'status' | 'closedAt'>[]]>([
    ['no items', []],
    ['an item still open', [done('a', '2026-07-01T00:00:00Z'), anActionItem({ id: 'b', status: 'open' })]],
    ['an item in progress', [anActionItem({ id: 'b', status: 'in_progress' }), done('a', '2026-07-01T00:00:00Z')]],
    ['no item done', [wontDo('a', '2026-07-01T00:00:00Z'), wontDo('b', '2026-07-02T00:00:00Z')]],
    ['a done item without its closing time', [done('a', '2026-07-01T00:00:00Z'), { status: 'done', closedAt: null }]],
    [
      'a wont_do item without its closing time',
      [done('a', '2026-07-01T00:00:00Z'), { status: 'wont_do', closedAt: null }],
    ],
  ])('is null with %s', (_, items) => {
    expect(actionItemsDoneAt(items)).toBeNull();
  });
});
