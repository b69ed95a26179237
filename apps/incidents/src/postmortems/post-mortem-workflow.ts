import type { Role } from '@keel/contracts';
import { PostMortemErrorCode, PostMortemException } from './post-mortem.exception';
import type { PostMortem, PostMortemStatus, PostMortemTransitionAction } from './post-mortem.types';

/** Who acts: the signed-in user's id and platform roles (the `Actor` of @keel/contracts fits). */
export interface PostMortemActor {
  id: string;
  roles: readonly Role[];
}

/** How a user relates to one post-mortem. */
export type PostMortemRelation = 'owner' | 'reviewer';

export type PostMortemAction = 'edit_content' | 'assign_reviewers' | 'update_action_item' | PostMortemTransitionAction;

/**
 * Who may do what. An actor is allowed when the post-mortem is in one of `statuses` and the actor holds one of
 * `roles` exactly (no ladder: every role that may act is listed) or has one of `relations` to the post-mortem;
 * with `excludeOwner`, the owner never may, whatever else they hold (the author does not approve their own work).
 */
export interface PostMortemPermission {
  statuses: readonly PostMortemStatus[];
  roles: readonly Role[];
  relations: readonly PostMortemRelation[];
  excludeOwner: boolean;
}

export const POST_MORTEM_PERMISSIONS: Readonly<Record<PostMortemAction, PostMortemPermission>> = Object.freeze({
  // Writing is collaborative while drafting: any responder, not only the owner. In review the text is frozen.
  edit_content: { statuses: ['draft'], roles: ['responder', 'admin'], relations: ['owner'], excludeOwner: false },
  assign_reviewers: { statuses: ['draft', 'in_review'], roles: ['admin'], relations: ['owner'], excludeOwner: false },
  // Action items are followed up long after publication.
  update_action_item: {
    statuses: ['draft', 'in_review', 'published'],
    roles: ['responder', 'admin'],
    relations: ['owner'],
    excludeOwner: false,
  },
  submit_for_review: { statuses: ['draft'], roles: ['admin'], relations: ['owner'], excludeOwner: false },
  // The owner may pull a post-mortem back too (with a reason), e.g. to add a finding.
  return_to_draft: {
    statuses: ['in_review'],
    roles: ['admin'],
    relations: ['owner', 'reviewer'],
    excludeOwner: false,
  },
  publish: { statuses: ['in_review'], roles: ['admin'], relations: ['reviewer'], excludeOwner: true },
});

export interface PostMortemTransition {
  from: PostMortemStatus;
  to: PostMortemStatus;
  requiresReason: boolean;
  /** The post-mortem must pass reviewReadiness first. */
  requiresComplete: boolean;
}

/** draft → in_review → published; in_review → draft with a reason. Published is final. */
export const POST_MORTEM_TRANSITIONS: Readonly<Record<PostMortemTransitionAction, PostMortemTransition>> =
  Object.freeze({
    submit_for_review: { from: 'draft', to: 'in_review', requiresReason: false, requiresComplete: true },
    return_to_draft: { from: 'in_review', to: 'draft', requiresReason: true, requiresComplete: false },
    publish: { from: 'in_review', to: 'published', requiresReason: false, requiresComplete: true },
  });

export function relationsOf(
  postMortem: Pick<PostMortem, 'ownerId' | 'reviewerIds'>,
  userId: string,
): PostMortemRelation[] {
  const relations: PostMortemRelation[] = [];
  if (postMortem.ownerId === userId) relations.push('owner');
  if (postMortem.reviewerIds.includes(userId)) relations.push('reviewer');
  return relations;
}

/** Why the actor may not act, or null when they may. */
function refusal(
  postMortem: Pick<PostMortem, 'status' | 'ownerId' | 'reviewerIds'>,
  action: PostMortemAction,
  actor: PostMortemActor,
): string | null {
  const rule = POST_MORTEM_PERMISSIONS[action];
  if (!rule.statuses.includes(postMortem.status)) {
    return `a post-mortem in status ${postMortem.status} cannot be changed by ${action} (allowed in ${rule.statuses.join(', ')})`;
  }
  const relations = relationsOf(postMortem, actor.id);
  if (rule.excludeOwner && relations.includes('owner')) {
    return `user "${actor.id}" owns this post-mortem and may not ${action} it; another reviewer or admin must`;
  }
  const byRole = actor.roles.some((role) => rule.roles.includes(role));
  const byRelation = relations.some((relation) => rule.relations.includes(relation));
  if (byRole || byRelation) return null;
  const who = [
    ...(rule.roles.length > 0 ? [`role ${rule.roles.join(' or ')}`] : []),
    ...rule.relations.map((r) => `the ${r}`),
  ].join(', ');
  return `user "${actor.id}" may not ${action} this post-mortem (allowed: ${who})`;
}

