import { type DataSource, MigrationExecutor } from 'typeorm';
import { createDataSource } from '../data-source/create-data-source';
import type { CreateDataSourceOptions } from '../data-source/data-source-options';

/** Anything with a `log(message)` method: console, a Nest Logger, a pino logger wrapper. */
export interface MigrationLogger {
  log(message: string): void;
}

export interface MigrationRunOptions {
  logger?: MigrationLogger;
}

/** The schema the DataSource was created for (see createDataSource). */
export function schemaOf(dataSource: DataSource): string {
  const schema = (dataSource.options as { schema?: string }).schema;
  if (!schema) {
    throw new Error('The DataSource has no schema; create it with createDataSource({ schema, ... }).');
  }
  return schema;
}

/**
 * Creates the service's schema when it is missing, then runs every pending migration, each in its own
 * transaction, in timestamp order. Returns the names of the migrations run (empty when up to date).
 */
export async function runMigrations(dataSource: DataSource, options: MigrationRunOptions = {}): Promise<string[]> {
  const schema = schemaOf(dataSource);
  await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  const names = applied.map((migration) => migration.name);
  if (names.length === 0) {
    options.logger?.log(`schema ${schema}: no pending migrations`);
  }
  for (const name of names) {
    options.logger?.log(`schema ${schema}: applied migration ${name}`);
  }
  return names;
}

/** Reverts the most recently applied migration, in a transaction. Returns its name, or undefined when none ran. */
export async function revertLastMigration(
  dataSource: DataSource,
  options: MigrationRunOptions = {},
): Promise<string | undefined> {
  const schema = schemaOf(dataSource);
  const executed = await new MigrationExecutor(dataSource).getExecutedMigrations();
  const last = executed[0]?.name;
  if (last === undefined) {
    options.logger?.log(`schema ${schema}: no migration to revert`);
    return undefined;
  }
  await dataSource.undoLastMigration({ transaction: 'each' });
  options.logger?.log(`schema ${schema}: reverted migration ${last}`);
  return last;
}

/**
 * Opens a one-connection data source, runs the pending migrations of the service's schema, and closes it:
 * what `migrate.ts` entries and integration tests need. Returns the names of the migrations run.
 */
export async function migrateDatabase(
  options: CreateDataSourceOptions,
  runOptions: MigrationRunOptions = {},
): Promise<string[]> {
  const dataSource = createDataSource({ ...options, poolMax: 1 });
  await dataSource.initialize();
  try {
    return await runMigrations(dataSource, runOptions);
  } finally {
    await dataSource.destroy();
  }
}
