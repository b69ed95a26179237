import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source/create-data-source';
import type { CreateDataSourceOptions } from '../data-source/data-source-options';
import { runMigrations } from './run-migrations';

/**
 * The SQL TypeORM would still run to make the database match the entities, as things stand now
 * (normally: after all migrations have run). Empty means the entities and the database agree.
 */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((query) => query.query);
}

export type EntitiesMatchMigrationsOptions = Omit<CreateDataSourceOptions, 'schema'> & {
  /** Prefix of the throwaway schema's name; default `drift_check`. */
  schemaPrefix?: string;
};

/**
 * Runs the migrations in a throwaway schema, compares the result with the entities and drops the
 * schema again. Throws, listing the SQL that is missing from the migrations, when they differ.
 * Migrations must therefore use unqualified table names (the search_path points at the schema).
 */
export async function assertEntitiesMatchMigrations(options: EntitiesMatchMigrationsOptions): Promise<void> {
  const { schemaPrefix = 'drift_check', ...rest } = options;
  const schema = `${schemaPrefix}_${randomBytes(6).toString('hex')}`;
  const dataSource = createDataSource({ ...rest, schema, poolMax: 2, applicationName: 'keel-drift-check' });
  await dataSource.initialize();
  let changes: string[];
  try {
    await runMigrations(dataSource);
    changes = await pendingSchemaChanges(dataSource);
  } finally {
    try {
      await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await dataSource.destroy();
    }
  }
  if (changes.length > 0) {
    throw new Error(
      `The entities and the migrations differ: after every migration has run, TypeORM would still execute\n` +
        changes.map((sql) => `  ${sql};`).join('\n') +
        `\nWrite a migration with these changes (or fix the entities).`,
    );
  }
}
