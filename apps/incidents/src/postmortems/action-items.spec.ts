import type { Role } from '@keel/contracts';
import {
  closingBlockers,
  decideIncidentClosing,
  isOverdue,
  overdueActionItems,
  setActionItemStatus,
  validateActionItem,
} from './action-items';
import { PostMortemErrorCode, PostMortemException } from './post-mortem.exception';
import { anActionItem, at, caught } from './testing/post-mortem.factory';

const admin = { id: 'u-ada', roles: ['admin'] as Role[] };
const responder = { id: 'u-bob', roles: ['responder'] as Role[] };

describe('validateActionItem', () => {
  it('normalizes an item', () => {
    expect(
      validateActionItem({
        title: '  Alert on pool usage ',
        type: 'detect',
        ownerId: ' u-alice ',
        dueDate: '2026-07-31',
      }),
    ).toEqual({
      title: 'Alert on pool usage',
      type: 'detect',
      ownerId: 'u-alice',
      dueDate: '2026-07-31',
      required: false,
    });
    expect(
      validateActionItem({ title: 'Write runbook', type: 'process', ownerId: '', dueDate: null, required: true }),
    ).toEqual({ title: 'Write runbook', type: 'process', ownerId: null, dueDate: null, required: true });
  });

  it.each([
    [{ title: ' ', type: 'detect' }, 'action item title must have 1 to 300 characters, got 0'],
    [{ title: 'x'.repeat(301), type: 'detect' }, 'action item title must have 1 to 300 characters, got 301'],
    [
      { title: 'Fix', type: 'repair' },
      'action item type must be one of prevent, mitigate, detect, process, got "repair"',
    ],
    [
      { title: 'Fix', type: 'prevent', dueDate: '2026-02-30' },
      'action item dueDate must be a calendar date YYYY-MM-DD, got "2026-02-30"',
    ],
    [
      { title: 'Fix', type: 'prevent', dueDate: 'next week' },
      'action item dueDate must be a calendar date YYYY-MM-DD, got "next week"',
    ],
  ])('refuses %j', (input, message) => {
    expect(caught(() => validateActionItem(input))).toMatchObject({
      code: PostMortemErrorCode.INVALID_POST_MORTEM_INPUT,
      message,
    });
  });
});

describe('setActionItemStatus', () => {
  const now = at('2026-07-20T10:00:00Z');

  it('stamps done and clears the stamp when reopened', () => {
    const done = setActionItemStatus(anActionItem({ status: 'in_progress' }), 'done', { now });
    expect(done).toMatchObject({ status: 'done', closedAt: now, statusReason: null });
    expect(setActionItemStatus(done, 'open', { now })).toMatchObject({
      status: 'open',
      closedAt: null,
      statusReason: null,
    });
  });

  it('needs a reason for wont_do and keeps it', () => {
    expect(() => setActionItemStatus(anActionItem(), 'wont_do', { now })).toThrow(
      'action item "Add a connection pool alert" can only become wont_do with a reason',
    );
    expect(setActionItemStatus(anActionItem(), 'wont_do', { now, reason: ' Superseded by ai-9 ' })).toMatchObject({
      status: 'wont_do',
      closedAt: now,
      statusReason: 'Superseded by ai-9',
    });
  });

  it('refuses an unknown status', () => {
    expect(() => setActionItemStatus(anActionItem(), 'closed', { now })).toThrow(
      'action item status must be one of open, in_progress, done, wont_do, got "closed"',
    );
  });
});

describe('overdue action items', () => {
  it('are overdue once their due day has ended in UTC', () => {
    const item = anActionItem({ dueDate: '2026-07-10' });
    expect(isOverdue(item, at('2026-07-10T23:59:59.999Z'))).toBe(false);
    expect(isOverdue(item, at('2026-07-11T00:00:00Z'))).toBe(true);
  });

  it('surfaces only open or in-progress items with a past due date, longest overdue first', () => {
    const items = [
      anActionItem({ id: 'a', dueDate: '2026-07-05', status: 'in_progress' }),
      anActionItem({ id: 'b', dueDate: '2026-07-01', status: 'done' }),
      anActionItem({ id: 'c', dueDate: null }),
      anActionItem({ id: 'd', dueDate: '2026-07-02' }),
      anActionItem({ id: 'e', dueDate: '2026-07-30' }),
      anActionItem({ id: 'f', dueDate: '2026-07-01', status: 'wont_do' }),
      anActionItem({ id: 'g', dueDate: '2026-07-02' }),
    ];
    expect(overdueActionItems(items, at('2026-07-20T00:00:00Z')).map((i) => i.id)).toEqual(['d', 'g', 'a']);
  });
});

describe('closing the incident', () => {
  const items = [
    anActionItem({ id: 'a', title: 'Raise pool size', required: true, status: 'in_progress' }),
    anActionItem({ id: 'b', title: 'Nice to have', required: false }),
    anActionItem({ id: 'c', title: 'Add alert', required: true, status: 'done' }),
    anActionItem({ id: 'd', title: 'Rewrite', required: true, status: 'wont_do' }),
    anActionItem({ id: 'e', title: 'Load test', required: true, status: 'open' }),
  ];

  it('is blocked by required items that are open or in progress', () => {
    expect(closingBlockers(items).map((i) => i.id)).toEqual(['a', 'e']);
  });

  it('is allowed without blockers, and an override is then not recorded', () => {
    expect(decideIncidentClosing(items.slice(1, 4), responder, { reason: 'whatever' })).toEqual({
      blockers: [],
      override: null,
    });
  });

  it('refuses with blockers and no override, naming them', () => {
    const error = caught(() => decideIncidentClosing(items, admin));
    expect(error).toBeInstanceOf(PostMortemException);
    expect(error).toMatchObject({
      code: PostMortemErrorCode.INCIDENT_CLOSING_BLOCKED,
      message:
        'cannot close the incident: required action items are not done: "Raise pool size" (in_progress), "Load test" (open); an admin may override with a reason',
    });
  });

  it('lets only an admin override, and only with a reason', () => {
    expect(caught(() => decideIncidentClosing(items, responder, { reason: 'customer waiting' }))).toMatchObject({
      code: PostMortemErrorCode.POST_MORTEM_FORBIDDEN,
      message: 'user "u-bob" may not override open required action items (allowed: role admin)',
    });
    expect(caught(() => decideIncidentClosing(items, admin, { reason: '  ' }))).toMatchObject({
      code: PostMortemErrorCode.INVALID_POST_MORTEM_INPUT,
      message: 'closing override needs a reason',
    });
    const decision = decideIncidentClosing(items, admin, { reason: ' Tracked in OPS-12 ' });
    expect(decision.blockers.map((i) => i.id)).toEqual(['a', 'e']);
    expect(decision.override).toEqual({ byUserId: 'u-ada', reason: 'Tracked in OPS-12' });
  });
});
