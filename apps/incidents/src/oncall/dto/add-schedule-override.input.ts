import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType()
export class AddScheduleOverrideInput {
  @Field({ description: 'The schedule name' })
  schedule!: string;

  @Field(() => ID)
  userId!: string;

  @Field()
  start!: Date;

  @Field({ description: 'Exclusive; after start' })
  end!: Date;

  @Field(() => Int, { description: 'The version of the schedule the caller read' })
  expectedVersion!: number;
}
