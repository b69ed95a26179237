// `nx run metrics:db:migrate`: applies the metrics service's pending migrations to DATABASE_URL, schema DATABASE_SCHEMA.
import 'reflect-metadata';
import { loadConfigOrExit } from '@keel/config';
import { runMigrationsCli } from '@keel/database';
import { z } from 'zod';
import { databaseSchemaEnv, METRICS_SERVICE } from './config';
import { metricsDataSourceOptions } from './database/data-source-options';

const { DATABASE_SCHEMA } = loadConfigOrExit(z.object(databaseSchemaEnv), METRICS_SERVICE);
void runMigrationsCli({ service: METRICS_SERVICE, dataSourceOptions: metricsDataSourceOptions(DATABASE_SCHEMA) });
