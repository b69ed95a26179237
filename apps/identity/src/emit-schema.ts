// `nx run identity:graphql:schema`: prints the subgraph SDL to apps/identity/schema.graphql (--check: fail when stale).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@keel/config';
import { emitSchemaCli, withDevelopmentDefaults } from '@keel/graphql';
import { AppModule } from './app.module';
import { IDENTITY_SERVICE, identityConfigSchema } from './config';

void emitSchemaCli({
  service: IDENTITY_SERVICE,
  createContext: () =>
    NestFactory.createApplicationContext(
      AppModule.forRoot(loadConfig(identityConfigSchema, withDevelopmentDefaults(process.env), IDENTITY_SERVICE)),
      { logger: ['error', 'warn'] },
    ),
});
