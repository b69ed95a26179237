// `nx run incidents:graphql:schema`: prints the subgraph SDL to apps/incidents/schema.graphql (--check: fail when stale).
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@keel/config';
import { emitSchemaCli, withDevelopmentDefaults } from '@keel/graphql';
import { AppModule } from './app.module';
import { incidentsConfigSchema } from './config';

void emitSchemaCli({
  service: 'incidents',
  createContext: () =>
    NestFactory.createApplicationContext(
      AppModule.forConfig(
        loadConfig(
          incidentsConfigSchema,
          // The SDL needs no consumer: do not join the alert intake's group while printing it.
          { ...withDevelopmentDefaults(process.env), INCIDENTS_ALERTS_CONSUMER: 'false' },
          'incidents',
        ),
      ),
      { logger: ['error', 'warn'] },
    ),
});
