import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { TokenService } from '@keel/auth';
import { loadConfig, workspaceRoot } from '@keel/config';
import { metricsTopic, onTopic } from '@keel/contracts';
import { migrateDatabase } from '@keel/database';
import { createMetricsPublisher, type MetricsPublisher } from '@keel/metrics-client';
import {
  createTestSchema,
  runCompiledScript,
  startServiceProcess,
  TEST_KAFKA_BROKERS,
  uniqueName,
  until,
  type ServiceProcess,
  type TestSchema,
} from '@keel/testing';
import { Client } from 'pg';
import { createAlertingApp } from '../bootstrap';
import { alertingConfigSchema, type AlertingConfig } from '../config';
import { alertingDataSourceOptions } from '../database/data-source-options';

export const SEED_RULES = resolve(workspaceRoot(__dirname), 'apps/alerting/rules/seed-alerting-rules.yml');

/**
 * A metrics service process (from dist/) on its own schema and metrics topic, a rule directory, and what an
 * alerting app of the test needs to query it. Alerting apps are built in the test process, so tests can drive
 * evaluations at chosen timestamps.
 */
export interface AlertingTestEnv {
  metrics: ServiceProcess;
  publisher: MetricsPublisher;
  rulesDir: string;
  alertingSchema: TestSchema;
  jwtSecret: string;
  topic: string;
  config(overrides?: Record<string, string>): AlertingConfig;
  startAlerting(overrides?: Record<string, string>): Promise<INestApplication>;
  /** The loopback URL an app of startAlerting listens on. */
  urlOf(app: INestApplication): Promise<string>;
  /** A connected client on the alerting schema (search_path set), closed by stop(). */
  database(): Promise<Client>;
  /** Waits until the metrics service answers `query` with at least one sample at `timeMs`. */
  waitForData(query: string, timeMs: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startAlertingTestEnv(ruleFiles: string[] = [SEED_RULES]): Promise<AlertingTestEnv> {
  const metricsSchema = await createTestSchema('alerting_int_metrics');
  const alertingSchema = await createTestSchema('alerting_int');
  const jwtSecret = randomBytes(48).toString('base64url');
  const topic = `test.${uniqueName('alerting_metrics')}`;
  const rulesDir = mkdtempSync(join(tmpdir(), 'keel-rules-'));
  for (const file of ruleFiles) copyFileSync(file, join(rulesDir, basename(file)));
  const baseEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: metricsSchema.url,
    KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
    JWT_SECRET: jwtSecret,
  };
  await runCompiledScript('apps/metrics/src/migrate.js', { ...baseEnv, DATABASE_SCHEMA: metricsSchema.name });
  const metrics = await startServiceProcess('metrics', {
    ...baseEnv,
    DATABASE_SCHEMA: metricsSchema.name,
    METRICS_INGEST_TOPIC: topic,
    METRICS_INGEST_GROUP_ID: uniqueName('alerting_int_ingest'),
  });
  await migrateDatabase({ url: alertingSchema.url, ...alertingDataSourceOptions(alertingSchema.name) });
  const publisher = createMetricsPublisher({
    source: 'alerting-int-test',
    brokers: TEST_KAFKA_BROKERS,
    contract: onTopic(metricsTopic, topic),
  });
  const apps: INestApplication[] = [];
  const clients: Client[] = [];

  const config = (overrides: Record<string, string> = {}): AlertingConfig =>
    loadConfig(alertingConfigSchema, {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: alertingSchema.url,
      DATABASE_SCHEMA: alertingSchema.name,
      KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','),
      KAFKA_CLIENT_ID: uniqueName('alerting_int'),
      JWT_SECRET: jwtSecret,
      ALERTING_RULES_DIR: rulesDir,
      ALERTING_DATASOURCE_URL: metrics.url,
      ALERTING_RECORDING_TOPIC: topic,
      // Tests drive evaluations themselves: the timers wait a day.
      ALERTING_EVALUATION_INTERVAL_SECONDS: '86400',
      ALERTING_QUERY_OFFSET_SECONDS: '0',
      ALERTING_NOTIFICATION_CONFIG: resolve(workspaceRoot(__dirname), 'apps/alerting/config/alertmanager.yml'),
      ...overrides,
    });

  return {
    metrics,
    publisher,
    rulesDir,
    alertingSchema,
    jwtSecret,
    topic,
    config,
    async startAlerting(overrides = {}) {
      const app = await createAlertingApp(config(overrides));
      await app.listen(0, '127.0.0.1');
      apps.push(app);
      return app;
    },
    async urlOf(app) {
      return (await app.getUrl()).replace('[::1]', '127.0.0.1');
    },
    async database() {
      const client = new Client({
        connectionString: alertingSchema.url,
        options: `-c search_path=${alertingSchema.name}`,
      });
      await client.connect();
      clients.push(client);
      return client;
    },
    async waitForData(query, timeMs) {
      const token = new TokenService({ secret: jwtSecret, issuer: 'keel', accessTtlSeconds: 300 }).issueServiceToken(
        'alerting',
      ).token;
      await until(
        async () => {
          const response = await fetch(`${metrics.url}/api/v1/query`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ query, time: String(timeMs / 1000) }),
          });
          const body = (await response.json()) as { data?: { result?: unknown[] } };
          return (body.data?.result?.length ?? 0) > 0;
        },
        { timeoutMs: 30_000, intervalMs: 200, what: `data for ${query} at ${timeMs}` },
      );
    },
    async stop() {
      await Promise.all(apps.map((a) => a.close().catch(() => undefined)));
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      await publisher.close();
      await metrics.stop();
      rmSync(rulesDir, { recursive: true, force: true });
      await alertingSchema.drop();
      await metricsSchema.drop();
    },
  };
}
