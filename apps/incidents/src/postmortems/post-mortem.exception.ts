import { KeelError, type ErrorCategory } from '@keel/graphql';

export enum PostMortemErrorCode {
  /** A field of a post-mortem or an action item is malformed; the message names the field. */
  INVALID_POST_MORTEM_INPUT = 'INVALID_POST_MORTEM_INPUT',
  /** The incident's milestones are out of order, so a duration would be negative. */
  INVALID_MILESTONES = 'INVALID_MILESTONES',
  /** A draft is created at mitigation: the incident is neither mitigated nor resolved yet. */
  INCIDENT_NOT_MITIGATED = 'INCIDENT_NOT_MITIGATED',
  /** The workflow does not allow this move from the post-mortem's status, or a required reason is missing. */
  INVALID_POST_MORTEM_TRANSITION = 'INVALID_POST_MORTEM_TRANSITION',
  /** Submitting or publishing needs sections that are still empty; the message lists them. */
  POST_MORTEM_INCOMPLETE = 'POST_MORTEM_INCOMPLETE',
  /** The actor's roles and relation to the post-mortem do not allow the action. */
  POST_MORTEM_FORBIDDEN = 'POST_MORTEM_FORBIDDEN',
  /** Required action items are still open and nobody overrode that with a reason. */
  INCIDENT_CLOSING_BLOCKED = 'INCIDENT_CLOSING_BLOCKED',
  /** No post-mortem with this id (or for this incident). */
  POST_MORTEM_NOT_FOUND = 'POST_MORTEM_NOT_FOUND',
  /** No action item with this id. */
  ACTION_ITEM_NOT_FOUND = 'ACTION_ITEM_NOT_FOUND',
  /** The incident already has its post-mortem (one per incident). */
  POST_MORTEM_EXISTS = 'POST_MORTEM_EXISTS',
  /** Someone changed the post-mortem since the caller read it; the `version` extension names the current one. */
  POST_MORTEM_VERSION_CONFLICT = 'POST_MORTEM_VERSION_CONFLICT',
  /** Someone changed the action item since the caller read it; the `version` extension names the current one. */
  ACTION_ITEM_VERSION_CONFLICT = 'ACTION_ITEM_VERSION_CONFLICT',
}

const CATEGORY: Record<PostMortemErrorCode, ErrorCategory> = {
  [PostMortemErrorCode.INVALID_POST_MORTEM_INPUT]: 'BAD_USER_INPUT',
  [PostMortemErrorCode.INVALID_MILESTONES]: 'BAD_USER_INPUT',
  [PostMortemErrorCode.INCIDENT_NOT_MITIGATED]: 'BAD_USER_INPUT',
  [PostMortemErrorCode.INVALID_POST_MORTEM_TRANSITION]: 'BAD_USER_INPUT',
  [PostMortemErrorCode.POST_MORTEM_INCOMPLETE]: 'BAD_USER_INPUT',
  [PostMortemErrorCode.POST_MORTEM_FORBIDDEN]: 'FORBIDDEN',
  [PostMortemErrorCode.INCIDENT_CLOSING_BLOCKED]: 'BAD_USER_INPUT',
  [PostMortemErrorCode.POST_MORTEM_NOT_FOUND]: 'NOT_FOUND',
  [PostMortemErrorCode.ACTION_ITEM_NOT_FOUND]: 'NOT_FOUND',
  [PostMortemErrorCode.POST_MORTEM_EXISTS]: 'CONFLICT',
  [PostMortemErrorCode.POST_MORTEM_VERSION_CONFLICT]: 'CONFLICT',
  [PostMortemErrorCode.ACTION_ITEM_VERSION_CONFLICT]: 'CONFLICT',
};

export class PostMortemException extends KeelError<PostMortemErrorCode> {
  /** `details` reach the client as GraphQL error extensions (`version` found, `issues` of a refused patch). */
  constructor(code: PostMortemErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(CATEGORY[code], code, message, details);
  }
}
