import { Field, ID, InputType } from '@nestjs/graphql';
import { ActionItemStatusEnum, ActionItemTypeEnum } from '../post-mortem.model';
import type { ActionItemStatus, ActionItemType } from '../post-mortem.types';

@InputType()
export class AddActionItemInput {
  @Field({ description: '1 to 300 characters' })
  title!: string;

  @Field(() => ActionItemTypeEnum)
  type!: ActionItemType;

  @Field(() => ID, { nullable: true })
  ownerId?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  dueDate?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Blocks closing the incident while open (default false)' })
  required?: boolean | null;
}

@InputType({ description: 'Absent fields stay as they are; ownerId and dueDate set to null clear them' })
export class UpdateActionItemInput {
  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => ActionItemTypeEnum, { nullable: true })
  type?: ActionItemType | null;

  @Field(() => ID, { nullable: true })
  ownerId?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  dueDate?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only an admin may make a required item optional' })
  required?: boolean | null;

  @Field(() => ActionItemStatusEnum, { nullable: true })
  status?: ActionItemStatus | null;

  @Field(() => String, { nullable: true, description: 'Required for WONT_DO' })
  statusReason?: string | null;
}
