import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CurrentIdentity, Roles, type Identity } from '@keel/auth';
import { Audited } from '@keel/graphql';
import { auditResourceId } from '../common/audit-resource-id';
import { toApiKeyType } from './api-key.mapper';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyType, CreatedApiKeyType } from './dto/api-key.type';
import { CreateApiKeyInput } from './dto/create-api-key.input';

@Resolver(() => ApiKeyType)
@Roles('admin')
export class ApiKeysResolver {
  constructor(private readonly service: ApiKeysService) {}

  @Query(() => [ApiKeyType], { description: 'Every API key, revoked ones included, newest first' })
  async apiKeys(): Promise<ApiKeyType[]> {
    return (await this.service.list()).map(toApiKeyType);
  }

  @Mutation(() => CreatedApiKeyType)
  @Audited({
    action: 'identity.api_key.create',
    resource: 'api_key',
    resourceId: (_args, result) => (result instanceof CreatedApiKeyType ? result.apiKey.id : undefined),
  })
  async createApiKey(
    @Args('input') input: CreateApiKeyInput,
    @CurrentIdentity() creator: Identity,
  ): Promise<CreatedApiKeyType> {
    const created = await this.service.create(input, creator);
    return Object.assign(new CreatedApiKeyType(), { token: created.token, apiKey: toApiKeyType(created.key) });
  }

  @Mutation(() => ApiKeyType, { description: 'The key stops working at once for new exchanges' })
  @Audited({
    action: 'identity.api_key.revoke',
    resource: 'api_key',
    resourceId: (args) => auditResourceId(args['id']),
  })
  async revokeApiKey(@Args('id', { type: () => ID }) id: string): Promise<ApiKeyType> {
    return toApiKeyType(await this.service.revoke(id));
  }
}
