import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Roles } from '@keel/auth';
import { Audited } from '@keel/graphql';
import { RegisterServiceInput } from './dto/register-service.input';
import { UpdateServiceInput } from './dto/update-service.input';
import { ServiceCatalog } from './service-catalog';
import { ServiceModel } from './service.model';

/** Catalog mutations are audited on resource `service` with the service's name as its id. */
const inputName = (args: Record<string, unknown>): string | undefined => {
  const name = (args['input'] as Record<string, unknown> | undefined)?.['name'];
  return typeof name === 'string' ? name.trim() : undefined;
};

@Resolver(() => ServiceModel)
export class ServiceCatalogResolver {
  constructor(private readonly catalog: ServiceCatalog) {}

  @Query(() => [ServiceModel], { description: 'The service catalog, by name' })
  services(): Promise<ServiceModel[]> {
    return this.catalog.list();
  }

  @Mutation(() => ServiceModel, { description: 'Adds a service to the catalog (CONFLICT when the name is taken)' })
  @Roles('admin')
  @Audited({ resource: 'service', resourceId: inputName })
  registerService(@Args('input') input: RegisterServiceInput): Promise<ServiceModel> {
    return this.catalog.register(input);
  }

  @Mutation(() => ServiceModel, {
    description: 'Changes the given fields of a service; absent fields stay, a null ownerTeam or tier clears it',
  })
  @Roles('admin')
  @Audited({ resource: 'service', resourceId: inputName })
  updateService(@Args('input') input: UpdateServiceInput): Promise<ServiceModel> {
    const { name, ...fields } = input;
    return this.catalog.update(name, fields);
  }
}
