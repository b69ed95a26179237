import { Field, InputType } from '@nestjs/graphql';
import type { Role } from '@keel/contracts';
import { RoleEnum } from '../../common/role.graphql';

@InputType()
export class CreateUserInput {
  @Field({ description: 'Stored in lower case; 3 to 64 characters of a-z, 0-9, ".", "_" or "-"' })
  username!: string;

  @Field()
  displayName!: string;

  @Field({ description: 'At least 12 characters' })
  password!: string;

  @Field(() => [RoleEnum])
  roles!: Role[];
}
