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

  @Field(() => [String], { nullable: true, description: 'Affected services, e.g. ["checkout-api"]' })
  services?: string[];
}
