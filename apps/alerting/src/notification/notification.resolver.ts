import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { formatMatcher, receiverIntegrations, Route } from '@keel/notification';
import { NotificationDeliveryModel, NotificationRouteModel, ReceiverModel } from './notification.model';
import { NotificationConfigService } from './notification-config.service';
import { NotificationLogRepository } from './notification-log.repository';

function toRouteModel(route: Route): NotificationRouteModel {
  return {
    key: route.key(),
    receiver: route.options.receiver,
    matchers: route.matchers.map(formatMatcher),
    groupBy: route.options.groupByAll ? ['...'] : [...route.options.groupBy].sort(),
    continue: route.continue,
    groupWaitSeconds: route.options.groupWaitMs / 1000,
    groupIntervalSeconds: route.options.groupIntervalMs / 1000,
    repeatIntervalSeconds: route.options.repeatIntervalMs / 1000,
    routes: route.routes.map(toRouteModel),
  };
}

/** Only where a notification goes, never its secret: the host of a URL, the addresses of an email. */
function target(url: string): string {
  return URL.parse(url)?.host ?? 'invalid URL';
}

@Resolver()
export class NotificationResolver {
  constructor(
    private readonly settings: NotificationConfigService,
    private readonly log: NotificationLogRepository,
  ) {}

  @Query(() => NotificationRouteModel, { description: 'The routing tree, root first (read from the configuration)' })
  notificationRoutes(): NotificationRouteModel {
    return toRouteModel(Route.fromConfig(this.settings.config.route));
  }

  @Query(() => [ReceiverModel])
  receivers(): ReceiverModel[] {
    return this.settings.config.receivers.map((r) => ({
      name: r.name,
      integrations: receiverIntegrations(r).map((i) => ({
        type: i.type,
        target: i.type === 'email' ? i.config.to : target(i.type === 'webhook' ? i.config.url : i.config.apiUrl),
        sendResolved: i.config.sendResolved,
      })),
    }));
  }

  @Query(() => [NotificationDeliveryModel], { description: 'Notifications sent or given up on, newest first' })
  async notificationDeliveries(
    @Args('receiver', { nullable: true }) receiver?: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 100 }) first?: number,
  ): Promise<NotificationDeliveryModel[]> {
    return this.log.recentDeliveries(Math.min(Math.max(first ?? 100, 1), 1000), receiver ?? undefined);
  }
}
