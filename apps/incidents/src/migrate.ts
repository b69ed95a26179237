import 'reflect-metadata';
import { runMigrationsCli } from '@keel/database';
import { incidentsDataSourceOptions } from './database/data-source-options';

void runMigrationsCli({
  service: 'incidents',
  dataSourceOptions: incidentsDataSourceOptions(process.env.DATABASE_SCHEMA ?? 'incidents'),
});
