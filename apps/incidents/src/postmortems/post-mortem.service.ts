import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Actor } from '@keel/contracts';
import { UserDirectory } from '../directory';
import type { IncidentHookContext, SqlRunner } from '../incidents/incident-hooks';
import { IncidentFactsReader } from '../incidents/incident-facts';
import { ResponsePolicy } from '../incidents/response-policy';
import type { TimelineActor } from '../incidents/timeline';
import { TimelineRepository } from '../incidents/timeline.repository';
import { toCalendarDate } from '../common/calendar-date';
import {
  CLOSING_OVERRIDE_ROLES,
  overdueActionItems,
  setActionItemStatus,
  validateActionItem,
  type ActionItemInput,
} from './action-items';
import { draftFromIncident } from './draft-from-incident';
import { draftOwner, draftSources, postMortemClosingReasons, shouldDraftAutomatically } from './incident-post-mortem';
import { toMarkdown } from './post-mortem-markdown';
import { applyPostMortemPatch, patchPermissions, type PostMortemPatch } from './post-mortem-patch';
import { assertPermitted, transitionPostMortem, type PostMortemActor } from './post-mortem-workflow';
import { PostMortemErrorCode, PostMortemException } from './post-mortem.exception';
import {
  PostMortemRepository,
  type StoredActionItem,
  type StoredPostMortem,
  type VersionedWrite,
} from './post-mortem.repository';
import type { ActionItem, PostMortemStatus, PostMortemTransitionAction } from './post-mortem.types';

export const MAX_PAGE = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An edit of an action item: absent fields stay; `ownerId` and `dueDate` set to null clear them. */
export interface ActionItemPatch {
  title?: string | null;
  type?: string | null;
  ownerId?: string | null;
  dueDate?: string | null;
  required?: boolean | null;
  status?: string | null;
  statusReason?: string | null;
}

function timelineActor(actor: Actor): TimelineActor {
  return { type: actor.type, id: actor.id, name: actor.name ?? actor.id };
}

function requireUuid(id: string, what: string): void {
  if (!UUID.test(id)) {
    throw new PostMortemException(PostMortemErrorCode.INVALID_POST_MORTEM_INPUT, `${what} must be a UUID, got "${id}"`);
  }
}

/**
 * Post-mortems on PostgreSQL: drafts prefilled from the incident (by hand, or by the incident core's hooks at
 * mitigation), edits and workflow moves at the version the caller read, action items, the overdue list and the
 * Markdown export. The rules are the pure modules'; this class loads, asks them and stores.
 */
@Injectable()
export class PostMortemService {
  constructor(
    private readonly repository: PostMortemRepository,
    private readonly facts: IncidentFactsReader,
    private readonly timeline: TimelineRepository,
    private readonly users: UserDirectory,
    private readonly policies: ResponsePolicy,
  ) {}

  async get(id: string): Promise<StoredPostMortem> {
    requireUuid(id, 'post-mortem id');
    const found = await this.repository.findById(id);
    if (!found) throw this.notFound(id);
    return found;
  }

  /** The post-mortems of the incidents, by incident; ids that are no UUID have none (rather than failing the read). */
  forIncidents(incidentIds: readonly string[]): Promise<Map<string, StoredPostMortem>> {
    return this.repository.findByIncidents(incidentIds.filter((id) => UUID.test(id)));
  }

