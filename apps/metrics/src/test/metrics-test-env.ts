import { loadConfig, type Env } from '@keel/config';
import { createDataSource, runMigrations } from '@keel/database';
import { TEST_DATABASE_URL, TEST_KAFKA_BROKERS, uniqueName } from '@keel/testing';
import { Client } from 'pg';
import { ingestWorkerConfigSchema, type IngestWorkerConfig } from '../config';
import { metricsDataSourceOptions } from '../database/data-source-options';

/** Applies the metrics migrations to a (test) schema. */
export async function migrateMetricsSchema(schema: string, url = TEST_DATABASE_URL): Promise<void> {
  const dataSource = createDataSource({ url, ...metricsDataSourceOptions(schema, 2) });
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** The environment of a metrics process in a test: its own schema, topic and consumer group. */
export function metricsTestEnv(schema: string, topic: string, overrides: Env = {}): Record<string, string> {
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: schema,
    KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
    KAFKA_CLIENT_ID: uniqueName('metrics_test'),
    METRICS_INGEST_TOPIC: topic,
    METRICS_INGEST_GROUP_ID: uniqueName('metrics_ingest_test'),
    METRICS_INGEST_PAUSE_MS: '500',
    METRICS_INGEST_MAX_RETRIES: '1',
    LOG_LEVEL: 'warn',
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) env[key] = value;
  }
  return env;
}

export function metricsTestConfig(schema: string, topic: string, overrides: Env = {}): IngestWorkerConfig {
  return loadConfig(ingestWorkerConfigSchema, metricsTestEnv(schema, topic, overrides));
}

/** Runs one query on its own connection, with the schema first on the search_path. */
export async function queryStore<R extends object>(
  schema: string,
  sql: string,
  params: unknown[] = [],
  url = TEST_DATABASE_URL,
): Promise<R[]> {
  const client = new Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
