// `nx run metrics:graphql:schema`: prints the subgraph SDL to apps/metrics/schema.graphql (--check: fail when stale).
// Unlike the other subgraphs it does not boot the whole app: the store creates its daily partitions at bootstrap,
// which needs a migrated schema. The SDL depends only on the resolvers, so they are built here with QueryService
// unbound; the integration test compares this file with the SDL of the fully booted app.
import 'reflect-metadata';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthModule } from '@keel/auth';
import { emitSchemaCli, SubgraphModule } from '@keel/graphql';
import { METRICS_SERVICE } from './config';
import { MetricsGraphqlModule } from './metrics-graphql/metrics-graphql.module';
import { QueryService } from './query-api';

@Global()
@Module({ providers: [{ provide: QueryService, useValue: {} }], exports: [QueryService] })
class SchemaOnlyQueryModule {}

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
      service: METRICS_SERVICE,
      production: false,
      auditSink: { useFactory: () => ({ record: () => Promise.resolve() }) },
    }),
    SchemaOnlyQueryModule,
    MetricsGraphqlModule,
  ],
})
class SchemaOnlyModule {}

void emitSchemaCli({
  service: METRICS_SERVICE,
  createContext: () => NestFactory.createApplicationContext(SchemaOnlyModule, { logger: ['error', 'warn'] }),
});
