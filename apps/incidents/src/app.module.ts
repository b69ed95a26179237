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
import { DirectoryModule } from './directory/directory.module';
import { IncidentsModule } from './incidents/incidents.module';
import { OncallModule } from './oncall/oncall.module';
import { ESCALATION_CLOCK, systemEscalationClock, type EscalationClock } from './oncall/escalation-clock';
import { PostMortemsModule } from './postmortems/post-mortems.module';
import { RetrospectivesModule } from './retrospectives/retrospectives.module';
import { RunbooksModule } from './runbooks/runbooks.module';

const SERVICE = 'incidents';

/** What a test may replace in the application. */
export interface IncidentsAppOptions {
  /** The clock of the escalations (hooks and worker); the system clock by default. */
  escalationClock?: EscalationClock;
}

@Module({})
export class AppModule {
  static forConfig(config: IncidentsConfig, options: IncidentsAppOptions = {}): DynamicModule {
    const configProvider = { provide: INCIDENTS_CONFIG, useValue: config };
    const escalationClock = { provide: ESCALATION_CLOCK, useValue: options.escalationClock ?? systemEscalationClock };
    return {
      module: AppModule,
      global: true,
      providers: [configProvider, escalationClock],
      exports: [configProvider, escalationClock],
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
        DirectoryModule,
        IncidentsModule,
        OncallModule,
        PostMortemsModule,
        RetrospectivesModule,
        RunbooksModule,
        AlertIntakeModule,
      ],
    };
  }
}
