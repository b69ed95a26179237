import { Injectable } from '@nestjs/common';
import { satisfiesRole } from '@keel/auth';
import { IncidentSeverity, type Actor, type IncidentEventType, type IncidentStatus } from '@keel/contracts';
import { IncidentEventsPublisher } from './incident-events.publisher';
import {
  IncidentHookRegistry,
  type IncidentHookContext,
  type IncidentSnapshot,
  type SqlRunner,
} from './incident-hooks';
import { normalizeReason, requireId } from './incident-input';
import {
  assertVersion,
  transitionIncident,
  type IncidentTransition,
  type LifecycleCommand,
} from './incident-lifecycle';
import { assignRole, releaseRole } from './incident-roles';
import { type IncidentState, IncidentStateRepository } from './incident-state.repository';
import type { IncidentEntity } from './incident.entity';
import { IncidentErrorCode, IncidentException } from './incident.exception';
import {
  applyMilestoneChanges,
  captureMilestone,
  editMilestone,
  MILESTONE_NAMES,
  milestoneChangesFor,
  openingMilestones,
  type MilestoneName,
} from './milestones';
import { completeStep, reopenStep } from './response-checklist';
import { ResponsePolicy } from './response-policy';
import { transitionDetails, type TimelineActor, type TimelineDetail, type TimelineEntry } from './timeline';
import { TimelineRepository } from './timeline.repository';

/** A new incident, validated by the caller. */
export interface OpenIncident {
  title: string;
  description: string;
  severity: IncidentSeverity;
  /** Declared past triage (investigating) or into triage. */
  status: 'triage' | 'investigating';
  services: string[];
  tags: string[];
  type: string | null;
  detectedAt?: Date | null;
  impactStartedAt?: Date | null;
  /** The alerts it opens from (the alert intake), for runbook matching. */
  alertNames?: string[];
}

/** A timeline entry a command writes (the incident id and actor are the command's). */
interface Entry {
  detail: TimelineDetail;
  occurredAt?: Date;
  key?: boolean;
}

/** What a command decided: the next state, its timeline entries, the event to publish and hooks to run. */
interface Decision {
  next: IncidentState;
  entries: Entry[];
  event: IncidentEventType | null;
  transition?: IncidentTransition;
  acknowledged?: boolean;
  severityFrom?: IncidentSeverity;
  servicesFrom?: string[];
}

export function timelineActor(actor: Actor): TimelineActor {
  return { type: actor.type, id: actor.id, name: actor.name ?? actor.id };
}

/** Whether two lists hold the same values, whatever their order and repetitions. */
function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}

/** The event a status change publishes: resolved and closed have their own types. */
function statusEvent(to: IncidentStatus): IncidentEventType {
  if (to === 'resolved') return 'incident.resolved';
  if (to === 'closed') return 'incident.closed';
  return 'incident.status_changed';
}

/** The state as other features see it in their hooks. */
export function snapshotOf(incident: IncidentEntity, alertNames: string[]): IncidentSnapshot {
  return {
    id: incident.id,
    title: incident.title,
    severity: IncidentSeverity.parse(incident.severity),
    status: incident.status as IncidentStatus,
    services: incident.services,
    tags: incident.tags,
    type: incident.type,
    alertNames,
    createdAt: incident.createdAt,
    version: incident.version,
  };
}

/**
 * Every change to an existing incident, one shape: in one transaction it locks the incident row, checks the
 * caller's version (a stale one gets INCIDENT_VERSION_CONFLICT naming both versions), asks the pure rules for the
 * next state, stores what changed at version + 1, appends the timeline entries with the actor, runs the other
 * features' hooks and publishes the state change to keel.incidents.v1 before the commit (as declaring does).
 */
@Injectable()
export class IncidentCommandService {
  constructor(
    private readonly states: IncidentStateRepository,
    private readonly timeline: TimelineRepository,
    private readonly events: IncidentEventsPublisher,
    private readonly hooks: IncidentHookRegistry,
    private readonly policy: ResponsePolicy,
  ) {}

