import { Args, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, identityToActor, Roles, type Identity } from '@keel/auth';
import type { IncidentSeverity, IncidentStatus } from '@keel/contracts';
import { Audited } from '@keel/graphql';
import { TurnBatcher } from '../common/turn-batcher';
import { UpdateIncidentInput } from './dto/declare-incident.input';
import {
  ChecklistModel,
  MilestoneModel,
  MilestoneNameEnum,
  RoleAssignmentModel,
  StakeholderUpdateModel,
  TransitionOptionModel,
} from './incident-core.model';
import { IncidentCommandService } from './incident-commands.service';
import { availableTransitions } from './incident-lifecycle';
import { IncidentStates } from './incident-state.batcher';
import type { IncidentState } from './incident-state.repository';
import { IncidentErrorCode, IncidentException } from './incident.exception';
import { toIncidentModel } from './incident.mapper';
import { IncidentModel, IncidentSeverityEnum, IncidentStatusEnum } from './incident.model';
import { assertIncidentId } from './incident.service';
import { IncidentUpdates } from './incident-updates';
import { MILESTONE_NAMES } from './milestones';
import { checklistProgress } from './response-checklist';
import { TimelineEntryModel } from './timeline.model';
import { toTimelineEntryModel } from './timeline.resolver';
import { ResponsePolicy } from './response-policy';
import { isUpdateOverdue, missingRequiredRoles, nextUpdateDue } from './severity-policy';
import { TimelineRepository } from './timeline.repository';

/** Every incident mutation is audited on resource `incident` with the incident's id. */
const byId = { resource: 'incident', resourceId: (args: Record<string, unknown>) => String(args['id']) };

const toModel = (state: IncidentState): IncidentModel => toIncidentModel(state.incident);

/**
 * The incident core over GraphQL: triage and status changes, milestones, severity, roles and the response
 * checklist. Every mutation takes the `expectedVersion` the caller read and is refused with CONFLICT when the
 * incident changed since; every one writes its timeline entries and an audit event.
 */
@Resolver(() => IncidentModel)
export class IncidentCoreResolver {
  /** When a person last updated each incident of one answer, in one statement. */
  private readonly lastUpdates: TurnBatcher<Date>;

  constructor(
    private readonly commands: IncidentCommandService,
    private readonly updates: IncidentUpdates,
    private readonly policy: ResponsePolicy,
    timeline: TimelineRepository,
    private readonly states: IncidentStates,
  ) {
    this.lastUpdates = new TurnBatcher((ids) => timeline.lastUpdatesAt(ids));
  }

  /** The state behind a field of an incident already read (batched across the incidents of one answer). */
  private async stateOf(id: string): Promise<IncidentState> {
    const state = await this.states.load(id);
    if (state === null)
      throw new IncidentException(IncidentErrorCode.INCIDENT_NOT_FOUND, `incident ${id} does not exist`);
    return state;
  }

  @ResolveField(() => [MilestoneModel], { description: 'Set milestones, in order' })
  async milestones(@Parent() incident: IncidentModel): Promise<MilestoneModel[]> {
    const { milestones } = await this.stateOf(incident.id);
    return MILESTONE_NAMES.flatMap((name) => (milestones[name] === null ? [] : [milestones[name]]));
  }

  @ResolveField(() => [RoleAssignmentModel], { description: 'Every role assignment, oldest first (hand-offs show)' })
  async roles(@Parent() incident: IncidentModel): Promise<RoleAssignmentModel[]> {
    return (await this.stateOf(incident.id)).roles;
  }

  @ResolveField(() => [String], {
    description: 'Roles the severity requires that nobody holds now (P0/P1: commander and comms lead)',
  })
  async missingRoles(@Parent() incident: IncidentModel): Promise<string[]> {
    const { roles, incident: row } = await this.stateOf(incident.id);
    const policy = this.policy.policyFor(row.severity as IncidentSeverity);
    return missingRequiredRoles(policy, roles, new Date());
  }

  @ResolveField(() => StakeholderUpdateModel, {
    nullable: true,
    description: 'The update cadence of an open incident; null when its severity has none or it is not open',
  })
  async stakeholderUpdate(@Parent() incident: IncidentModel): Promise<StakeholderUpdateModel | null> {
    const policy = this.policy.policyFor(incident.severity as IncidentSeverity);
    const open = !['declined', 'resolved', 'closed'].includes(incident.status);
    if (policy.updateCadenceMinutes === null || !open) return null;
    const lastUpdateAt = (await this.lastUpdates.load(incident.id)) ?? incident.createdAt;
    const now = new Date();
    return {
      cadenceMinutes: policy.updateCadenceMinutes,
      lastUpdateAt,
      dueAt: nextUpdateDue(policy, lastUpdateAt) as Date,
      overdue: isUpdateOverdue(policy, lastUpdateAt, now),
    };
  }

