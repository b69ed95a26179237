import { Args, Context, ID, Mutation, Parent, Query, ResolveReference, Resolver } from '@nestjs/graphql';
import type { Role } from '@keel/contracts';
import { CurrentIdentity, Roles, type Identity } from '@keel/auth';
import { Audited } from '@keel/graphql';
import { auditResourceId } from '../common/audit-resource-id';
import { RoleEnum } from '../common/role.graphql';
import { CreateUserInput } from './dto/create-user.input';
import { UserType } from './dto/user.type';
import { toUserType } from './user.mapper';
import { userReferenceRefusal } from './user-reference-access';
import { UserException } from './users.exception';
import { UsersService } from './users.service';

const resultId = (_args: Record<string, unknown>, result: unknown): string | undefined =>
  result instanceof UserType ? result.id : undefined;
const argumentId = (args: Record<string, unknown>): string | undefined => auditResourceId(args['id']);

@Resolver(() => UserType)
export class UsersResolver {
  constructor(private readonly service: UsersService) {}

  @Query(() => UserType, { description: 'The signed-in user' })
  @Roles()
  async me(@CurrentIdentity() identity: Identity): Promise<UserType> {
    return toUserType(await this.service.me(identity));
  }

  @Query(() => [UserType], { description: 'Every user, by user name' })
  @Roles('admin')
  async users(): Promise<UserType[]> {
    return (await this.service.list()).map(toUserType);
  }

  @Query(() => UserType)
  @Roles('admin')
  async user(@Args('id', { type: () => ID }) id: string): Promise<UserType> {
    return toUserType(await this.service.get(id));
  }

  /**
   * Federation: the gateway resolves `User` references held by other subgraphs (any signed-in reader), and the
   * incidents service checks user ids with its own service token (see user-reference-access.ts, which also says
   * why the check is made here and not by a guard).
   */
  @ResolveReference()
  async resolveReference(
    @Parent() reference: { __typename: string; id: string },
    @Context('req') req?: { identity?: Identity },
  ): Promise<UserType | null> {
    const refusal = userReferenceRefusal(req?.identity);
    if (refusal) throw UserException.lookupForbidden(refusal);
    const user = await this.service.find(reference.id);
    return user ? toUserType(user) : null;
  }

  @Mutation(() => UserType)
  @Roles('admin')
  @Audited({ action: 'identity.user.create', resource: 'user', resourceId: resultId })
  async createUser(@Args('input') input: CreateUserInput): Promise<UserType> {
    return toUserType(await this.service.create(input));
  }

  @Mutation(() => UserType, { description: 'Replaces the roles of a user' })
  @Roles('admin')
  @Audited({ action: 'identity.user.update_roles', resource: 'user', resourceId: argumentId })
  async updateUserRoles(
    @Args('id', { type: () => ID }) id: string,
    @Args('roles', { type: () => [RoleEnum] }) roles: Role[],
  ): Promise<UserType> {
    return toUserType(await this.service.updateRoles(id, roles));
  }

  @Mutation(() => UserType, { description: 'Stops the user from signing in and ends their sessions' })
  @Roles('admin')
  @Audited({ action: 'identity.user.disable', resource: 'user', resourceId: argumentId })
  async disableUser(@Args('id', { type: () => ID }) id: string): Promise<UserType> {
    return toUserType(await this.service.disable(id));
  }

  @Mutation(() => UserType, { description: "Changes the caller's own password; every session must sign in again" })
  @Roles()
  @Audited({ action: 'identity.user.change_password', resource: 'user', resourceId: resultId })
  async changePassword(
    @CurrentIdentity() identity: Identity,
    @Args('currentPassword') currentPassword: string,
    @Args('newPassword') newPassword: string,
  ): Promise<UserType> {
    return toUserType(await this.service.changePassword(identity, currentPassword, newPassword));
  }
}