  /**
   * Creates an incident inside the caller's transaction (a declaration, or the alert intake): the row, its opening
   * milestones and response checklist, the opening status entry by the actor, and the other features' `opened`
   * hooks. The caller publishes `incident.opened` before its commit.
   */
  async open(db: SqlRunner, input: OpenIncident, actor: Actor, now: Date): Promise<IncidentState> {
    const status = input.status;
    const milestones = openingMilestones({
      status,
      actor: actor.id,
      now,
      detectedAt: input.detectedAt ?? null,
      impactStartedAt: input.impactStartedAt ?? null,
    });
    const checklist = this.policy.checklistFor({ severity: input.severity, type: input.type });
    const state = await this.states.insert(
      db,
      {
        title: input.title,
        description: input.description,
        severity: input.severity,
        status,
        services: input.services,
        tags: input.tags,
        type: input.type,
        triageOutcome: null,
        declaredById: actor.id,
        declaredByName: actor.name ?? actor.id,
      },
      { milestones, checklist, now },
    );
    const who = timelineActor(actor);
    const openedAt = state.incident.createdAt;
    await this.timeline.append(
      db,
      [
        {
          incidentId: state.incident.id,
          detail: { kind: 'status_change', from: null, to: status, reason: null, mergedIntoId: null },
          actor: who,
          occurredAt: openedAt,
        },
      ],
      { now, openedAt, milestones },
    );
    await this.hooks.opened(this.context(db, state.incident, input.alertNames ?? [], actor, now));
    return state;
  }

  transition(id: string, expectedVersion: number, command: LifecycleCommand, actor: Actor): Promise<IncidentState> {
    return this.change(id, expectedVersion, actor, async (state, now, db) => {
      if (command.action === 'merge') {
        const target = await this.states.load(
          requireId(command.into.id, 'mergeIntoId', IncidentErrorCode.INVALID_INCIDENT_TRANSITION),
          db,
        );
        if (target === null) {
          throw new IncidentException(
            IncidentErrorCode.INCIDENT_NOT_FOUND,
            `cannot merge incident ${id}: the target incident ${command.into.id} does not exist`,
          );
        }
        command = {
          action: 'merge',
          into: { id: target.incident.id, status: target.incident.status as IncidentStatus },
        };
      }
      const transition = transitionIncident({ id, status: state.incident.status as IncidentStatus }, command);
      return this.applyTransition(state, transition, now, actor);
    });
  }

  /**
   * Closes a resolved incident. Other features may block it (open required action items, an unpublished required
   * post-mortem); an admin may close anyway with `overrideReason`, which the timeline records with the blockers.
   */
  close(id: string, expectedVersion: number, overrideReason: string | null, actor: Actor): Promise<IncidentState> {
    return this.change(id, expectedVersion, actor, async (state, now, db) => {
      const transition = transitionIncident(
        { id, status: state.incident.status as IncidentStatus },
        { action: 'set_status', to: 'closed' },
      );
      const override = normalizeReason(overrideReason, {
        code: IncidentErrorCode.INVALID_INCIDENT_TRANSITION,
        refusal: `cannot close incident ${id} with an override`,
        required: false,
      });
      const alertNames = await this.states.alertNamesOf(db, id);
      const blockers = await this.hooks.closingBlockers(this.context(db, state.incident, alertNames, actor, now));
      if (blockers.length > 0 && override === null) {
        throw new IncidentException(
          IncidentErrorCode.INCIDENT_CLOSING_BLOCKED,
          `cannot close incident ${id}: ${blockers.join('; ')} (an admin may close it anyway with an override reason)`,
          { blockers },
        );
      }
      if (override !== null && !satisfiesRole(actor.roles, 'admin')) {
        throw new IncidentException(
          IncidentErrorCode.INCIDENT_CLOSING_BLOCKED,
          `cannot close incident ${id} with an override: only an admin may override closing blockers`,
          { blockers },
        );
      }
      const decision = this.applyTransition(state, { ...transition, reason: override }, now, actor);
      if (override !== null) {
        const text =
          blockers.length === 0
            ? `Closed with an override (nothing blocked): ${override}`
            : `Closed over ${blockers.length} blocker(s) by admin override: ${override}. Blockers: ${blockers.join('; ')}`;
        decision.entries.push({ detail: { kind: 'note', text }, key: true });
      }
      return decision;
    });
  }

