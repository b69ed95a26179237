// `nx run alerting:graphql:schema`: prints the subgraph SDL to apps/alerting/schema.graphql (--check: fail when
// stale). The SDL depends only on the resolvers, so they are built with their services unbound instead of booting
// the service (which reads PostgreSQL and the rule directory); the integration test compares this file with the
// SDL of the fully booted app.
import 'reflect-metadata';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthModule } from '@keel/auth';
import { emitSchemaCli, SubgraphModule } from '@keel/graphql';
import { AlertMuting } from './alerts/alert-muting';
import { AlertsResolver } from './alerts/alerts.resolver';
import { ALERTING_CONFIG, ALERTING_SERVICE } from './config';
import { AlertStateRepository } from './evaluation/alert-state.repository';
import { EvaluationService } from './evaluation/evaluation.service';
import { NotificationConfigService } from './notification/notification-config.service';
import { NotificationLogRepository } from './notification/notification-log.repository';
import { NotificationResolver } from './notification/notification.resolver';
import { RuleSourcesService } from './rules/rule-sources.service';
import { RulesResolver } from './rules/rules.resolver';
import { SilencesResolver } from './silences/silences.resolver';
import { SilencesService } from './silences/silences.service';

const UNBOUND = [
  RuleSourcesService,
  EvaluationService,
  AlertMuting,
  AlertStateRepository,
  SilencesService,
  NotificationConfigService,
  NotificationLogRepository,
];

@Global()
@Module({
  providers: [...UNBOUND, ALERTING_CONFIG].map((provide) => ({ provide, useValue: {} })),
  exports: [...UNBOUND, ALERTING_CONFIG],
})
class SchemaOnlyServicesModule {}

@Module({
  imports: [
    AuthModule.forRoot({
      useFactory: () => ({
        secret: 'schema-emission-only-secret-not-used-for-tokens',
        issuer: 'keel',
        accessTtlSeconds: 60,
      }),
    }),
    SubgraphModule.forRoot({
      service: ALERTING_SERVICE,
      production: false,
      auditSink: { useFactory: () => ({ record: () => Promise.resolve() }) },
    }),
    SchemaOnlyServicesModule,
  ],
  providers: [RulesResolver, AlertsResolver, SilencesResolver, NotificationResolver],
})
class SchemaOnlyModule {}

void emitSchemaCli({
  service: ALERTING_SERVICE,
  createContext: () => NestFactory.createApplicationContext(SchemaOnlyModule, { logger: ['error', 'warn'] }),
});
