import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('TimelineActor', {
  description: 'Who caused a timeline entry: a person, an API key, a service or the system',
})
export class TimelineActorModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;
}

@ObjectType('TimelineEntry', { description: 'One entry of an incident timeline' })
export class TimelineEntryModel {
  @Field(() => ID)
  id!: string;

  @Field({
    description:
      'status_change, milestone, role_change, alert, checklist_step, notification, note, severity_change, runbook or post_mortem',
  })
  kind!: string;

  @Field(() => TimelineActorModel)
  actor!: TimelineActorModel;

  @Field({ description: 'When it happened (may precede the incident, or be back-dated for a note)' })
  occurredAt!: Date;

  @Field({ description: 'When Keel stored it' })
  recordedAt!: Date;

  @Field({ description: 'Marked as a key event for the post-mortem' })
  key!: boolean;

  @Field({ description: 'One line describing the entry' })
  summary!: string;
}
