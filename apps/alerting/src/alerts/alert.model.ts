import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AlertLabelModel } from '../common/label.model';

export enum AlertStateEnum {
  PENDING = 'pending',
  FIRING = 'firing',
  RESOLVED = 'resolved',
}
registerEnumType(AlertStateEnum, {
  name: 'AlertState',
  description: 'pending: true, `for` not yet elapsed; firing; resolved: no longer true (re-sent for 15 minutes)',
});

@ObjectType('ActiveAlert')
export class ActiveAlertModel {
  @Field(() => ID, { description: 'Fingerprint of the label set (Alertmanager compatible)' })
  fingerprint!: string;

  @Field()
  ruleGroup!: string;

  @Field()
  ruleName!: string;

  @Field(() => AlertStateEnum)
  state!: AlertStateEnum;

  @Field(() => [AlertLabelModel])
  labels!: AlertLabelModel[];

  @Field(() => [AlertLabelModel])
  annotations!: AlertLabelModel[];

  @Field({ description: 'The expression value at the last evaluation, as Prometheus prints it' })
  value!: string;

  @Field(() => GraphQLISODateTime, { description: 'When the condition started to hold (the `for` timer)' })
  activeAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  firedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When keep_firing_for started holding it' })
  keepFiringSince!: Date | null;

  @Field(() => [ID], { description: 'Silences muting it now' })
  silencedBy!: string[];

  @Field({ description: 'Whether an inhibition rule mutes it now' })
  inhibited!: boolean;
}

@ObjectType('AlertHistoryEntry')
export class AlertHistoryEntryModel {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLISODateTime)
  occurredAt!: Date;

  @Field()
  ruleGroup!: string;

  @Field()
  ruleName!: string;

  @Field()
  fingerprint!: string;

  @Field(() => [AlertLabelModel])
  labels!: AlertLabelModel[];

  @Field(() => [AlertLabelModel])
  annotations!: AlertLabelModel[];

  @Field({ description: 'inactive, pending or firing' })
  fromState!: string;

  @Field({ description: 'pending, firing or resolved' })
  toState!: string;

  @Field()
  value!: string;
}
