import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MILESTONE_NAMES } from '../common/milestone-names';
import { IncidentStatusEnum } from './incident.model';

export const MilestoneNameEnum = Object.fromEntries(MILESTONE_NAMES.map((n) => [n.toUpperCase(), n])) as {
  [K in (typeof MILESTONE_NAMES)[number] as Uppercase<K>]: K;
};
registerEnumType(MilestoneNameEnum, {
  name: 'MilestoneName',
  description: 'impact started, detected, acknowledged, mitigated, resolved, closed — in that order',
});

@ObjectType('Milestone', { description: 'A milestone: the value in effect, beside the value first captured' })
export class MilestoneModel {
  @Field(() => MilestoneNameEnum)
  name!: string;

  @Field({ description: 'The instant in effect (the captured value until someone edits it)' })
  value!: Date;

  @Field({ description: 'The value first recorded; edits never change it' })
  capturedValue!: Date;

  @Field()
  capturedAt!: Date;

  @Field()
  capturedBy!: string;

  @Field(() => String, { nullable: true })
  editedBy!: string | null;

  @Field(() => Date, { nullable: true })
  editedAt!: Date | null;

  @Field(() => String, { nullable: true })
  editReason!: string | null;
}

@ObjectType('IncidentRoleAssignment', {
  description: 'Who held a role over [startedAt, endedAt); a hand-off is two assignments meeting at one instant',
})
export class RoleAssignmentModel {
  @Field({ description: 'incident_commander, communications_lead, scribe or custom:<name>' })
  role!: string;

  @Field()
  userId!: string;

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'null while the user holds the role' })
  endedAt!: Date | null;

  @Field()
  assignedBy!: string;
}

@ObjectType('ChecklistStep')
export class ChecklistStepModel {
  @Field()
  id!: string;

  @Field()
  title!: string;

  @Field({ description: 'immediate, investigation, resolution or follow_up' })
  phase!: string;

  @Field(() => String, { nullable: true, description: 'Who completed it (null while open)' })
  completedBy!: string | null;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@ObjectType('ResponseChecklist', { description: 'The response checklist the incident started with' })
export class ChecklistModel {
  @Field()
  templateId!: string;

  @Field(() => [ChecklistStepModel])
  steps!: ChecklistStepModel[];

  @Field(() => Int)
  completed!: number;

  @Field(() => Int)
  total!: number;

  @Field(() => Int, { description: 'Rounded down: 100 only when every step is done' })
  percent!: number;

  @Field(() => String, { nullable: true, description: 'The first open step, in phase order' })
  nextStepId!: string | null;
}

@ObjectType('IncidentTransitionOption', { description: 'A move the lifecycle allows from the current status' })
export class TransitionOptionModel {
  @Field({ description: 'accept, decline, merge, set_status or reopen' })
  action!: string;

  @Field(() => IncidentStatusEnum)
  to!: string;
}

@ObjectType('StakeholderUpdate', {
  description: "When the next update is due by the severity's cadence (notes and status changes by people count)",
})
export class StakeholderUpdateModel {
  @Field(() => Int, { description: 'Minutes between updates at this severity' })
  cadenceMinutes!: number;

  @Field({ description: 'The last update by a person, or the opening when none' })
  lastUpdateAt!: Date;

  @Field()
  dueAt!: Date;

  @Field()
  overdue!: boolean;
}
