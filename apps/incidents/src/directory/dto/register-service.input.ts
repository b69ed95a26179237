import { Field, InputType } from '@nestjs/graphql';
import { ServiceTierEnum } from '../service.model';
import type { ServiceTier } from '../service-catalog.rules';

@InputType()
export class RegisterServiceInput {
  @Field({ description: 'Lower-case slug: a-z, 0-9, ".", "_", "-", at most 63 characters' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Default: the name' })
  displayName?: string | null;

  @Field(() => String, { nullable: true })
  ownerTeam?: string | null;

  @Field(() => ServiceTierEnum, { nullable: true })
  tier?: ServiceTier | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}
