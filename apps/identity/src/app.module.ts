import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule, tokenSettingsFromEnv } from '@keel/auth';
import { auditTopic } from '@keel/contracts';
import { DatabaseModule } from '@keel/database';
import { SubgraphModule } from '@keel/graphql';
import { KafkaModule } from '@keel/kafka';
import { ObservabilityModule } from '@keel/observability';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuditModule, kafkaAuditSink } from './audit/audit.module';
import { BootstrapModule } from './bootstrap/bootstrap.module';
import { IDENTITY_SERVICE, type IdentityConfig } from './config';
import { identityDatabaseOptions } from './database/identity-database';
import { IdentityConfigModule } from './identity-config.module';
import { SessionsModule } from './sessions/sessions.module';
import { UsersModule } from './users/users.module';

/** The identity service, built from a config validated beforehand (main.ts, or a test's own). */
@Module({})
export class AppModule {
  static forRoot(config: IdentityConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        IdentityConfigModule.forRoot(config),
        ObservabilityModule.forRoot({
          service: IDENTITY_SERVICE,
          logLevel: config.LOG_LEVEL,
          readiness: { database: true, kafka: true },
        }),
        DatabaseModule.forRoot({ useFactory: () => identityDatabaseOptions(config) }),
        KafkaModule.forRoot({
          useFactory: () => ({ brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID ?? IDENTITY_SERVICE }),
          topics: [auditTopic],
        }),
        AuthModule.forRoot({
          useFactory: () => tokenSettingsFromEnv(config),
        }),
        SubgraphModule.forRoot({
          service: IDENTITY_SERVICE,
          production: config.NODE_ENV === 'production',
          auditSink: kafkaAuditSink,
        }),
        AuditModule,
        UsersModule,
        SessionsModule,
        ApiKeysModule,
        BootstrapModule,
      ],
    };
  }
}