  @ResolveField(() => ChecklistModel, { nullable: true, description: 'null when its severity and type have none' })
  async checklist(@Parent() incident: IncidentModel): Promise<ChecklistModel | null> {
    const { checklist } = await this.stateOf(incident.id);
    if (checklist === null) return null;
    const progress = checklistProgress(checklist);
    return {
      templateId: checklist.templateId,
      steps: checklist.steps,
      completed: progress.completed,
      total: progress.total,
      percent: progress.percent,
      nextStepId: progress.nextStep?.id ?? null,
    };
  }

  @ResolveField(() => [TransitionOptionModel], { description: 'The moves the lifecycle allows now' })
  availableTransitions(@Parent() incident: IncidentModel): TransitionOptionModel[] {
    return availableTransitions(incident.status as IncidentStatus);
  }

  @Mutation(() => TimelineEntryModel, {
    description:
      'Adds a note to the timeline; occurredAt back-dates it to reconstruct events; key marks it for the post-mortem',
  })
  @Roles('responder')
  @Audited(byId)
  async addIncidentNote(
    @Args('id', { type: () => ID }) id: string,
    @Args('text') text: string,
    @Args('occurredAt', { type: () => Date, nullable: true }) occurredAt: Date | null,
    @Args('key', { type: () => Boolean, nullable: true }) key: boolean | null,
    @CurrentIdentity() identity: Identity,
  ): Promise<TimelineEntryModel> {
    assertIncidentId(id);
    return toTimelineEntryModel(await this.commands.addNote(id, { text, occurredAt, key }, identityToActor(identity)));
  }

  @Mutation(() => TimelineEntryModel, {
    description: 'Marks a timeline entry as a key event for the post-mortem, or not',
  })
  @Roles('responder')
  @Audited({ resource: 'incident_timeline', resourceId: (args: Record<string, unknown>) => String(args['entryId']) })
  async markTimelineKeyEvent(
    @Args('entryId', { type: () => ID }) entryId: string,
    @Args('key') key: boolean,
  ): Promise<TimelineEntryModel> {
    return toTimelineEntryModel(await this.commands.markKeyEvent(entryId, key));
  }

  @Mutation(() => IncidentModel, { description: 'Accepts an incident in triage (→ investigating)' })
  @Roles('responder')
  @Audited(byId)
  async acceptIncident(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @CurrentIdentity() identity: Identity,
  ): Promise<IncidentModel> {
    return toModel(
      await this.commands.transition(id, expectedVersion, { action: 'accept' }, identityToActor(identity)),
    );
  }

  @Mutation(() => IncidentModel, { description: 'Declines an incident in triage, with a reason (final)' })
  @Roles('responder')
  @Audited(byId)
  async declineIncident(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('reason') reason: string,
    @CurrentIdentity() identity: Identity,
  ): Promise<IncidentModel> {
    const command = { action: 'decline' as const, reason };
    return toModel(await this.commands.transition(id, expectedVersion, command, identityToActor(identity)));
  }

  @Mutation(() => IncidentModel, { description: 'Merges an incident in triage into another open incident' })
  @Roles('responder')
  @Audited(byId)
  async mergeIncident(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('intoId', { type: () => ID }) intoId: string,
    @CurrentIdentity() identity: Identity,
  ): Promise<IncidentModel> {
    const command = { action: 'merge' as const, into: { id: intoId, status: 'triage' as const } };
    return toModel(await this.commands.transition(id, expectedVersion, command, identityToActor(identity)));
  }

  @Mutation(() => IncidentModel, {
    description:
      'Moves among investigating, identified, monitoring, mitigated and on to resolved (closing: closeIncident)',
  })
  @Roles('responder')
  @Audited(byId)
  async setIncidentStatus(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('status', { type: () => IncidentStatusEnum }) status: IncidentStatus,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
    @CurrentIdentity() identity: Identity,
  ): Promise<IncidentModel> {
    const actor = identityToActor(identity);
    if (status === 'closed') return toModel(await this.commands.close(id, expectedVersion, null, actor));
    const command = { action: 'set_status' as const, to: status, reason };
    return toModel(await this.commands.transition(id, expectedVersion, command, actor));
  }

  @Mutation(() => IncidentModel, {
    description: 'Reopens a resolved or closed incident to investigating, with a reason',
  })
  @Roles('responder')
  @Audited(byId)
  async reopenIncident(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('reason') reason: string,
    @CurrentIdentity() identity: Identity,
  ): Promise<IncidentModel> {
    const command = { action: 'reopen' as const, reason };
    return toModel(await this.commands.transition(id, expectedVersion, command, identityToActor(identity)));
  }

