import 'reflect-metadata';
import { loadConfig } from '@keel/config';
import { emitSchemaCli, withDevelopmentDefaults } from '@keel/graphql';
import { createIncidentsApp } from './bootstrap';
import { incidentsConfigSchema } from './config';

void emitSchemaCli({
  service: 'incidents',
  schemaFile: 'apps/incidents/schema.graphql',
  createApp: () =>
    createIncidentsApp(loadConfig(incidentsConfigSchema, withDevelopmentDefaults(process.env), 'incidents')),
});
