import type { Role } from '@keel/contracts';
import { PostMortemErrorCode } from './post-mortem.exception';
import type { PostMortemStatus } from './post-mortem.types';
import {
  assertPermitted,
  permits,
  POST_MORTEM_PERMISSIONS,
  type PostMortemAction,
  reviewReadiness,
  transitionPostMortem,
} from './post-mortem-workflow';
import { aPostMortem, anActionItem, at, caught } from './testing/post-mortem.factory';

const alice = { id: 'u-alice', roles: ['responder'] as Role[] }; // the owner
const bob = { id: 'u-bob', roles: ['responder'] as Role[] }; // the reviewer
const carol = { id: 'u-carol', roles: ['responder'] as Role[] }; // neither
const viewer = { id: 'u-vic', roles: ['viewer'] as Role[] };
const admin = { id: 'u-ada', roles: ['admin'] as Role[] };
const now = at('2026-07-03T08:00:00Z');

describe('post-mortem workflow', () => {
  it('goes draft → in review → published, recording each step', () => {
    const draft = aPostMortem({ status: 'draft' });
    const inReview = transitionPostMortem(draft, 'submit_for_review', alice, { now });
    expect(inReview.status).toBe('in_review');
    const later = at('2026-07-04T08:00:00Z');
    const published = transitionPostMortem(inReview, 'publish', bob, { now: later });
    expect(published).toMatchObject({ status: 'published', publishedAt: later, updatedAt: later });
    expect(published.history.slice(1)).toEqual([
      { action: 'submit_for_review', from: 'draft', to: 'in_review', actorId: 'u-alice', at: now, reason: null },
      { action: 'publish', from: 'in_review', to: 'published', actorId: 'u-bob', at: later, reason: null },
    ]);
    expect(draft.status).toBe('draft');
    expect(draft.history).toHaveLength(1);
  });

  it('returns from review to draft only with a reason, which is kept', () => {
    const inReview = aPostMortem();
    expect(caught(() => transitionPostMortem(inReview, 'return_to_draft', bob, { now, reason: '  ' }))).toMatchObject({
      code: PostMortemErrorCode.INVALID_POST_MORTEM_TRANSITION,
      message: 'return_to_draft needs a reason: say what must change before the next review',
    });
    const back = transitionPostMortem(inReview, 'return_to_draft', bob, { now, reason: ' Add the DNS finding ' });
    expect(back.status).toBe('draft');
    expect(back.publishedAt).toBeNull();
    expect(back.history.at(-1)).toEqual({
      action: 'return_to_draft',
      from: 'in_review',
      to: 'draft',
      actorId: 'u-bob',
      at: now,
      reason: 'Add the DNS finding',
    });
  });

  it.each([
    ['publish', 'draft', 'cannot publish a post-mortem in status draft (publish moves in_review → published)'],
    [
      'submit_for_review',
      'published',
      'cannot submit_for_review a post-mortem in status published (submit_for_review moves draft → in_review)',
    ],
    [
      'return_to_draft',
      'published',
      'cannot return_to_draft a post-mortem in status published (return_to_draft moves in_review → draft)',
    ],
    [
      'submit_for_review',
      'in_review',
      'cannot submit_for_review a post-mortem in status in_review (submit_for_review moves draft → in_review)',
    ],
  ] as const)('refuses %s from %s', (action, status, message) => {
    expect(
      caught(() => transitionPostMortem(aPostMortem({ status }), action, admin, { now, reason: 'x' })),
    ).toMatchObject({
      code: PostMortemErrorCode.INVALID_POST_MORTEM_TRANSITION,
      message,
    });
  });

  it('refuses to submit or publish an incomplete post-mortem, listing every gap', () => {
    const empty = aPostMortem({
      status: 'draft',
      reviewerIds: [],
      incident: { ...aPostMortem().incident, summary: ' ', timeline: [] },
      rootCause: { analysis: '', contributingFactors: [] },
      prevention: {
        recommendations: [],
        actionItems: [
          anActionItem({ title: 'Alert on pool usage', ownerId: null, dueDate: null }),
          anActionItem({ id: 'ai-2', title: 'Old idea', ownerId: null, dueDate: null, status: 'wont_do' }),
        ],
      },
    });
    expect(reviewReadiness(empty)).toEqual([
      'summary is empty',
      'timeline has no events',
      'root cause analysis is empty',
      'no contributing factor is chosen',
      'action item "Alert on pool usage" has no owner',
      'action item "Alert on pool usage" has no due date',
      'no reviewer is assigned',
    ]);
    expect(caught(() => transitionPostMortem(empty, 'submit_for_review', alice, { now }))).toMatchObject({
      code: PostMortemErrorCode.POST_MORTEM_INCOMPLETE,
      message: expect.stringMatching(/^cannot submit_for_review: summary is empty; timeline has no events; /),
    });
    expect(reviewReadiness(aPostMortem())).toEqual([]);
    expect(
      reviewReadiness(
        aPostMortem({
          incident: { ...aPostMortem().incident, impact: { ...aPostMortem().incident.impact, description: '' } },
        }),
      ),
    ).toEqual(['impact description is empty']);
  });

  describe('who may do what', () => {
    const cases: [PostMortemStatus, PostMortemAction, { id: string; roles: Role[] }, boolean][] = [
      ['draft', 'edit_content', alice, true],
      ['draft', 'edit_content', carol, true],
      ['draft', 'edit_content', viewer, false],
      ['in_review', 'edit_content', alice, false],
      ['published', 'edit_content', admin, false],
      ['draft', 'submit_for_review', alice, true],
      ['draft', 'submit_for_review', carol, false],
      ['draft', 'submit_for_review', admin, true],
      ['in_review', 'publish', bob, true],
      ['in_review', 'publish', carol, false],
      ['in_review', 'publish', alice, false],
      ['in_review', 'publish', admin, true],
      ['in_review', 'return_to_draft', alice, true],
      ['in_review', 'return_to_draft', bob, true],
      ['in_review', 'return_to_draft', carol, false],
      ['published', 'update_action_item', carol, true],
      ['published', 'update_action_item', viewer, false],
      ['in_review', 'assign_reviewers', alice, true],
      ['in_review', 'assign_reviewers', bob, false],
      ['published', 'assign_reviewers', admin, false],
    ];
    it.each(cases)('in %s, %s by %j: %s', (status, action, actor, allowed) => {
      expect(permits(aPostMortem({ status }), action, actor)).toBe(allowed);
    });

    it('keeps the owner from publishing their own post-mortem even as reviewer and admin', () => {
      const ownReview = aPostMortem({ ownerId: 'u-ada', reviewerIds: ['u-ada'] });
      expect(POST_MORTEM_PERMISSIONS.publish.excludeOwner).toBe(true);
      expect(caught(() => transitionPostMortem(ownReview, 'publish', admin, { now }))).toMatchObject({
        code: PostMortemErrorCode.POST_MORTEM_FORBIDDEN,
        category: 'FORBIDDEN',
        message: 'user "u-ada" owns this post-mortem and may not publish it; another reviewer or admin must',
      });
    });

    it('names who is allowed when refusing', () => {
      expect(caught(() => assertPermitted(aPostMortem(), 'publish', carol))).toMatchObject({
        code: PostMortemErrorCode.POST_MORTEM_FORBIDDEN,
        message: 'user "u-carol" may not publish this post-mortem (allowed: role admin, the reviewer)',
      });
      expect(caught(() => assertPermitted(aPostMortem({ status: 'published' }), 'edit_content', admin))).toMatchObject({
        code: PostMortemErrorCode.INVALID_POST_MORTEM_TRANSITION,
        message: 'a post-mortem in status published cannot be changed by edit_content (allowed in draft)',
      });
    });
  });
});