  /**
   * Someone responds to the page. Sets the acknowledged milestone now when it is unset (accepting from triage sets
   * it too); when it is set already (a person declared the incident) it records who acknowledged the page. Either
   * way the `acknowledged` hooks run, so escalation stops paging.
   */
  acknowledge(id: string, expectedVersion: number, actor: Actor): Promise<IncidentState> {
    return this.change(id, expectedVersion, actor, async (state, now) => {
      const status = state.incident.status as IncidentStatus;
      if (status === 'declined' || status === 'resolved' || status === 'closed') {
        throw new IncidentException(
          IncidentErrorCode.INVALID_INCIDENT_TRANSITION,
          `cannot acknowledge incident ${id}: it is ${status}`,
        );
      }
      if (state.milestones.acknowledged === null) {
        return this.milestoneDecision(state, 'acknowledged', now, actor, { value: now, reason: null });
      }
      return {
        next: state,
        entries: [{ detail: { kind: 'note', text: `${actor.name ?? actor.id} acknowledged the page` } }],
        event: null,
        acknowledged: true,
      };
    });
  }

  /** Captures a milestone not set yet, or edits a set one (a reason is then required); the captured value stays. */
  setMilestone(
    id: string,
    expectedVersion: number,
    input: { name: string; value: Date; reason: string | null },
    actor: Actor,
  ): Promise<IncidentState> {
    const name = input.name as MilestoneName;
    if (!MILESTONE_NAMES.includes(name)) {
      throw new IncidentException(
        IncidentErrorCode.INVALID_MILESTONES,
        `milestone must be one of ${MILESTONE_NAMES.join(', ')}, got "${input.name}"`,
      );
    }
    return this.change(id, expectedVersion, actor, async (state, now) =>
      this.milestoneDecision(state, name, now, actor, input),
    );
  }

  update(
    id: string,
    expectedVersion: number,
    patch: { title?: string; description?: string; services?: string[]; tags?: string[]; type?: string | null },
    actor: Actor,
  ): Promise<IncidentState> {
    return this.change(id, expectedVersion, actor, async (state) => {
      const from = state.incident.services;
      const changed = patch.services !== undefined && !sameMembers(patch.services, from);
      return {
        next: { ...state, incident: { ...state.incident, ...patch } },
        entries: [],
        event: 'incident.updated',
        ...(changed ? { servicesFrom: from } : {}),
      };
    });
  }

  changeSeverity(
    id: string,
    expectedVersion: number,
    input: { severity: IncidentSeverity; reason: string | null },
    actor: Actor,
  ): Promise<IncidentState> {
    return this.change(id, expectedVersion, actor, async (state) => {
      const from = IncidentSeverity.parse(state.incident.severity);
      if (from === input.severity) {
        throw new IncidentException(
          IncidentErrorCode.INVALID_INCIDENT_INPUT,
          `incident ${id} is already ${input.severity}; nothing to change`,
        );
      }
      const reason = normalizeReason(input.reason, {
        code: IncidentErrorCode.INVALID_INCIDENT_INPUT,
        refusal: `cannot change the severity of incident ${id}`,
        required: false,
      });
      return {
        next: { ...state, incident: { ...state.incident, severity: input.severity } },
        entries: [{ detail: { kind: 'severity_change', from, to: input.severity, reason } }],
        event: 'incident.severity_changed',
        severityFrom: from,
      };
    });
  }

  assignRole(id: string, expectedVersion: number, input: { role: string; userId: string }, actor: Actor) {
    return this.change(id, expectedVersion, actor, async (state, now, db) => {
      const assignmentId = await this.states.nextRoleAssignmentId(db);
      const roles = assignRole(state.roles, { id: assignmentId, ...input, at: now, assignedBy: actor.id });
      const added = roles.at(-1);
      const previous = state.roles.find((r) => r.role === added?.role && r.endedAt === null);
      return {
        next: { ...state, roles },
        entries: [
          {
            detail: {
              kind: 'role_change',
              role: added?.role ?? (input.role as never),
              fromUserId: previous?.userId ?? null,
              toUserId: input.userId.trim(),
            },
          },
        ],
        event: 'incident.updated',
      };
    });
  }

