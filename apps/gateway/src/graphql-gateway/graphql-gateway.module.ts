import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { GatewayMiddleware } from './gateway.middleware';

/**
 * /graphql, served by Hive Gateway's runtime. Imported after ObservabilityModule: Nest mounts middleware of
 * sibling modules in import order, so each request is logged, counted and given its correlation id first.
 */
@Module({ providers: [GatewayMiddleware] })
export class GraphqlGatewayModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(GatewayMiddleware).forRoutes({ path: '/graphql', method: RequestMethod.ALL });
  }
}
