// Editing a post-mortem's document: what a patch may change, the checks on each field, and which workflow
// permission each part needs. Pure: the service loads the post-mortem, asks for the permissions, applies the patch
// and stores the result at the version it read.
import { issue, type ValidationIssue } from '../common/validation-issue';
import { MILESTONE_NAMES, type MilestoneName } from '../common/milestone-names';
import { SERVICE_NAME } from '../common/names';
import { validateContributingFactor } from './contributing-factors';
import { PostMortemErrorCode, PostMortemException } from './post-mortem.exception';
import {
  RECOMMENDATION_PRIORITIES,
  RESOLUTION_OUTCOMES,
  type PostMortem,
  type RecommendationPriority,
  type ResolutionOutcome,
} from './post-mortem.types';
import type { PostMortemAction } from './post-mortem-workflow';

export const TITLE_MIN = 3;
export const TITLE_MAX = 200;
/** Prose sections (summary, impact, analysis, effectiveness): Markdown, up to this many characters. */
export const PROSE_MAX = 50_000;
/** One line of a list (a timeline event, a lesson, a recommendation, a resolution action). */
export const LINE_MAX = 2_000;
/** Entries of one list. */
export const LIST_MAX = 200;
const ID_MAX = 128;

/** A change to the document: absent (or null) fields stay as they are; lists are replaced whole. */
export interface PostMortemPatch {
  title?: string | null;
  summary?: string | null;
  impactDescription?: string | null;
  affectedServices?: readonly string[] | null;
  timeline?: ReadonlyArray<{
    at: Date;
    description: string;
    actorId?: string | null;
    sourceEntryId?: string | null;
    milestone?: string | null;
  }> | null;
  rootCauseAnalysis?: string | null;
  contributingFactors?: ReadonlyArray<{ category: string; description?: string | null }> | null;
  resolutionActions?: ReadonlyArray<{
    description: string;
    takenAt?: Date | null;
    actorId?: string | null;
    outcome?: string | null;
  }> | null;
  resolutionEffectiveness?: string | null;
  recommendations?: ReadonlyArray<{ description: string; priority?: string | null }> | null;
  wentWell?: readonly string[] | null;
  wentWrong?: readonly string[] | null;
  gotLucky?: readonly string[] | null;
  reviewerIds?: readonly string[] | null;
}

const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

/**
 * The workflow permissions a patch needs: assign_reviewers for the reviewers, edit_content for anything else.
 * Empty for a patch that changes nothing.
 */
export function patchPermissions(patch: PostMortemPatch): PostMortemAction[] {
  const { reviewerIds, ...content } = patch;
  const actions: PostMortemAction[] = [];
  if (Object.values(content).some(given)) actions.push('edit_content');
  if (given(reviewerIds)) actions.push('assign_reviewers');
  return actions;
}

function text(value: string, field: string, min: number, max: number, issues: ValidationIssue[]): string {
  const trimmed = value.trim();
  if (trimmed.length < min || trimmed.length > max) {
    issues.push(issue(field, `must have ${min} to ${max} characters, got ${trimmed.length}`));
  }
  return trimmed;
}

function list<T, R>(
  values: readonly T[],
  field: string,
  issues: ValidationIssue[],
  each: (value: T, field: string) => R,
): R[] {
  if (values.length > LIST_MAX)
    issues.push(issue(field, `must have at most ${LIST_MAX} entries, got ${values.length}`));
  return values.slice(0, LIST_MAX).map((value, i) => each(value, `${field}[${i}]`));
}

function optionalId(value: string | null | undefined, field: string, issues: ValidationIssue[]): string | null {
  const id = value?.trim() || null;
  if (id !== null && id.length > ID_MAX) issues.push(issue(field, `must have at most ${ID_MAX} characters`));
  return id;
}

function validInstant(value: Date, field: string, issues: ValidationIssue[]): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) issues.push(issue(field, 'must be a valid instant'));
  return value;
}

function oneOf<T extends string>(
  value: string | null | undefined,
  allowed: readonly T[],
  fallback: T,
  field: string,
  issues: ValidationIssue[],
): T {
  if (!given(value)) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  issues.push(issue(field, `must be one of ${allowed.join(', ')}, got "${value}"`));
  return fallback;
}

function lessons(values: readonly string[], field: string, issues: ValidationIssue[]): string[] {
  return list(values, field, issues, (value, f) => text(value, f, 1, LINE_MAX, issues));
}

/**
 * The post-mortem with the patch applied and `updatedAt` set to `now` (the input is not changed). Refuses
 * (INVALID_POST_MORTEM_INPUT) with every problem at once, each naming its field; the `issues` detail lists them.
 * Permissions are the caller's business (see patchPermissions).
 */
