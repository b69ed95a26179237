import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SERVICE_SOURCES, SERVICE_TIERS, type ServiceSource, type ServiceTier } from './service-catalog.rules';

// GraphQL enums mirror the rule lists (TIER_1 ↔ 'tier_1'), so the API and the table's checks cannot drift apart.
export const ServiceTierEnum = Object.fromEntries(SERVICE_TIERS.map((v) => [v.toUpperCase(), v])) as {
  [K in ServiceTier as Uppercase<K>]: K;
};
export const ServiceSourceEnum = Object.fromEntries(SERVICE_SOURCES.map((v) => [v.toUpperCase(), v])) as {
  [K in ServiceSource as Uppercase<K>]: K;
};
registerEnumType(ServiceTierEnum, { name: 'ServiceTier', description: 'TIER_1 is the most critical' });
registerEnumType(ServiceSourceEnum, {
  name: 'ServiceSource',
  description: 'MANUAL: registered by a person; ALERT: first named by an alert',
});

@ObjectType('Service', { description: 'A service of the catalog, which incidents, alerts and runbooks name' })
export class ServiceModel {
  @Field({ description: 'The slug used everywhere (lower case: a-z, 0-9, ".", "_", "-")' })
  name!: string;

  @Field()
  displayName!: string;

  @Field(() => String, { nullable: true })
  ownerTeam!: string | null;

  @Field(() => ServiceTierEnum, { nullable: true })
  tier!: ServiceTier | null;

  @Field()
  description!: string;

  @Field(() => ServiceSourceEnum)
  source!: ServiceSource;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}
