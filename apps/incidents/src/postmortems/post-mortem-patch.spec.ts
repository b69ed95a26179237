import { applyPostMortemPatch, LIST_MAX, patchPermissions } from './post-mortem-patch';
import { PostMortemErrorCode, type PostMortemException } from './post-mortem.exception';
import { aPostMortem, at, caught } from './testing/post-mortem.factory';

const NOW = at('2026-07-02T08:00:00Z');

describe('patchPermissions', () => {
  it('asks edit_content for the content, assign_reviewers for the reviewers, nothing for an empty patch', () => {
    expect(patchPermissions({ summary: 'x' })).toEqual(['edit_content']);
    expect(patchPermissions({ reviewerIds: ['u-bob'] })).toEqual(['assign_reviewers']);
    expect(patchPermissions({ wentWell: [], reviewerIds: [] })).toEqual(['edit_content', 'assign_reviewers']);
    expect(patchPermissions({ summary: null, timeline: undefined })).toEqual([]);
  });
});

describe('applyPostMortemPatch', () => {
  const draft = aPostMortem({ status: 'draft' });

  it('changes only the fields given, trims text, dedupes services and reviewers, stamps updatedAt', () => {
    const next = applyPostMortemPatch(
      draft,
      {
        title: '  Checkout errors after deploy ',
        impactDescription: ' 4% of checkouts failed. ',
        affectedServices: ['checkout-api', 'payments', 'checkout-api'],
        contributingFactors: [{ category: 'configuration_change', description: ' pool limit ' }],
        wentWell: [' Rollback was quick '],
        gotLucky: ['Before the sale'],
        reviewerIds: ['u-bob', 'u-carol', 'u-bob'],
      },
      NOW,
    );
    expect(next).toMatchObject({
      title: 'Checkout errors after deploy',
      reviewerIds: ['u-bob', 'u-carol'],
      incident: {
        summary: draft.incident.summary,
        impact: { description: '4% of checkouts failed.', affectedServices: ['checkout-api', 'payments'] },
      },
      rootCause: {
        analysis: draft.rootCause.analysis,
        contributingFactors: [{ category: 'configuration_change', description: 'pool limit' }],
      },
      lessons: { wentWell: ['Rollback was quick'], wentWrong: [], gotLucky: ['Before the sale'] },
      updatedAt: NOW,
    });
    expect(next.prevention.actionItems).toBe(draft.prevention.actionItems);
    expect(draft.title).toBe('Checkout errors'); // the input is not changed
  });

  it('keeps the timeline in time order and defaults outcomes and priorities', () => {
    const next = applyPostMortemPatch(
      draft,
      {
        timeline: [
          { at: at('2026-07-01T10:30:00Z'), description: 'Rolled back', actorId: 'u-alice' },
          { at: at('2026-07-01T10:00:00Z'), description: 'Detected', milestone: 'detected', sourceEntryId: '17' },
        ],
        resolutionActions: [{ description: 'Rolled back to 4.1' }],
        recommendations: [{ description: 'Canary deploys', priority: 'high' }, { description: 'Pool docs' }],
      },
      NOW,
    );
    expect(next.incident.timeline).toEqual([
      {
        at: at('2026-07-01T10:00:00Z'),
        description: 'Detected',
        actorId: null,
        sourceEntryId: '17',
        milestone: 'detected',
      },
      {
        at: at('2026-07-01T10:30:00Z'),
        description: 'Rolled back',
        actorId: 'u-alice',
        sourceEntryId: null,
        milestone: null,
      },
    ]);
    expect(next.resolution.actions).toEqual([
      { description: 'Rolled back to 4.1', takenAt: null, actorId: null, outcome: 'unknown' },
    ]);
    expect(next.prevention.recommendations).toEqual([
      { description: 'Canary deploys', priority: 'high' },
      { description: 'Pool docs', priority: 'medium' },
    ]);
  });

  it('refuses with every problem at once, each naming its field', () => {
    const error = caught(() =>
      applyPostMortemPatch(
        draft,
        {
          title: 'ab',
          affectedServices: ['Checkout API'],
          timeline: [{ at: new Date('nope'), description: ' ' }],
          contributingFactors: [{ category: 'human_error', description: 'x' }],
          recommendations: [{ description: 'x', priority: 'urgent' }],
          wentWrong: [''],
          reviewerIds: ['u-alice'],
        },
        NOW,
      ),
    ) as PostMortemException;
    expect(error.code).toBe(PostMortemErrorCode.INVALID_POST_MORTEM_INPUT);
    expect((error.details['issues'] as Array<{ field: string }>).map((i) => i.field)).toEqual([
      'title',
      'affectedServices[0]',
      'timeline[0].at',
      'timeline[0].description',
      'contributingFactors[0]',
      'recommendations[0].priority',
      'reviewerIds',
      'wentWrong[0]',
    ]);
    expect(error.message).toContain('title must have 3 to 200 characters, got 2');
    expect(error.message).toContain('contributingFactors[0]: contributing factor category must be one of code_change');
    expect(error.message).toContain('reviewerIds must not name the owner "u-alice": the author does not review');
  });

  it('caps the length of lists', () => {
    const error = caught(() =>
      applyPostMortemPatch(draft, { wentWell: Array.from({ length: LIST_MAX + 1 }, () => 'ok') }, NOW),
    ) as PostMortemException;
    expect(error.message).toBe(`wentWell must have at most ${LIST_MAX} entries, got ${LIST_MAX + 1}`);
  });
});
