export { SnakeNamingStrategy } from './naming/snake-naming.strategy';
export { createDataSource } from './data-source/create-data-source';
export { type CreateDataSourceOptions, describeDatabaseUrl } from './data-source/data-source-options';
export {
  type MigrationLogger,
  migrateDatabase,
  type MigrationRunOptions,
  revertLastMigration,
  runMigrations,
} from './migrations/run-migrations';
export {
  assertEntitiesMatchMigrations,
  type EntitiesMatchMigrationsOptions,
  pendingSchemaChanges,
} from './migrations/schema-drift';
export { type PoolStats, poolStats } from './health/pool-stats';
export { checkDatabaseHealth, type DatabaseHealth } from './health/check-database-health';
export { DatabaseModule, type DatabaseModuleOptions } from './nest/database.module';
export { DatabaseHealthIndicator } from './nest/database-health.indicator';
export { DatabasePoolMonitor } from './nest/database-pool.monitor';
export { runMigrationsCli, type RunMigrationsCliOptions } from './cli/run-migrations-cli';
export { AdvisoryLease, type AdvisoryLeaseOptions } from './lease/advisory-lease';
