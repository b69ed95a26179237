import type { DataSourceOptions, LoggerOptions } from 'typeorm';

/** What a service says about its database; everything else is decided here, the same for every service. */
export interface CreateDataSourceOptions {
  /** postgres://user:password@host:port/database */
  url: string;
  /** The service's own schema: its tables, and the migrations table, live there. */
  schema: string;
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
  /** Default `migrations` (inside `schema`). */
  migrationsTableName?: string;
  /** Largest number of connections in the pool. Default 10. */
  poolMax?: number;
  /** Shown in pg_stat_activity. Default `keel-<schema>`. */
  applicationName?: string;
  /** TypeORM query logging. Default false. */
  logging?: LoggerOptions;
  /** How long to wait for a new connection before failing. Default 5000 ms. */
  connectTimeoutMs?: number;
  /** How long an unused connection stays open. Default 30000 ms. */
  idleTimeoutMs?: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema and table names go into SQL and connection parameters unquoted, so only plain identifiers pass. */
export function assertIdentifier(kind: string, value: string): void {
  if (!IDENTIFIER.test(value)) {
    throw new Error(
      `Invalid ${kind} "${value}": use lower-case letters, digits and underscores, starting with a letter or underscore (at most 63).`,
    );
  }
}

/** The URL without its password, for messages and logs. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'postgres:' || parsed.protocol === 'postgresql:') {
      parsed.password = '';
      return parsed.toString();
    }
  } catch {
    // fall through: an unparseable string may still contain a password, so it is never echoed
  }
  return '<unparseable database URL>';
}