/** True when the actor may perform the action on the post-mortem in its current status. */
export function permits(
  postMortem: Pick<PostMortem, 'status' | 'ownerId' | 'reviewerIds'>,
  action: PostMortemAction,
  actor: PostMortemActor,
): boolean {
  return refusal(postMortem, action, actor) === null;
}

/**
 * Throws when the actor may not act: INVALID_POST_MORTEM_TRANSITION when the status does not allow the action at
 * all, POST_MORTEM_FORBIDDEN when this actor may not.
 */
export function assertPermitted(
  postMortem: Pick<PostMortem, 'status' | 'ownerId' | 'reviewerIds'>,
  action: PostMortemAction,
  actor: PostMortemActor,
): void {
  const reason = refusal(postMortem, action, actor);
  if (reason === null) return;
  const statusAllows = POST_MORTEM_PERMISSIONS[action].statuses.includes(postMortem.status);
  throw new PostMortemException(
    statusAllows ? PostMortemErrorCode.POST_MORTEM_FORBIDDEN : PostMortemErrorCode.INVALID_POST_MORTEM_TRANSITION,
    reason,
  );
}

/**
 * What still keeps the post-mortem from review or publication, each naming the section; empty when ready.
 * Closed action items (done, wont_do) need neither owner nor due date any more.
 */
export function reviewReadiness(postMortem: PostMortem): string[] {
  const problems: string[] = [];
  if (postMortem.incident.summary.trim() === '') problems.push('summary is empty');
  if (postMortem.incident.timeline.length === 0) problems.push('timeline has no events');
  if (postMortem.incident.impact.description.trim() === '') problems.push('impact description is empty');
  if (postMortem.rootCause.analysis.trim() === '') problems.push('root cause analysis is empty');
  if (postMortem.rootCause.contributingFactors.length === 0) problems.push('no contributing factor is chosen');
  for (const item of postMortem.prevention.actionItems) {
    if (item.status === 'done' || item.status === 'wont_do') continue;
    if (item.ownerId === null) problems.push(`action item "${item.title}" has no owner`);
    if (item.dueDate === null) problems.push(`action item "${item.title}" has no due date`);
  }
  if (postMortem.reviewerIds.length === 0) problems.push('no reviewer is assigned');
  return problems;
}

export interface TransitionOptions {
  now: Date;
  /** Required for return_to_draft. */
  reason?: string | null;
}

/**
 * Moves the post-mortem through its workflow and returns the new version (the input is not changed): status,
 * updatedAt, publishedAt on publish, and a history entry with the actor and reason.
 */
export function transitionPostMortem(
  postMortem: PostMortem,
  action: PostMortemTransitionAction,
  actor: PostMortemActor,
  options: TransitionOptions,
): PostMortem {
  const transition = POST_MORTEM_TRANSITIONS[action];
  if (postMortem.status !== transition.from) {
    throw new PostMortemException(
      PostMortemErrorCode.INVALID_POST_MORTEM_TRANSITION,
      `cannot ${action} a post-mortem in status ${postMortem.status} (${action} moves ${transition.from} → ${transition.to})`,
    );
  }
  assertPermitted(postMortem, action, actor);
  const reason = options.reason?.trim() ?? '';
  if (transition.requiresReason && reason === '') {
    throw new PostMortemException(
      PostMortemErrorCode.INVALID_POST_MORTEM_TRANSITION,
      `${action} needs a reason: say what must change before the next review`,
    );
  }
  if (transition.requiresComplete) {
    const problems = reviewReadiness(postMortem);
    if (problems.length > 0) {
      throw new PostMortemException(
        PostMortemErrorCode.POST_MORTEM_INCOMPLETE,
        `cannot ${action}: ${problems.join('; ')}`,
      );
    }
  }
  return {
    ...postMortem,
    status: transition.to,
    updatedAt: options.now,
    publishedAt: transition.to === 'published' ? options.now : postMortem.publishedAt,
    history: [
      ...postMortem.history,
      {
        action,
        from: transition.from,
        to: transition.to,
        actorId: actor.id,
        at: options.now,
        reason: reason === '' ? null : reason,
      },
    ],
  };
}
