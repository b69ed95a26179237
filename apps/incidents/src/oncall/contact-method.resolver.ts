import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles, type Identity } from '@keel/auth';
import { Audited } from '@keel/graphql';
import { ContactMethodInput } from './dto/contact-method.input';
import { toContactMethodModel } from './escalation.mapper';
import { ContactMethodModel } from './escalation.model';
import { ContactMethodService } from './contact-method.service';

@Resolver(() => ContactMethodModel)
export class ContactMethodResolver {
  constructor(private readonly service: ContactMethodService) {}

  @Query(() => [ContactMethodModel], { description: 'How escalations page the caller, in order' })
  async myContactMethods(@CurrentIdentity() identity: Identity): Promise<ContactMethodModel[]> {
    return (await this.service.forUser(identity.id)).map(toContactMethodModel);
  }

  @Mutation(() => [ContactMethodModel], {
    description:
      "Replaces a user's contact methods (the caller's when userId is absent; another user's: admin only). " +
      'Escalations page every enabled method',
  })
  @Roles('viewer')
  @Audited({
    resource: 'oncall_contact_methods',
    resourceId: (args) => (typeof args['userId'] === 'string' ? args['userId'] : undefined),
  })
  async setContactMethods(
    @Args('methods', { type: () => [ContactMethodInput] }) methods: ContactMethodInput[],
    @CurrentIdentity() identity: Identity,
    @Args('userId', { type: () => ID, nullable: true }) userId?: string | null,
  ): Promise<ContactMethodModel[]> {
    return (await this.service.set(userId, methods, identity)).map(toContactMethodModel);
  }
}
