import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule, tokenSettingsFromEnv } from '@keel/auth';
import { ObservabilityModule } from '@keel/observability';
import { GATEWAY_CONFIG, type GatewayConfig } from './config';
import { GraphqlGatewayModule } from './graphql-gateway/graphql-gateway.module';

@Module({})
export class AppModule {
  static forConfig(config: GatewayConfig): DynamicModule {
    const configProvider = { provide: GATEWAY_CONFIG, useValue: config };
    return {
      module: AppModule,
      global: true,
      providers: [configProvider],
      exports: [configProvider],
      imports: [
        ObservabilityModule.forRoot({ service: 'gateway', logLevel: config.LOG_LEVEL, readiness: {} }),
        // The gateway's own HTTP routes (health, metrics) are public; /graphql authenticates in the runtime.
        AuthModule.forRoot({ useFactory: () => tokenSettingsFromEnv(config), protectedPaths: [] }),
        GraphqlGatewayModule,
      ],
    };
  }
}
