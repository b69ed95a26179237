import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { Role } from '@keel/contracts';
import { RoleEnum } from '../../common/role.graphql';

@ObjectType('ApiKey', { description: 'A key for an external system; its secret is shown only when it is created' })
export class ApiKeyType {
  @Field(() => ID, { description: 'The public part of the key (`keel_<id>_<secret>`)' })
  id!: string;

  @Field()
  name!: string;

  @Field(() => RoleEnum)
  role!: Role;

  @Field(() => [String], { description: 'What the key may do, within its role: graphql:read, graphql:write, …' })
  scopes!: string[];

  @Field({ description: '`<identity type>:<identity id>` of the creator' })
  createdBy!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Updated at most once a minute' })
  lastUsedAt!: Date | null;
}

@ObjectType('CreatedApiKey')
export class CreatedApiKeyType {
  @Field({ description: 'The full key, `keel_<id>_<secret>`. Shown this once: store it now.' })
  token!: string;

  @Field(() => ApiKeyType)
  apiKey!: ApiKeyType;
}
