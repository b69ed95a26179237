import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('IncidentAlertLabel', { description: 'One label of an alert' })
export class AlertLabelModel {
  @Field()
  name!: string;

  @Field()
  value!: string;
}

@ObjectType('IncidentAlert', { description: 'An alert of keel.alerts.v1 linked to an incident (by its fingerprint)' })
export class IncidentAlertModel {
  @Field()
  fingerprint!: string;

  @Field({ description: 'The alertname label, or the rule name when the label is missing' })
  alertname!: string;

  @Field({ description: 'The alert group key, e.g. alertname="HighErrorRate",service="api"' })
  groupKey!: string;

  @Field(() => String, { nullable: true, description: 'The service resolved from the labels' })
  service!: string | null;

  @Field({ description: 'firing or resolved: the last state the incident saw' })
  state!: string;

  @Field()
  firstFiringAt!: Date;

  @Field({ description: 'When it last went to firing (later than firstFiringAt after a flap)' })
  lastFiringAt!: Date;

  @Field(() => Date, { nullable: true, description: 'Null while it fires' })
  resolvedAt!: Date | null;

  @Field(() => [AlertLabelModel], { description: 'Sorted by name' })
  labels!: AlertLabelModel[];

  @Field(() => String, { nullable: true })
  generatorUrl!: string | null;
}
