import { humanizeDuration, incidentDurations } from './durations';
import { PostMortemErrorCode, PostMortemException } from './post-mortem.exception';
import { at, caught, noMilestones } from './testing/post-mortem.factory';

const MIN = 60_000;

describe('incidentDurations', () => {
  it('measures detection from the impact and the response from detection', () => {
    expect(
      incidentDurations({
        impactStartedAt: at('2026-07-01T09:50:00Z'),
        detectedAt: at('2026-07-01T10:00:00Z'),
        acknowledgedAt: at('2026-07-01T10:03:00Z'),
        mitigatedAt: at('2026-07-01T11:23:00Z'),
        resolvedAt: at('2026-07-01T12:05:00Z'),
        closedAt: at('2026-07-02T09:00:00Z'),
      }),
    ).toEqual({
      timeToDetectMs: 10 * MIN,
      timeToAcknowledgeMs: 3 * MIN,
      timeToMitigateMs: 83 * MIN,
      timeToResolveMs: 125 * MIN,
      impactDurationMs: 93 * MIN,
    });
  });

  it('leaves a duration null when a milestone is missing, and falls back for the impact window', () => {
    expect(
      incidentDurations({
        ...noMilestones(),
        detectedAt: at('2026-07-01T10:00:00Z'),
        resolvedAt: at('2026-07-01T10:30:00Z'),
      }),
    ).toEqual({
      timeToDetectMs: null,
      timeToAcknowledgeMs: null,
      timeToMitigateMs: null,
      timeToResolveMs: 30 * MIN,
      impactDurationMs: 30 * MIN,
    });
  });

  it('refuses milestones out of order, naming both', () => {
    const milestones = {
      ...noMilestones(),
      detectedAt: at('2026-07-01T10:00:00Z'),
      acknowledgedAt: at('2026-07-01T09:59:00Z'),
    };
    expect(() => incidentDurations(milestones)).toThrow(PostMortemException);
    expect(() => incidentDurations(milestones)).toThrow(
      'milestone "acknowledged" (2026-07-01T09:59:00.000Z) is before "detected" (2026-07-01T10:00:00.000Z)',
    );
    expect(caught(() => incidentDurations(milestones))).toMatchObject({
      code: PostMortemErrorCode.INVALID_MILESTONES,
      category: 'BAD_USER_INPUT',
    });
  });
});

describe('humanizeDuration', () => {
  it.each([
    [0, '0 s'],
    [45_000, '45 s'],
    [59_999, '59 s'],
    [60_000, '1 min'],
    [89_000, '1 min'],
    [90_000, '2 min'],
    [83 * MIN, '1 h 23 min'],
    [83 * MIN + 29_000, '1 h 23 min'],
    [120 * MIN, '2 h'],
    [24 * 60 * MIN, '1 d'],
    [(27 * 60 + 5) * MIN, '1 d 3 h 5 min'],
    [(48 * 60 + 7) * MIN, '2 d 7 min'],
  ])('%d ms reads "%s"', (ms, text) => {
    expect(humanizeDuration(ms)).toBe(text);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d', (ms) => {
    expect(() => humanizeDuration(ms)).toThrow(RangeError);
  });
});
