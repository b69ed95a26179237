import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('NotificationRoute', { description: 'A node of the routing tree; its children are in `routes`' })
export class NotificationRouteModel {
  @Field({ description: 'Alertmanager\'s route key, e.g. {}/{severity="critical"}' })
  key!: string;

  @Field()
  receiver!: string;

  @Field(() => [String], { description: 'Matchers, as Alertmanager writes them' })
  matchers!: string[];

  @Field(() => [String], { description: 'Labels alerts are grouped by; ["..."] groups by all labels' })
  groupBy!: string[];

  @Field({ description: 'Whether matching continues with the next sibling route' })
  continue!: boolean;

  @Field(() => Float)
  groupWaitSeconds!: number;

  @Field(() => Float)
  groupIntervalSeconds!: number;

  @Field(() => Float)
  repeatIntervalSeconds!: number;

  @Field(() => [NotificationRouteModel])
  routes!: NotificationRouteModel[];
}

@ObjectType('ReceiverIntegration')
export class ReceiverIntegrationModel {
  @Field({ description: 'webhook, email or slack' })
  type!: string;

  @Field({ description: 'Where it sends: the host of a URL (paths of Slack URLs are secrets), or the addresses' })
  target!: string;

  @Field()
  sendResolved!: boolean;
}

@ObjectType('Receiver')
export class ReceiverModel {
  @Field()
  name!: string;

  @Field(() => [ReceiverIntegrationModel])
  integrations!: ReceiverIntegrationModel[];
}

@ObjectType('NotificationDelivery', { description: 'One notification sent, or given up on, to one integration' })
export class NotificationDeliveryModel {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLISODateTime)
  sentAt!: Date;

  @Field()
  groupKey!: string;

  @Field()
  receiver!: string;

  @Field()
  integration!: string;

  @Field({ description: 'sent or failed' })
  status!: string;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Int)
  firingCount!: number;

  @Field(() => Int)
  resolvedCount!: number;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => String, { nullable: true })
  error!: string | null;
}
