import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import type { Role } from '@keel/contracts';
import { RoleEnum } from '../../common/role.graphql';

// A federation entity: other subgraphs refer to a user by id (e.g. incidents' declaredBy) and the gateway asks
// identity for the rest.
@ObjectType('User', { description: 'A person who signs in to Keel' })
@Directive('@key(fields: "id")')
export class UserType {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Lower case, unique: 3 to 64 characters of a-z, 0-9, ".", "_" or "-"' })
  username!: string;

  @Field()
  displayName!: string;

  @Field(() => [RoleEnum])
  roles!: Role[];

  @Field({ description: 'A disabled user cannot sign in and has no live sessions' })
  disabled!: boolean;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;

  @Field(() => Date, { nullable: true })
  lastLoginAt!: Date | null;
}
