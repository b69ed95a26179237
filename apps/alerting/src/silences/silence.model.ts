import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export enum SilenceStateEnum {
  PENDING = 'pending',
  ACTIVE = 'active',
  EXPIRED = 'expired',
}
registerEnumType(SilenceStateEnum, { name: 'SilenceState' });

@ObjectType('SilenceMatcher')
export class SilenceMatcherModel {
  @Field()
  name!: string;

  @Field()
  value!: string;

  @Field()
  isRegex!: boolean;

  @Field()
  isEqual!: boolean;

  @Field({ description: 'As Alertmanager writes it, e.g. severity=~"critical|warning"' })
  text!: string;
}

@ObjectType('Silence')
export class SilenceModel {
  @Field(() => ID)
  id!: string;

  @Field(() => [SilenceMatcherModel])
  matchers!: SilenceMatcherModel[];

  @Field(() => GraphQLISODateTime)
  startsAt!: Date;

  @Field(() => GraphQLISODateTime)
  endsAt!: Date;

  @Field()
  createdBy!: string;

  @Field()
  comment!: string;

  @Field(() => SilenceStateEnum)
  state!: SilenceStateEnum;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;

  @Field(() => Int)
  version!: number;
}

@InputType()
export class CreateSilenceInput {
  @Field(() => [String], {
    description: 'Alertmanager matchers: alertname="HighErrorRate", severity=~"critical|warning", env!="dev"',
  })
  matchers!: string[];

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Default: now' })
  startsAt?: Date;

  @Field(() => GraphQLISODateTime)
  endsAt!: Date;

  @Field({ description: 'Why; shown to whoever wonders where the alerts went' })
  comment!: string;
}