  releaseRole(id: string, expectedVersion: number, role: string, actor: Actor): Promise<IncidentState> {
    return this.change(id, expectedVersion, actor, async (state, now) => {
      const roles = releaseRole(state.roles, { role, at: now });
      const released = state.roles.find((r) => r.role === role.trim() && r.endedAt === null);
      return {
        next: { ...state, roles },
        entries: [
          {
            detail: {
              kind: 'role_change',
              role: released?.role ?? (role as never),
              fromUserId: released?.userId ?? null,
              toUserId: null,
            },
          },
        ],
        event: 'incident.updated',
      };
    });
  }

  completeChecklistStep(
    id: string,
    expectedVersion: number,
    input: { stepId: string; note: string | null },
    actor: Actor,
  ) {
    return this.change(id, expectedVersion, actor, async (state, now) => {
      const checklist = completeStep(this.checklistOf(state), input.stepId, {
        actor: actor.id,
        at: now,
        note: input.note,
      });
      const step = checklist.steps.find((s) => s.id === input.stepId);
      return {
        next: { ...state, checklist },
        entries: [
          {
            detail: {
              kind: 'checklist_step',
              stepId: input.stepId,
              title: step?.title ?? input.stepId,
              action: 'completed',
              note: step?.note ?? null,
            },
          },
        ],
        event: 'incident.updated',
      };
    });
  }

  reopenChecklistStep(id: string, expectedVersion: number, input: { stepId: string; reason: string }, actor: Actor) {
    return this.change(id, expectedVersion, actor, async (state, now) => {
      const checklist = reopenStep(this.checklistOf(state), input.stepId, {
        actor: actor.id,
        at: now,
        reason: input.reason,
      });
      const step = checklist.steps.find((s) => s.id === input.stepId);
      return {
        next: { ...state, checklist },
        entries: [
          {
            detail: {
              kind: 'checklist_step',
              stepId: input.stepId,
              title: step?.title ?? input.stepId,
              action: 'reopened',
              note: input.reason.trim(),
            },
          },
        ],
        event: 'incident.updated',
      };
    });
  }

  /**
   * Adds a note to the timeline, back-dated when `occurredAt` is given (to reconstruct what happened). A note
   * changes nothing about the incident, so it takes no version and never conflicts.
   */
  async addNote(
    id: string,
    input: { text: string; occurredAt?: Date | null; key?: boolean | null },
    actor: Actor,
  ): Promise<TimelineEntry> {
    return this.states.transaction(async (db) => {
      const state = await this.states.load(id, db);
      if (state === null)
        throw new IncidentException(IncidentErrorCode.INCIDENT_NOT_FOUND, `incident ${id} does not exist`);
      const now = new Date();
      const [entry] = await this.timeline.append(
        db,
        [
          {
            incidentId: id,
            detail: { kind: 'note', text: input.text },
            actor: timelineActor(actor),
            occurredAt: input.occurredAt ?? null,
            ...(input.key === null || input.key === undefined ? {} : { key: input.key }),
          },
        ],
        { now, openedAt: state.incident.createdAt, milestones: state.milestones },
      );
      return entry as TimelineEntry;
    });
  }

  /** Marks a timeline entry as a key event for the post-mortem, or unmarks it. */
  async markKeyEvent(entryId: string, key: boolean): Promise<TimelineEntry> {
    const entry = await this.timeline.markKey(entryId, key);
    if (entry === null) {
      throw new IncidentException(IncidentErrorCode.INCIDENT_NOT_FOUND, `timeline entry ${entryId} does not exist`);
    }
    return entry;
  }

