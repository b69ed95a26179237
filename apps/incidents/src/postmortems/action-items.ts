import type { Role } from '@keel/contracts';
import { endOfCalendarDate, isCalendarDate } from '../common/calendar-date';
import { PostMortemErrorCode, PostMortemException } from './post-mortem.exception';
import {
  ACTION_ITEM_STATUSES,
  ACTION_ITEM_TYPES,
  type ActionItem,
  type ActionItemStatus,
  type ActionItemType,
} from './post-mortem.types';
import type { PostMortemActor } from './post-mortem-workflow';

const TITLE_MAX = 300;
const REASON_MAX = 2000;

function invalid(message: string): PostMortemException {
  return new PostMortemException(PostMortemErrorCode.INVALID_POST_MORTEM_INPUT, message);
}

export interface ActionItemInput {
  title: string;
  type: string;
  ownerId?: string | null;
  dueDate?: string | null;
  required?: boolean;
}

export type ValidActionItem = Pick<ActionItem, 'title' | 'type' | 'ownerId' | 'dueDate' | 'required'>;

/** Validates and normalizes a new or edited action item; each refusal names the field. */
export function validateActionItem(input: ActionItemInput): ValidActionItem {
  const title = input.title.trim();
  if (title.length === 0 || title.length > TITLE_MAX) {
    throw invalid(`action item title must have 1 to ${TITLE_MAX} characters, got ${title.length}`);
  }
  if (!(ACTION_ITEM_TYPES as readonly string[]).includes(input.type)) {
    throw invalid(`action item type must be one of ${ACTION_ITEM_TYPES.join(', ')}, got "${input.type}"`);
  }
  const ownerId = input.ownerId?.trim() || null;
  const dueDate = input.dueDate?.trim() || null;
  if (dueDate !== null && !isCalendarDate(dueDate)) {
    throw invalid(`action item dueDate must be a calendar date YYYY-MM-DD, got "${dueDate}"`);
  }
  return { title, type: input.type as ActionItemType, ownerId, dueDate, required: input.required ?? false };
}

export function isClosedStatus(status: ActionItemStatus): boolean {
  return status === 'done' || status === 'wont_do';
}

/**
 * Moves an action item to a status (any status may follow any other). done and wont_do stamp closedAt; wont_do
 * needs a reason, which is kept; reopening clears both.
 */
export function setActionItemStatus(
  item: ActionItem,
  status: string,
  options: { now: Date; reason?: string | null },
): ActionItem {
  if (!(ACTION_ITEM_STATUSES as readonly string[]).includes(status)) {
    throw invalid(`action item status must be one of ${ACTION_ITEM_STATUSES.join(', ')}, got "${status}"`);
  }
  const next = status as ActionItemStatus;
  const reason = options.reason?.trim() ?? '';
  if (reason.length > REASON_MAX) throw invalid(`status reason must have at most ${REASON_MAX} characters`);
  if (next === 'wont_do' && reason === '') {
    throw invalid(`action item "${item.title}" can only become wont_do with a reason`);
  }
  if (next === item.status) return item;
  const closed = isClosedStatus(next);
  return {
    ...item,
    status: next,
    closedAt: closed ? options.now : null,
    statusReason: closed && reason !== '' ? reason : null,
  };
}

/** Open or in progress, with a due date whose UTC day has ended before `now`. */
export function isOverdue(item: ActionItem, now: Date): boolean {
  if (isClosedStatus(item.status) || item.dueDate === null) return false;
  return now.getTime() >= endOfCalendarDate(item.dueDate).getTime();
}

/** Overdue action items, the longest overdue first (then by id, so the order is stable). */
export function overdueActionItems(items: readonly ActionItem[], now: Date): ActionItem[] {
  return items
    .filter((item) => isOverdue(item, now))
    .sort((a, b) => (a.dueDate as string).localeCompare(b.dueDate as string) || a.id.localeCompare(b.id));
}

/** Required action items still open or in progress: they keep the incident from closing. */
export function closingBlockers(items: readonly ActionItem[]): ActionItem[] {
  return items.filter((item) => item.required && !isClosedStatus(item.status));
}

/** The roles that may close an incident despite open required action items. */
export const CLOSING_OVERRIDE_ROLES: readonly Role[] = Object.freeze(['admin']);

export interface ClosingDecision {
  blockers: ActionItem[];
  /** Set when an admin closed despite blockers; store it with the incident's closing. */
  override: { byUserId: string; reason: string } | null;
}

/**
 * Decides whether the incident may close given its post-mortem's action items. With blockers it refuses
 * (INCIDENT_CLOSING_BLOCKED, naming them) unless an actor holding a CLOSING_OVERRIDE_ROLES role overrides with a
 * reason. An override without blockers is not recorded.
 */
export function decideIncidentClosing(
  items: readonly ActionItem[],
  actor: PostMortemActor,
  override?: { reason: string } | null,
): ClosingDecision {
  const blockers = closingBlockers(items);
  if (blockers.length === 0) return { blockers, override: null };
  const names = blockers.map((item) => `"${item.title}" (${item.status})`).join(', ');
  if (override === undefined || override === null) {
    throw new PostMortemException(
      PostMortemErrorCode.INCIDENT_CLOSING_BLOCKED,
      `cannot close the incident: required action items are not done: ${names}; an admin may override with a reason`,
    );
  }
  if (!actor.roles.some((role) => CLOSING_OVERRIDE_ROLES.includes(role))) {
    throw new PostMortemException(
      PostMortemErrorCode.POST_MORTEM_FORBIDDEN,
      `user "${actor.id}" may not override open required action items (allowed: role ${CLOSING_OVERRIDE_ROLES.join(' or ')})`,
    );
  }
  const reason = override.reason.trim();
  if (reason === '') throw invalid('closing override needs a reason');
  if (reason.length > REASON_MAX) throw invalid(`closing override reason must have at most ${REASON_MAX} characters`);
  return { blockers, override: { byUserId: actor.id, reason } };
}
