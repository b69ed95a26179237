import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IncidentSeverity as SeveritySchema, IncidentStatus as StatusSchema } from '@keel/contracts';

// GraphQL enums mirror the contract enums, so the API and the Kafka events cannot drift apart.
export const IncidentSeverityEnum = Object.fromEntries(SeveritySchema.options.map((v) => [v, v])) as {
  [K in (typeof SeveritySchema.options)[number]]: K;
};
export const IncidentStatusEnum = Object.fromEntries(StatusSchema.options.map((v) => [v.toUpperCase(), v])) as {
  [K in (typeof StatusSchema.options)[number] as Uppercase<K>]: K;
};
registerEnumType(IncidentSeverityEnum, {
  name: 'IncidentSeverity',
  description: 'P0 (critical) to P3 (low), as the seed defines them',
});
registerEnumType(IncidentStatusEnum, { name: 'IncidentStatus' });

/** A user owned by the identity subgraph; this subgraph only knows its id. */
@ObjectType('User')
@Directive('@key(fields: "id", resolvable: false)')
export class UserReference {
  @Field(() => ID)
  id!: string;
}

@ObjectType('Incident')
export class IncidentModel {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field(() => IncidentSeverityEnum)
  severity!: string;

  @Field(() => IncidentStatusEnum)
  status!: string;

  @Field(() => [String])
  services!: string[];

  @Field(() => [String])
  tags!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'Incident type (database, security, …); picks checklist and runbooks',
  })
  type!: string | null;

  @Field(() => String, { nullable: true, description: 'How triage ended: accepted, declined or merged' })
  triageOutcome!: string | null;

  @Field(() => ID, { nullable: true, description: 'The incident this one was merged into' })
  mergedIntoId!: string | null;

  @Field(() => Int, { description: 'Pass it back as expectedVersion: a stale version is refused with CONFLICT' })
  version!: number;

  @Field(() => UserReference, { description: 'Who declared the incident (resolved by the identity subgraph)' })
  declaredBy!: UserReference;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}

@ObjectType('SeverityLevel')
export class SeverityLevelModel {
  @Field(() => IncidentSeverityEnum)
  severity!: string;

  @Field()
  label!: string;

  @Field()
  definition!: string;
}
