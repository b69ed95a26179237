import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule, tokenSettingsFromEnv } from '@keel/auth';
import { alertsTopic, auditTopic, metricsTopic, onTopic } from '@keel/contracts';
import { DatabaseModule } from '@keel/database';
import { KafkaAuditSink, SubgraphModule } from '@keel/graphql';
import { KAFKA_CLIENT, KafkaModule, type KafkaClient } from '@keel/kafka';
import { ObservabilityModule } from '@keel/observability';
import { AlertingMetrics } from './alerting-metrics';
import { ApiModule } from './api.module';
import { ALERTING_CONFIG, ALERTING_SERVICE, type AlertingConfig } from './config';
import { alertingDataSourceOptions } from './database/data-source-options';
import { RetentionRepository } from './retention/retention.repository';
import { RetentionService } from './retention/retention.service';

/** The alerting service, built from a config validated beforehand (main.ts or a test's own). */
@Module({})
export class AppModule {
  static forConfig(config: AlertingConfig): DynamicModule {
    const configProvider = { provide: ALERTING_CONFIG, useValue: config };
    return {
      module: AppModule,
      global: true,
      providers: [configProvider, AlertingMetrics, RetentionRepository, RetentionService],
      exports: [configProvider, AlertingMetrics],
      imports: [
        ObservabilityModule.forRoot({
          service: ALERTING_SERVICE,
          logLevel: config.LOG_LEVEL,
          readiness: { database: true, kafka: true },
        }),
        DatabaseModule.forRoot({
          useFactory: () => ({ url: config.DATABASE_URL, ...alertingDataSourceOptions(config.DATABASE_SCHEMA) }),
        }),
        KafkaModule.forRoot({
          useFactory: () => ({ brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID ?? ALERTING_SERVICE }),
          topics: [alertsTopic, auditTopic, onTopic(metricsTopic, config.ALERTING_RECORDING_TOPIC)],
        }),
        // Other Prometheus servers post alerts and Grafana reads rules with API keys, exchanged at identity.
        AuthModule.forRoot({
          useFactory: () => tokenSettingsFromEnv(config),
          apiKeys: { identityBaseUrl: config.IDENTITY_BASE_URL, serviceName: ALERTING_SERVICE },
        }),
        SubgraphModule.forRoot({
          service: ALERTING_SERVICE,
          production: config.NODE_ENV === 'production',
          auditSink: {
            useFactory: (kafka: KafkaClient) => new KafkaAuditSink(kafka.publisher(), ALERTING_SERVICE),
            inject: [KAFKA_CLIENT],
          },
        }),
        ApiModule,
      ],
    };
  }
}
