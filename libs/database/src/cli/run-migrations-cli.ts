import { databaseEnv, loadConfig } from '@keel/config';
import { z } from 'zod';
import { type CreateDataSourceOptions, describeDatabaseUrl } from '../data-source/data-source-options';
import { errorMessage } from '../errors';
import { migrateDatabase } from '../migrations/run-migrations';

const migrateEnv = z.object({ ...databaseEnv });

export interface RunMigrationsCliOptions {
  /** The service's name, printed on every line. */
  service: string;
  /** Everything but the URL, which comes from DATABASE_URL. */
  dataSourceOptions: Omit<CreateDataSourceOptions, 'url'>;
  /** Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Defaults to process.exit; tests pass their own. */
  exit?: (code: number) => void;
  /** Defaults to console. */
  output?: { log(message: string): void; error(message: string): void };
}

/**
 * The body of an app's `src/migrate.ts`: reads DATABASE_URL, runs the pending migrations of the
 * service's schema, prints what ran, and exits 0 — or prints why it failed and exits 1.
 */
export async function runMigrationsCli(options: RunMigrationsCliOptions): Promise<void> {
  const { service, env = process.env, output = console } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let url: string;
  try {
    url = loadConfig(migrateEnv, env, service).DATABASE_URL;
  } catch (error) {
    output.error(`[${service}] migrate: ${errorMessage(error)}`);
    exit(1);
    return;
  }
  const where = `${describeDatabaseUrl(url)} schema ${options.dataSourceOptions.schema}`;
  let exitCode = 0;
  try {
    const names = await migrateDatabase({ ...options.dataSourceOptions, url });
    if (names.length === 0) {
      output.log(`[${service}] migrate: ${where} is up to date`);
    } else {
      output.log(`[${service}] migrate: applied ${names.length} migration(s) to ${where}:`);
      for (const name of names) {
        output.log(`  ${name}`);
      }
    }
  } catch (error) {
    output.error(`[${service}] migrate: failed on ${where}: ${errorMessage(error)}`);
    exitCode = 1;
  }
  exit(exitCode);
}
