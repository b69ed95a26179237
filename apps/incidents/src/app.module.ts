import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule, tokenSettingsFromEnv } from '@keel/auth';
import { auditTopic, incidentsTopic } from '@keel/contracts';
import { DatabaseModule } from '@keel/database';
import { KafkaAuditSink, SubgraphModule } from '@keel/graphql';
import { KAFKA_CLIENT, KafkaModule, type KafkaClient } from '@keel/kafka';
import { ObservabilityModule } from '@keel/observability';
import { AlertIntakeModule } from './alert-intake/alert-intake.module';
import { alertIntakeContract } from './alert-intake/alert-intake.consumer';
import { INCIDENTS_CONFIG, type IncidentsConfig } from './config';
import { incidentsDataSourceOptions } from './database/data-source-options';
import { IncidentsModule } from './incidents/incidents.module';
import { OncallModule } from './oncall/oncall.module';

const SERVICE = 'incidents';

@Module({})
export class AppModule {
  static forConfig(config: IncidentsConfig): DynamicModule {
    const configProvider = { provide: INCIDENTS_CONFIG, useValue: config };
    return {
      module: AppModule,
      global: true,
      providers: [configProvider],
      exports: [configProvider],
      imports: [
        ObservabilityModule.forRoot({
          service: SERVICE,
          logLevel: config.LOG_LEVEL,
          readiness: { database: true, kafka: true },
        }),
        DatabaseModule.forRoot({
          useFactory: () => ({ url: config.DATABASE_URL, ...incidentsDataSourceOptions(config.DATABASE_SCHEMA) }),
        }),
        KafkaModule.forRoot({
          useFactory: () => ({ brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID ?? SERVICE }),
          topics: [incidentsTopic, auditTopic, alertIntakeContract(config.INCIDENTS_ALERTS_TOPIC)],
        }),
        AuthModule.forRoot({
          useFactory: () => tokenSettingsFromEnv(config),
        }),
        SubgraphModule.forRoot({
          service: SERVICE,
          production: config.NODE_ENV === 'production',
          auditSink: {
            useFactory: (kafka: KafkaClient) => new KafkaAuditSink(kafka.publisher(), SERVICE),
            inject: [KAFKA_CLIENT],
          },
        }),
        IncidentsModule,
        OncallModule,
        AlertIntakeModule,
      ],
    };
  }
}