  private checklistOf(state: IncidentState) {
    if (state.checklist === null) {
      throw new IncidentException(
        IncidentErrorCode.INVALID_CHECKLIST,
        `incident ${state.incident.id} has no response checklist (its severity and type have none)`,
      );
    }
    return state.checklist;
  }

  private milestoneDecision(
    state: IncidentState,
    name: MilestoneName,
    now: Date,
    actor: Actor,
    input: { value: Date; reason: string | null },
  ): Decision {
    const existing = state.milestones[name];
    const milestones =
      existing === null
        ? captureMilestone(state.milestones, name, { value: input.value, actor: actor.id, now })
        : editMilestone(state.milestones, name, {
            value: input.value,
            actor: actor.id,
            now,
            reason: input.reason ?? '',
          });
    return {
      next: { ...state, milestones },
      entries: [
        {
          detail: {
            kind: 'milestone',
            milestone: name,
            value: input.value,
            previousValue: existing?.value ?? null,
            reason: existing === null ? null : (milestones[name]?.editReason ?? null),
          },
        },
      ],
      event: 'incident.updated',
      acknowledged: name === 'acknowledged' && existing === null,
    };
  }

  private applyTransition(state: IncidentState, transition: IncidentTransition, now: Date, actor: Actor): Decision {
    const changes = milestoneChangesFor(transition, state.milestones, { now, actor: actor.id });
    const triageOutcome =
      transition.action === 'accept'
        ? 'accepted'
        : transition.action === 'decline'
          ? 'declined'
          : transition.action === 'merge'
            ? 'merged'
            : state.incident.triageOutcome;
    return {
      next: {
        ...state,
        incident: {
          ...state.incident,
          status: transition.to,
          triageOutcome,
          mergedIntoId: transition.mergedIntoId ?? state.incident.mergedIntoId,
        },
        milestones: applyMilestoneChanges(state.milestones, changes),
      },
      entries: transitionDetails(transition, changes).map((detail) => ({ detail })),
      event: statusEvent(transition.to),
      transition,
      acknowledged: state.milestones.acknowledged === null && changes.some((c) => c.name === 'acknowledged'),
    };
  }

  private context(
    db: SqlRunner,
    incident: IncidentEntity,
    alertNames: string[],
    actor: Actor,
    now: Date,
  ): IncidentHookContext {
    return { db, incident: snapshotOf(incident, alertNames), actor: timelineActor(actor), now };
  }

  private async change(
    id: string,
    expectedVersion: number,
    actor: Actor,
    decide: (state: IncidentState, now: Date, db: SqlRunner) => Promise<Decision>,
  ): Promise<IncidentState> {
    return this.states.transaction(async (db) => {
      const state = await this.states.lock(db, id);
      if (state === null)
        throw new IncidentException(IncidentErrorCode.INCIDENT_NOT_FOUND, `incident ${id} does not exist`);
      assertVersion(expectedVersion, state.incident.version, `incident ${id}`);
      const now = new Date();
      const decision = await decide(state, now, db);
      const saved = await this.states.save(db, state, decision.next);
      if (saved === null) {
        // The row is locked, so this only happens if the lock was bypassed; still never overwrite.
        throw new IncidentException(IncidentErrorCode.INCIDENT_VERSION_CONFLICT, `incident ${id} changed while saving`);
      }
      const who = timelineActor(actor);
      await this.timeline.append(
        db,
        decision.entries.map((entry) => ({ incidentId: id, actor: who, ...entry })),
        { now, openedAt: saved.incident.createdAt, milestones: saved.milestones },
      );
      const context = this.context(db, saved.incident, await this.states.alertNamesOf(db, id), actor, now);
      if (decision.transition) await this.hooks.statusChanged({ ...context, transition: decision.transition });
      if (decision.acknowledged) await this.hooks.acknowledged(context);
      if (decision.severityFrom) await this.hooks.severityChanged({ ...context, from: decision.severityFrom });
      if (decision.servicesFrom) await this.hooks.servicesChanged({ ...context, from: decision.servicesFrom });
      if (decision.event !== null) await this.events.publish(decision.event, saved.incident, actor);
      return saved;
    });
  }
}
