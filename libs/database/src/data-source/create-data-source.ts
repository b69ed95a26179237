import { DataSource } from 'typeorm';
import { SnakeNamingStrategy } from '../naming/snake-naming.strategy';
import { assertIdentifier, type CreateDataSourceOptions } from './data-source-options';

export const DEFAULT_MIGRATIONS_TABLE = 'migrations';

/**
 * A PostgreSQL DataSource (not yet initialized) set up the way every Keel service uses it: its own
 * schema as the default schema and first on the search_path (so unqualified SQL in migrations lands
 * there), snake_case names, migrations only — `synchronize` is always off and migrations never run on
 * boot; they run through `runMigrations` / the service's `migrate` entry point.
 */
export function createDataSource(options: CreateDataSourceOptions): DataSource {
  assertIdentifier('schema name', options.schema);
  const migrationsTableName = options.migrationsTableName ?? DEFAULT_MIGRATIONS_TABLE;
  assertIdentifier('migrations table name', migrationsTableName);
  const poolMax = options.poolMax ?? 10;
  if (!Number.isInteger(poolMax) || poolMax < 1) {
    throw new Error(`Invalid poolMax ${poolMax}: it must be a positive integer.`);
  }
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName,
    migrationsTransactionMode: 'each',
    migrationsRun: false,
    synchronize: false,
    dropSchema: false,
    namingStrategy: new SnakeNamingStrategy(),
    applicationName: options.applicationName ?? `keel-${options.schema}`,
    logging: options.logging ?? false,
    connectTimeoutMS: options.connectTimeoutMs ?? 5000,
    // gen_random_uuid() is built into PostgreSQL 13+, so uuid columns need no extension; extensions,
    // like every other schema change, belong to migrations, not to the application's boot.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    extra: {
      max: poolMax,
      idleTimeoutMillis: options.idleTimeoutMs ?? 30000,
      options: `-c search_path=${options.schema},public`,
    },
  });
}
