import { Field, InputType } from '@nestjs/graphql';
import { ServiceTierEnum } from '../service.model';
import type { ServiceTier } from '../service-catalog.rules';

/** Absent fields keep their value; ownerTeam or tier given as null clear it. */
@InputType()
export class UpdateServiceInput {
  @Field({ description: 'The service to change' })
  name!: string;

  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => String, { nullable: true })
  ownerTeam?: string | null;

  @Field(() => ServiceTierEnum, { nullable: true })
  tier?: ServiceTier | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}
