import { Field, InputType } from '@nestjs/graphql';
import type { Role } from '@keel/contracts';
import { RoleEnum } from '../../common/role.graphql';

@InputType()
export class CreateApiKeyInput {
  @Field()
  name!: string;

  @Field(() => RoleEnum, { defaultValue: 'viewer', description: 'admin only when asked for explicitly' })
  role!: Role;

  @Field(() => [String], {
    description: 'One or more of graphql:read, graphql:write, metrics:write, metrics:read, alerts:write',
  })
  scopes!: string[];

  @Field(() => Date, { nullable: true, description: 'No expiry when absent' })
  expiresAt?: Date | null;
}