export function applyPostMortemPatch(postMortem: PostMortem, patch: PostMortemPatch, now: Date): PostMortem {
  const issues: ValidationIssue[] = [];
  const { incident, rootCause, resolution, prevention, lessons: current } = postMortem;

  const title = given(patch.title) ? text(patch.title, 'title', TITLE_MIN, TITLE_MAX, issues) : postMortem.title;
  const summary = given(patch.summary) ? text(patch.summary, 'summary', 0, PROSE_MAX, issues) : incident.summary;
  const impactDescription = given(patch.impactDescription)
    ? text(patch.impactDescription, 'impactDescription', 0, PROSE_MAX, issues)
    : incident.impact.description;
  const affectedServices = given(patch.affectedServices)
    ? [
        ...new Set(
          list(patch.affectedServices, 'affectedServices', issues, (value, f) => {
            const name = value.trim();
            if (!SERVICE_NAME.test(name)) issues.push(issue(f, `must match ${SERVICE_NAME.source}, got "${name}"`));
            return name;
          }),
        ),
      ]
    : incident.impact.affectedServices;
  const timeline = given(patch.timeline)
    ? list(patch.timeline, 'timeline', issues, (event, f) => ({
        at: validInstant(event.at, `${f}.at`, issues),
        description: text(event.description, `${f}.description`, 1, LINE_MAX, issues),
        actorId: optionalId(event.actorId, `${f}.actorId`, issues),
        sourceEntryId: optionalId(event.sourceEntryId, `${f}.sourceEntryId`, issues),
        milestone: given(event.milestone)
          ? oneOf<MilestoneName>(event.milestone, MILESTONE_NAMES, 'detected', `${f}.milestone`, issues)
          : null,
      })).sort((a, b) => a.at.getTime() - b.at.getTime())
    : incident.timeline;
  const analysis = given(patch.rootCauseAnalysis)
    ? text(patch.rootCauseAnalysis, 'rootCauseAnalysis', 0, PROSE_MAX, issues)
    : rootCause.analysis;
  const contributingFactors = given(patch.contributingFactors)
    ? list(patch.contributingFactors, 'contributingFactors', issues, (factor, f) => {
        try {
          return validateContributingFactor(factor);
        } catch (error) {
          if (!(error instanceof PostMortemException)) throw error;
          issues.push({ field: f, message: `${f}: ${error.message}` });
          return { category: 'unknown' as const, description: '' };
        }
      })
    : rootCause.contributingFactors;
  const actions = given(patch.resolutionActions)
    ? list(patch.resolutionActions, 'resolutionActions', issues, (action, f) => ({
        description: text(action.description, `${f}.description`, 1, LINE_MAX, issues),
        takenAt: given(action.takenAt) ? validInstant(action.takenAt, `${f}.takenAt`, issues) : null,
        actorId: optionalId(action.actorId, `${f}.actorId`, issues),
        outcome: oneOf<ResolutionOutcome>(action.outcome, RESOLUTION_OUTCOMES, 'unknown', `${f}.outcome`, issues),
      }))
    : resolution.actions;
  const effectiveness = given(patch.resolutionEffectiveness)
    ? text(patch.resolutionEffectiveness, 'resolutionEffectiveness', 0, PROSE_MAX, issues)
    : resolution.effectiveness;
  const recommendations = given(patch.recommendations)
    ? list(patch.recommendations, 'recommendations', issues, (r, f) => ({
        description: text(r.description, `${f}.description`, 1, LINE_MAX, issues),
        priority: oneOf<RecommendationPriority>(
          r.priority,
          RECOMMENDATION_PRIORITIES,
          'medium',
          `${f}.priority`,
          issues,
        ),
      }))
    : prevention.recommendations;
  const reviewerIds = given(patch.reviewerIds)
    ? [
        ...new Set(
          list(patch.reviewerIds, 'reviewerIds', issues, (id, f) => {
            const trimmed = optionalId(id, f, issues);
            if (trimmed === null) issues.push(issue(f, 'must be a user id'));
            return trimmed ?? '';
          }),
        ),
      ]
    : postMortem.reviewerIds;
  if (given(patch.reviewerIds) && reviewerIds.includes(postMortem.ownerId)) {
    issues.push(issue('reviewerIds', `must not name the owner "${postMortem.ownerId}": the author does not review`));
  }
  const lessonsNow = {
    wentWell: given(patch.wentWell) ? lessons(patch.wentWell, 'wentWell', issues) : current.wentWell,
    wentWrong: given(patch.wentWrong) ? lessons(patch.wentWrong, 'wentWrong', issues) : current.wentWrong,
    gotLucky: given(patch.gotLucky) ? lessons(patch.gotLucky, 'gotLucky', issues) : current.gotLucky,
  };

  if (issues.length > 0) {
    throw new PostMortemException(
      PostMortemErrorCode.INVALID_POST_MORTEM_INPUT,
      issues.map((i) => i.message).join('; '),
      { issues: issues.map((i) => ({ field: i.field, message: i.message })) },
    );
  }
  return {
    ...postMortem,
    title,
    reviewerIds,
    incident: { summary, timeline, impact: { ...incident.impact, description: impactDescription, affectedServices } },
    rootCause: { analysis, contributingFactors },
    resolution: { actions, effectiveness },
    prevention: { ...prevention, recommendations },
    lessons: lessonsNow,
    updatedAt: now,
  };
}
