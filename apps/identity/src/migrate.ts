// `nx run identity:db:migrate`: applies identity's pending migrations to DATABASE_URL, schema DATABASE_SCHEMA.
import { loadConfigOrExit } from '@keel/config';
import { runMigrationsCli } from '@keel/database';
import { z } from 'zod';
import { databaseSchemaEnv, IDENTITY_SERVICE } from './config';
import { identityDataSourceOptions } from './database/identity-database';

const { DATABASE_SCHEMA } = loadConfigOrExit(z.object(databaseSchemaEnv), IDENTITY_SERVICE);
void runMigrationsCli({ service: IDENTITY_SERVICE, dataSourceOptions: identityDataSourceOptions(DATABASE_SCHEMA) });
