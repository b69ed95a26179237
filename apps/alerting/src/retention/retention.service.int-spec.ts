import { createDataSource, migrateDatabase } from '@keel/database';
import { MetricsRegistry } from '@keel/observability';
import { createTestSchema, type TestSchema } from '@keel/testing';
import type { DataSource } from 'typeorm';
import { AlertingMetrics } from '../alerting-metrics';
import type { AlertingConfig } from '../config';
import { alertingDataSourceOptions } from '../database/data-source-options';
import { RetentionRepository } from './retention.repository';
import { RetentionService } from './retention.service';

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('RetentionService (PostgreSQL)', () => {
  let schema: TestSchema;
  let dataSource: DataSource;
  let registry: MetricsRegistry;
  let service: RetentionService;
  const now = new Date('2026-11-26T12:00:00Z');
  const ago = (ms: number): Date => new Date(now.getTime() - ms);

  beforeAll(async () => {
    schema = await createTestSchema('alerting_retention');
    await migrateDatabase({ url: schema.url, ...alertingDataSourceOptions(schema.name) });
    dataSource = createDataSource({ url: schema.url, ...alertingDataSourceOptions(schema.name) });
    await dataSource.initialize();
    registry = new MetricsRegistry();
    const config = { ALERTING_HISTORY_RETENTION_DAYS: 90, ALERTING_SILENCE_RETENTION_HOURS: 120 } as AlertingConfig;
    service = new RetentionService(config, new RetentionRepository(dataSource), new AlertingMetrics(registry));
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await schema?.drop();
  });

  async function history(occurredAt: Date, rule: string): Promise<void> {
    await dataSource.query(
      `INSERT INTO alert_history (occurred_at, group_key, rule_name, fingerprint, labels, annotations, from_state, to_state, value)
       VALUES ($1, 'g', $2, '0123456789abcdef', '{}', '{}', 'inactive', 'pending', 1)`,
      [occurredAt, rule],
    );
  }

  async function delivery(sentAt: Date, receiver: string): Promise<void> {
    await dataSource.query(
      `INSERT INTO notification_deliveries (sent_at, group_key, receiver, integration, status, attempts, firing_count, resolved_count, duration_ms)
       VALUES ($1, '{}:{}', $2, 'webhook', 'sent', 1, 1, 0, 5)`,
      [sentAt, receiver],
    );
  }

  async function logEntry(expiresAt: Date, receiver: string): Promise<void> {
    await dataSource.query(
      `INSERT INTO notification_log (group_key, receiver, firing_alerts, resolved_alerts, sent_at, expires_at)
       VALUES ('{}:{}', $1, '{}', '{}', $2, $3)`,
      [receiver, ago(DAY), expiresAt],
    );
  }

  async function silence(endsAt: Date, comment: string): Promise<void> {
    await dataSource.query(
      `INSERT INTO silences (matchers, starts_at, ends_at, created_by, comment, version)
       VALUES ('[]', $1, $2, 'alice', $3, 1)`,
      [ago(30 * DAY), endsAt, comment],
    );
  }

  const remaining = async (sql: string): Promise<string[]> =>
    ((await dataSource.query(sql)) as { v: string }[]).map((r) => r.v).sort();

  it('removes what is past each retention and keeps the rest', async () => {
    await history(ago(91 * DAY), 'old');
    await history(ago(89 * DAY), 'kept');
    await delivery(ago(100 * DAY), 'old');
    await delivery(ago(DAY), 'kept');
    await logEntry(ago(HOUR), 'expired');
    await logEntry(new Date(now.getTime() + HOUR), 'valid');
    await silence(ago(121 * HOUR), 'long expired');
    await silence(ago(119 * HOUR), 'recently expired');
    await silence(new Date(now.getTime() + DAY), 'active');

    const result = await service.purge(now);

    expect(result).toEqual({ alert_history: 1, notification_deliveries: 1, notification_log: 1, silences: 1 });
    expect(await remaining('SELECT rule_name AS v FROM alert_history')).toEqual(['kept']);
    expect(await remaining('SELECT receiver AS v FROM notification_deliveries')).toEqual(['kept']);
    expect(await remaining('SELECT receiver AS v FROM notification_log')).toEqual(['valid']);
    expect(await remaining('SELECT comment AS v FROM silences')).toEqual(['active', 'recently expired']);
    expect(await registry.getSingleMetricAsString('keel_alerting_retention_purged_rows_total')).toContain(
      'keel_alerting_retention_purged_rows_total{table="alert_history"} 1',
    );

    // Nothing left to remove: a second purge changes nothing.
    expect(await service.purge(now)).toEqual({
      alert_history: 0,
      notification_deliveries: 0,
      notification_log: 0,
      silences: 0,
    });
  });

  it('removes more rows than one batch holds', async () => {
    await dataSource.query(
      `INSERT INTO alert_history (occurred_at, group_key, rule_name, fingerprint, labels, annotations, from_state, to_state, value)
       SELECT $1, 'g', 'bulk', '0123456789abcdef', '{}', '{}', 'pending', 'firing', i FROM generate_series(1, 12001) i`,
      [ago(200 * DAY)],
    );
    const result = await service.purge(now);
    expect(result.alert_history).toBe(12001);
    expect(await remaining(`SELECT count(*)::text AS v FROM alert_history WHERE rule_name = 'bulk'`)).toEqual(['0']);
  });
});