  @Mutation(() => IncidentModel, {
    description:
      'Closes a resolved incident. Refused while something blocks it (open required action items, an unpublished required post-mortem) unless an admin gives overrideReason',
  })
  @Roles('responder')
  @Audited(byId)
  async closeIncident(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('overrideReason', { type: () => String, nullable: true }) overrideReason: string | null,
    @CurrentIdentity() identity: Identity,
  ): Promise<IncidentModel> {
    return toModel(await this.commands.close(id, expectedVersion, overrideReason, identityToActor(identity)));
  }

  @Mutation(() => IncidentModel, { description: 'Records that you respond: sets acknowledged now; paging stops' })
  @Roles('responder')
  @Audited(byId)
  async acknowledgeIncident(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @CurrentIdentity() identity: Identity,
  ): Promise<IncidentModel> {
    return toModel(await this.commands.acknowledge(id, expectedVersion, identityToActor(identity)));
  }

  @Mutation(() => IncidentModel, {
    description:
      'Captures a milestone not set yet (impact_started, detected, acknowledged), or edits a set one with a reason; the captured value is kept',
  })
  @Roles('responder')
  @Audited(byId)
  async setIncidentMilestone(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('milestone', { type: () => MilestoneNameEnum }) milestone: string,
    @Args('value') value: Date,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
    @CurrentIdentity() identity: Identity,
  ): Promise<IncidentModel> {
    const input = { name: milestone, value, reason };
    return toModel(await this.commands.setMilestone(id, expectedVersion, input, identityToActor(identity)));
  }

  @Mutation(() => IncidentModel, { description: 'Changes title, description, services, tags or type' })
  @Roles('responder')
  @Audited(byId)
  async updateIncident(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input') input: UpdateIncidentInput,
    @CurrentIdentity() identity: Identity,
  ): Promise<IncidentModel> {
    return toModel(await this.updates.update(id, expectedVersion, input, identityToActor(identity)));
  }

  @Mutation(() => IncidentModel, { description: 'Raises or lowers the severity; the timeline keeps the reason' })
  @Roles('responder')
  @Audited(byId)
  async changeIncidentSeverity(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('severity', { type: () => IncidentSeverityEnum }) severity: IncidentSeverity,
    @Args('reason', { type: () => String, nullable: true }) reason: string | null,
    @CurrentIdentity() identity: Identity,
  ): Promise<IncidentModel> {
    const input = { severity, reason };
    return toModel(await this.commands.changeSeverity(id, expectedVersion, input, identityToActor(identity)));
  }

  @Mutation(() => IncidentModel, { description: 'Gives a role to a user now; the previous holder hands off' })
  @Roles('responder')
  @Audited(byId)
  async assignIncidentRole(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('role', { description: 'incident_commander, communications_lead, scribe or custom:<name>' }) role: string,
    @Args('userId', { type: () => ID }) userId: string,
    @CurrentIdentity() identity: Identity,
  ): Promise<IncidentModel> {
    const input = { role, userId };
    return toModel(await this.updates.assignRole(id, expectedVersion, input, identityToActor(identity)));
  }

  @Mutation(() => IncidentModel, { description: 'Ends the current holder’s assignment without a successor' })
  @Roles('responder')
  @Audited(byId)
  async releaseIncidentRole(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('role') role: string,
    @CurrentIdentity() identity: Identity,
  ): Promise<IncidentModel> {
    return toModel(await this.commands.releaseRole(id, expectedVersion, role, identityToActor(identity)));
  }

  @Mutation(() => IncidentModel, { description: 'Marks a checklist step done by you, now, with an optional note' })
  @Roles('responder')
  @Audited(byId)
  async completeChecklistStep(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('stepId') stepId: string,
    @Args('note', { type: () => String, nullable: true }) note: string | null,
    @CurrentIdentity() identity: Identity,
  ): Promise<IncidentModel> {
    const input = { stepId, note };
    return toModel(await this.commands.completeChecklistStep(id, expectedVersion, input, identityToActor(identity)));
  }

  @Mutation(() => IncidentModel, { description: 'Opens a completed step again, with a reason' })
  @Roles('responder')
  @Audited(byId)
  async reopenChecklistStep(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('stepId') stepId: string,
    @Args('reason') reason: string,
    @CurrentIdentity() identity: Identity,
  ): Promise<IncidentModel> {
    const input = { stepId, reason };
    return toModel(await this.commands.reopenChecklistStep(id, expectedVersion, input, identityToActor(identity)));
  }
}
