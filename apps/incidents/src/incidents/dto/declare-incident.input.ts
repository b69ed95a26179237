import { Field, InputType } from '@nestjs/graphql';
import { IncidentSeverityEnum } from '../incident.model';

@InputType()
export class DeclareIncidentInput {
  @Field({ description: '3 to 200 characters' })
  title!: string;

  @Field({ nullable: true })
  description?: string;

  @Field(() => IncidentSeverityEnum)
  severity!: string;

  @Field(() => [String], { nullable: true, description: 'Affected services, e.g. ["checkout-api"]; must be known' })
  services?: string[];

  @Field(() => [String], { nullable: true, description: 'Free tags, lower-case (at most 20)' })
  tags?: string[];

  @Field(() => String, { nullable: true, description: 'Incident type (database, security, …)' })
  type?: string | null;

  @Field({ nullable: true, description: 'Open in triage (to accept, decline or merge) instead of investigating' })
  triage?: boolean;

  @Field(() => Date, { nullable: true, description: 'When impact started, if known' })
  impactStartedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was detected (default: now)' })
  detectedAt?: Date | null;
}

@InputType()
export class UpdateIncidentInput {
  @Field({ nullable: true })
  title?: string;

  @Field({ nullable: true })
  description?: string;

  @Field(() => [String], { nullable: true, description: 'Replaces the affected services; each must be known' })
  services?: string[];

  @Field(() => [String], { nullable: true, description: 'Replaces the tags' })
  tags?: string[];

  @Field(() => String, { nullable: true, description: 'Incident type; an empty string clears it' })
  type?: string | null;
}
