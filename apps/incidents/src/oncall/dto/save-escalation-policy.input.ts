import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType()
export class EscalationTargetInput {
  @Field(() => ID, { nullable: true, description: 'A user to page (give exactly one of userId and schedule)' })
  userId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'An on-call schedule by id or name: whoever is on call when the level fires',
  })
  schedule?: string | null;
}

@InputType()
export class EscalationLevelInput {
  @Field(() => [EscalationTargetInput])
  targets!: EscalationTargetInput[];

  @Field(() => Int, { description: 'Minutes without acknowledgement before the next level fires: 1 to 10080' })
  delayMinutes!: number;
}

@InputType()
export class SaveEscalationPolicyInput {
  @Field(() => ID, { description: '`default` is the policy P0 and P1 incidents page' })
  id!: string;

  @Field({ description: '1 to 100 characters, unique' })
  name!: string;

  @Field(() => [EscalationLevelInput])
  levels!: EscalationLevelInput[];

  @Field(() => Int, { nullable: true, description: 'More passes after the first: 0 (default) to 9' })
  repeat?: number | null;
}
