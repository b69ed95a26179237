// `nx run alerting:db:migrate`: applies the alerting service's pending migrations to DATABASE_URL, schema DATABASE_SCHEMA.
import 'reflect-metadata';
import { loadConfigOrExit } from '@keel/config';
import { runMigrationsCli } from '@keel/database';
import { z } from 'zod';
import { ALERTING_SERVICE, databaseSchemaEnv } from './config';
import { alertingDataSourceOptions } from './database/data-source-options';

const { DATABASE_SCHEMA } = loadConfigOrExit(z.object(databaseSchemaEnv), ALERTING_SERVICE);
void runMigrationsCli({ service: ALERTING_SERVICE, dataSourceOptions: alertingDataSourceOptions(DATABASE_SCHEMA) });