  list(status: PostMortemStatus | undefined, first = 50): Promise<StoredPostMortem[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
      throw new PostMortemException(
        PostMortemErrorCode.INVALID_POST_MORTEM_INPUT,
        `first must be an integer from 1 to ${MAX_PAGE}, got ${first}`,
      );
    }
    return this.repository.list(status, first);
  }

  /** Creates the incident's draft by hand (when it was not drafted automatically); CONFLICT when it has one. */
  async create(incidentId: string, actor: Actor, ownerId?: string | null): Promise<StoredPostMortem> {
    requireUuid(incidentId, 'incidentId');
    // An owner given must be a user of identity (refused by name: directory/README.md); a drafted one is the
    // incident's commander or the person who acted.
    if (ownerId?.trim()) await this.users.assertKnownUsers([ownerId.trim()]);
    const created = await this.repository.transaction(async (db) => {
      const existing = await this.repository.findByIncident(incidentId, db);
      if (existing) throw this.exists(incidentId, existing);
      const draft = await this.draft(db, incidentId, timelineActor(actor), new Date(), {
        ownerId: ownerId?.trim() || null,
        automatic: false,
      });
      if (draft === null) throw this.exists(incidentId, await this.repository.findByIncident(incidentId, db));
      return draft;
    });
    return created;
  }

  /** Applies a patch at `expectedVersion` (edit_content and/or assign_reviewers of the workflow). */
  async update(id: string, expectedVersion: number, patch: PostMortemPatch, actor: Actor): Promise<StoredPostMortem> {
    const current = await this.atVersion(id, expectedVersion);
    const who = this.workflowActor(actor);
    for (const action of patchPermissions(patch)) assertPermitted(current.postMortem, action, who);
    const next = applyPostMortemPatch(current.postMortem, patch, new Date());
    if (patch.reviewerIds) {
      await this.users.assertKnownUsers(next.reviewerIds, { alreadyNamed: current.postMortem.reviewerIds });
    }
    const write = await this.repository.transaction((db) => this.repository.update(db, next, expectedVersion));
    return this.reread(id, expectedVersion, write);
  }

  /**
   * Moves the post-mortem through its workflow at `expectedVersion`. Publishing writes a `post_mortem` entry on the
   * incident's timeline in the same transaction.
   */
  async transition(
    id: string,
    expectedVersion: number,
    action: PostMortemTransitionAction,
    actor: Actor,
    reason?: string | null,
  ): Promise<StoredPostMortem> {
    const current = await this.atVersion(id, expectedVersion);
    const now = new Date();
    const next = transitionPostMortem(current.postMortem, action, this.workflowActor(actor), { now, reason });
    const write = await this.repository.transaction(async (db) => {
      const written = await this.repository.update(
        db,
        next,
        expectedVersion,
        next.status === 'published' ? actor.id : null,
      );
      if (written.ok && next.status === 'published') {
        await this.appendTimeline(db, next.incidentId, timelineActor(actor), now, {
          postMortemId: next.id,
          title: next.title,
          action: 'published',
          automatic: false,
        });
      }
      return written;
    });
    return this.reread(id, expectedVersion, write);
  }

  /** Adds an action item (edit_content: while drafting) at the post-mortem's `expectedVersion`. */
  async addActionItem(
    postMortemId: string,
    expectedVersion: number,
    input: ActionItemInput,
    actor: Actor,
  ): Promise<StoredPostMortem> {
    const current = await this.atVersion(postMortemId, expectedVersion);
    assertPermitted(current.postMortem, 'edit_content', this.workflowActor(actor));
    const valid = validateActionItem(input);
    if (valid.ownerId !== null) await this.users.assertKnownUsers([valid.ownerId]);
    const item: ActionItem = { id: randomUUID(), ...valid, status: 'open', closedAt: null, statusReason: null };
    const write = await this.repository.transaction((db) =>
      this.repository.addActionItem(db, current.postMortem, expectedVersion, item, new Date()),
    );
    if (!write.ok) throw this.notWritten(postMortemId, expectedVersion, write.currentVersion);
    return this.get(postMortemId);
  }

  /**
   * Edits an action item at its own `expectedVersion` (update_action_item: also after publication). Making a
   * required item optional lifts a closing blocker, so only a role of CLOSING_OVERRIDE_ROLES may.
   */
  async updateActionItem(
    id: string,
    expectedVersion: number,
    patch: ActionItemPatch,
    actor: Actor,
  ): Promise<StoredActionItem> {
    const { item, postMortem } = await this.itemAtVersion(id, expectedVersion);
    const who = this.workflowActor(actor);
    assertPermitted(postMortem.postMortem, 'update_action_item', who);
    const edited = validateActionItem({
      title: patch.title ?? item.title,
      type: patch.type ?? item.type,
      ownerId: patch.ownerId === undefined ? item.ownerId : patch.ownerId,
      dueDate: patch.dueDate === undefined ? item.dueDate : patch.dueDate,
      required: patch.required ?? item.required,
    });
    if (item.required && !edited.required && !actor.roles.some((role) => CLOSING_OVERRIDE_ROLES.includes(role))) {
      throw new PostMortemException(
        PostMortemErrorCode.POST_MORTEM_FORBIDDEN,
        `user "${actor.id}" may not make the required action item "${item.title}" optional ` +
          `(allowed: role ${CLOSING_OVERRIDE_ROLES.join(' or ')}); close it as wont_do with a reason instead`,
      );
    }
    // A new owner must be a user of identity; the one already there was checked when it was named.
    if (edited.ownerId !== null && edited.ownerId !== item.ownerId) await this.users.assertKnownUsers([edited.ownerId]);
    const now = new Date();
    let next: ActionItem = { ...item, ...edited };
    if (patch.status !== undefined && patch.status !== null) {
      next = setActionItemStatus(next, patch.status, { now, reason: patch.statusReason ?? null });
    }
    return this.writeItem(next, expectedVersion, now);
  }

  /** Marks an action item done (a note is kept as its status reason) at its `expectedVersion`. */
  async completeActionItem(
    id: string,
    expectedVersion: number,
    actor: Actor,
    note?: string | null,
  ): Promise<StoredActionItem> {
    const { item, postMortem } = await this.itemAtVersion(id, expectedVersion);
    assertPermitted(postMortem.postMortem, 'update_action_item', this.workflowActor(actor));
    const now = new Date();
    return this.writeItem(setActionItemStatus(item, 'done', { now, reason: note ?? null }), expectedVersion, now);
  }

  /** Open and in-progress items whose due day has ended before `now`, the longest overdue first. */
  async overdue(now: Date = new Date()): Promise<StoredActionItem[]> {
    const candidates = await this.repository.openDueBefore(toCalendarDate(now));
    const byId = new Map(candidates.map((item) => [item.id, item]));
    return overdueActionItems(candidates, now).map((item) => byId.get(item.id) as StoredActionItem);
  }

  async markdown(id: string): Promise<string> {
    return toMarkdown((await this.get(id)).postMortem);
  }

  // --- the incident core's hooks (inside its transaction) ---------------------------------------------------------

  /** statusChanged/severityChanged: drafts the post-mortem when the severity policy requires one and none exists. */
  async draftIfRequired(context: IncidentHookContext): Promise<void> {
    const { incident, db } = context;
    const policy = this.policies.policyFor(incident.severity);
    const existing = await this.repository.findByIncident(incident.id, db);
    if (!shouldDraftAutomatically(incident.status, policy, existing !== null)) return;
    await this.draft(db, incident.id, context.actor, context.now, { ownerId: null, automatic: true });
  }

  /** closingBlockers: a required post-mortem missing or unpublished, and open required action items. */
  async closingReasons(context: IncidentHookContext): Promise<string[]> {
    const { incident, db } = context;
    const stored = await this.repository.findByIncident(incident.id, db);
    return postMortemClosingReasons({
      severity: incident.severity,
      policy: this.policies.policyFor(incident.severity),
      postMortem: stored ? { title: stored.postMortem.title, status: stored.postMortem.status } : null,
      actionItems: await this.repository.actionItemsOfIncident(incident.id, db),
    });
  }

  // --- helpers -----------------------------------------------------------------------------------------------------

  /**
   * Drafts the post-mortem from the incident's facts (read in `db`), stores it with a `post_mortem` timeline entry;
   * null when a concurrent draft won. The owner is the one given, else the incident commander (draftOwner).
   */
  private async draft(
    db: SqlRunner,
    incidentId: string,
    actor: TimelineActor,
    now: Date,
    options: { ownerId: string | null; automatic: boolean },
  ): Promise<StoredPostMortem | null> {
    // NOT_FOUND (INCIDENT_NOT_FOUND) when the incident does not exist.
    const facts = await this.facts.read(incidentId, db);
    const sources = draftSources(facts);
    const fallback = actor.type === 'user' ? actor.id : facts.incident.declaredById;
    const postMortem = draftFromIncident(sources.incident, sources.timeline, sources.alerts, {
      id: randomUUID(),
      ownerId: options.ownerId ?? draftOwner(facts.roles, now, fallback),
      createdBy: actor.id,
      now,
    });
    const stored = await this.repository.insert(db, postMortem, actor.id);
    if (stored === null) return null;
    await this.appendTimeline(db, incidentId, actor, now, {
      postMortemId: postMortem.id,
      title: postMortem.title,
      action: 'drafted',
      automatic: options.automatic,
    });
    return stored;
  }

  private async appendTimeline(
    db: SqlRunner,
    incidentId: string,
    actor: TimelineActor,
    now: Date,
    detail: { postMortemId: string; title: string; action: 'drafted' | 'published'; automatic: boolean },
  ): Promise<void> {
    const openedAt = (await this.repository.incidentOpenedAt(db, incidentId)) ?? now;
    await this.timeline.append(db, [{ incidentId, actor, detail: { kind: 'post_mortem', ...detail } }], {
      now,
      openedAt,
    });
  }

  private workflowActor(actor: Actor): PostMortemActor {
    return { id: actor.id, roles: actor.roles };
  }

  /** The post-mortem as the caller read it: NOT_FOUND when missing, CONFLICT when it changed since. */
  private async atVersion(id: string, expectedVersion: number): Promise<StoredPostMortem> {
    const current = await this.get(id);
    if (current.version !== expectedVersion) throw this.notWritten(id, expectedVersion, current.version);
    return current;
  }

  private async itemAtVersion(
    id: string,
    expectedVersion: number,
  ): Promise<{ item: StoredActionItem; postMortem: StoredPostMortem }> {
    requireUuid(id, 'action item id');
    const item = await this.repository.findActionItem(id);
    if (!item) throw this.itemNotFound(id);
    if (item.version !== expectedVersion) throw this.itemNotWritten(id, expectedVersion, item.version);
    const postMortem = await this.get(item.postMortemId);
    return { item, postMortem };
  }

  private async writeItem(item: ActionItem, expectedVersion: number, now: Date): Promise<StoredActionItem> {
    const write = await this.repository.transaction((db) =>
      this.repository.updateActionItem(db, item, expectedVersion, now),
    );
    if (!write.ok) throw this.itemNotWritten(item.id, expectedVersion, write.currentVersion);
    return write.value;
  }

  private async reread(id: string, expectedVersion: number, write: VersionedWrite<number>): Promise<StoredPostMortem> {
    if (!write.ok) throw this.notWritten(id, expectedVersion, write.currentVersion);
    return this.get(id);
  }

  private notFound(id: string): PostMortemException {
    return new PostMortemException(PostMortemErrorCode.POST_MORTEM_NOT_FOUND, `post-mortem ${id} does not exist`);
  }

  private itemNotFound(id: string): PostMortemException {
    return new PostMortemException(PostMortemErrorCode.ACTION_ITEM_NOT_FOUND, `action item ${id} does not exist`);
  }

  private exists(incidentId: string, existing: StoredPostMortem | null): PostMortemException {
    return new PostMortemException(
      PostMortemErrorCode.POST_MORTEM_EXISTS,
      `incident ${incidentId} already has its post-mortem${existing ? ` ${existing.postMortem.id}` : ''}; edit that one`,
      existing ? { postMortemId: existing.postMortem.id, version: existing.version } : {},
    );
  }

  private notWritten(id: string, expected: number, current: number | null): PostMortemException {
    if (current === null) return this.notFound(id);
    return new PostMortemException(
      PostMortemErrorCode.POST_MORTEM_VERSION_CONFLICT,
      `post-mortem ${id} was changed by someone else (expected version ${expected}, current version ${current}); ` +
        'reload it and retry',
      { version: current },
    );
  }

  private itemNotWritten(id: string, expected: number, current: number | null): PostMortemException {
    if (current === null) return this.itemNotFound(id);
    return new PostMortemException(
      PostMortemErrorCode.ACTION_ITEM_VERSION_CONFLICT,
      `action item ${id} was changed by someone else (expected version ${expected}, current version ${current}); ` +
        'reload it and retry',
      { version: current },
    );
  }
}
