import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { UserReference } from '../incidents/incident.model';
import { CONTACT_METHOD_KINDS, type ContactMethodKind } from './contact-methods';
import {
  ESCALATION_RUN_STATUSES,
  NOTIFICATION_OUTCOMES,
  type EscalationRunStatus,
  type NotificationOutcome,
} from './incident-escalation.entity';

// GraphQL enums mirror the stored values (RUNNING ↔ 'running'), as the schedule enums do.
const upper = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v.toUpperCase(), v])) as { [K in T as Uppercase<K>]: K };

export const ContactMethodKindEnum = upper(CONTACT_METHOD_KINDS);
export const EscalationRunStatusEnum = upper(ESCALATION_RUN_STATUSES);
export const NotificationOutcomeEnum = upper(NOTIFICATION_OUTCOMES);
export const NotificationChannelEnum = upper([...CONTACT_METHOD_KINDS, 'none'] as const);
export enum EscalationTargetKindEnum {
  USER = 'user',
  SCHEDULE = 'schedule',
}
registerEnumType(ContactMethodKindEnum, {
  name: 'ContactMethodKind',
  description: 'WEBHOOK: a JSON POST; SLACK: a Slack incoming webhook; EMAIL: a message through the SMTP smarthost',
});
registerEnumType(EscalationRunStatusEnum, {
  name: 'EscalationRunStatus',
  description:
    'RUNNING: paging level by level; ACKNOWLEDGED: someone acknowledged; EXHAUSTED: every level (and repeat) was ' +
    'paged; STOPPED: the incident ended, was lowered to a severity that does not page, or paging is not configured',
});
registerEnumType(NotificationOutcomeEnum, {
  name: 'EscalationNotificationOutcome',
  description:
    'SENDING: claimed, delivery in progress; NO_CONTACT_METHOD: the user has no enabled contact method; ' +
    'UNRESOLVED: a schedule target yielded nobody (the error says why)',
});
registerEnumType(NotificationChannelEnum, { name: 'EscalationNotificationChannel' });
registerEnumType(EscalationTargetKindEnum, { name: 'EscalationTargetKind' });

@ObjectType('EscalationTarget')
export class EscalationTargetModel {
  @Field(() => EscalationTargetKindEnum)
  kind!: EscalationTargetKindEnum;

  @Field(() => UserReference, { nullable: true, description: 'USER targets' })
  user!: UserReference | null;

  @Field(() => ID, {
    nullable: true,
    description: 'SCHEDULE targets: the on-call schedule whose person on call is paged',
  })
  scheduleId!: string | null;
}

@ObjectType('EscalationLevel')
export class EscalationLevelModel {
  @Field(() => [EscalationTargetModel])
  targets!: EscalationTargetModel[];

  @Field(() => Int, { description: 'Minutes without acknowledgement before the next level fires' })
  delayMinutes!: number;
}

@ObjectType('EscalationPolicy')
export class EscalationPolicyModel {
  @Field(() => ID, { description: '`default` is the policy P0 and P1 incidents page' })
  id!: string;

  @Field()
  name!: string;

  @Field(() => [EscalationLevelModel], { description: 'levels[0] fires at once; each next one after the delay' })
  levels!: EscalationLevelModel[];

  @Field(() => Int, { description: 'How many more times the whole policy runs after the first pass (0 to 9)' })
  repeat!: number;

  @Field(() => Int, { description: 'Pass it as expectedVersion to change or delete the policy' })
  version!: number;

  @Field()
  updatedAt!: Date;
}

@ObjectType('ContactMethod')
export class ContactMethodModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ContactMethodKindEnum)
  kind!: ContactMethodKind;

  @Field({ description: 'An email address in full; a URL as scheme and host only (its path carries the token)' })
  address!: string;

  @Field()
  enabled!: boolean;
}

@ObjectType('EscalationNotification')
export class EscalationNotificationModel {
  @Field(() => Int, { description: 'The level that fired, from 1' })
  level!: number;

  @Field(() => Int, { description: 'The pass through the policy, from 1 (2 and more: repeats)' })
  pass!: number;

  @Field({ description: 'When the level fired' })
  firedAt!: Date;

  @Field(() => UserReference, { nullable: true, description: 'The user paged (null for an unresolved schedule)' })
  user!: UserReference | null;

  @Field(() => ID, { nullable: true, description: 'UNRESOLVED outcomes: the schedule that yielded nobody' })
  scheduleId!: string | null;

  @Field(() => NotificationChannelEnum)
  channel!: string;

  @Field(() => NotificationOutcomeEnum)
  outcome!: NotificationOutcome;

  @Field(() => Int)
  attempts!: number;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field()
  attemptedAt!: Date;
}

@ObjectType('IncidentEscalation')
export class IncidentEscalationModel {
  @Field(() => ID)
  policyId!: string;

  @Field(() => Int, { nullable: true, description: 'The policy version the escalation runs; null if it did not exist' })
  policyVersion!: number | null;

  @Field(() => EscalationRunStatusEnum)
  status!: EscalationRunStatus;

  @Field()
  triggeredAt!: Date;

  @Field(() => Int, { nullable: true, description: 'The level paged last, from 1; null before the first' })
  currentLevel!: number | null;

  @Field(() => Int, { nullable: true, description: 'The pass of the level paged last, from 1' })
  currentPass!: number | null;

  @Field(() => Date, { nullable: true, description: 'When the next level is due (RUNNING only)' })
  nextDueAt!: Date | null;

  @Field(() => Date, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => UserReference, { nullable: true })
  acknowledgedBy!: UserReference | null;

  @Field(() => String, { nullable: true, description: 'Why the escalation stopped (STOPPED only)' })
  stoppedReason!: string | null;

  @Field(() => [EscalationNotificationModel], { description: 'Every notification attempted, oldest first' })
  notifications!: EscalationNotificationModel[];
}
