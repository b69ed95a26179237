import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, identityToActor, Roles, type Identity } from '@keel/auth';
import { Audited } from '@keel/graphql';
import { SaveEscalationPolicyInput } from './dto/save-escalation-policy.input';
import { toEscalationPolicyModel } from './escalation.mapper';
import { EscalationPolicyModel } from './escalation.model';
import { EscalationPolicyService } from './escalation-policy.service';

/** Every policy mutation is audited on resource `escalation_policy` with the policy's id. */
const asId = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

@Resolver(() => EscalationPolicyModel)
export class EscalationPolicyResolver {
  constructor(private readonly service: EscalationPolicyService) {}

  @Query(() => [EscalationPolicyModel], { description: 'Escalation policies by name' })
  async escalationPolicies(): Promise<EscalationPolicyModel[]> {
    return (await this.service.list()).map(toEscalationPolicyModel);
  }

  @Query(() => EscalationPolicyModel)
  async escalationPolicy(@Args('id', { type: () => ID }) id: string): Promise<EscalationPolicyModel> {
    return toEscalationPolicyModel(await this.service.get(id));
  }

  @Mutation(() => EscalationPolicyModel, {
    description:
      'Creates a policy (expectedVersion absent) or replaces it at exactly expectedVersion. Schedule targets are ' +
      'given by id or name; unknown ones are refused. Running escalations keep the version they started with',
  })
  @Roles('admin')
  @Audited({
    resource: 'escalation_policy',
    resourceId: (args) => asId((args['input'] as Record<string, unknown> | undefined)?.['id']),
  })
  async saveEscalationPolicy(
    @Args('input') input: SaveEscalationPolicyInput,
    @Args('expectedVersion', { type: () => Int, nullable: true }) expectedVersion: number | null | undefined,
    @CurrentIdentity() identity: Identity,
  ): Promise<EscalationPolicyModel> {
    return toEscalationPolicyModel(await this.service.save(input, expectedVersion, identityToActor(identity)));
  }

  @Mutation(() => Boolean, {
    description: 'Deletes a policy at exactly expectedVersion; refused for `default` and while escalations run it',
  })
  @Roles('admin')
  @Audited({ resource: 'escalation_policy', resourceId: (args) => asId(args['id']) })
  async deleteEscalationPolicy(
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
  ): Promise<boolean> {
    await this.service.delete(id, expectedVersion);
    return true;
  }
}
