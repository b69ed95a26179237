import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface NotificationLogRow {
  groupKey: string;
  receiver: string;
  firingAlerts: string[];
  resolvedAlerts: string[];
  sentAt: Date;
  expiresAt: Date;
}

export interface DeliveryRow {
  sentAt: Date;
  groupKey: string;
  receiver: string;
  integration: string;
  status: 'sent' | 'failed';
  attempts: number;
  firingCount: number;
  resolvedCount: number;
  durationMs: number;
  error: string | null;
}

interface LogRecord {
  group_key: string;
  receiver: string;
  firing_alerts: string[];
  resolved_alerts: string[];
  sent_at: Date;
  expires_at: Date;
}

interface DeliveryRecord {
  id: string;
  sent_at: Date;
  group_key: string;
  receiver: string;
  integration: string;
  status: 'sent' | 'failed';
  attempts: number;
  firing_count: number;
  resolved_count: number;
  duration_ms: number;
  error: string | null;
}

/**
 * Alertmanager's notification log in PostgreSQL (what was last sent for a group to a receiver, which decides
 * whether the next flush sends anything), and the delivery log of every attempt's outcome.
 */
@Injectable()
export class NotificationLogRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async find(groupKey: string, receiver: string): Promise<NotificationLogRow | undefined> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM notification_log WHERE group_key = $1 AND receiver = $2 AND expires_at > now()`,
      [groupKey, receiver],
    )) as LogRecord[];
    const r = rows[0];
    return r
      ? {
          groupKey: r.group_key,
          receiver: r.receiver,
          firingAlerts: r.firing_alerts,
          resolvedAlerts: r.resolved_alerts,
          sentAt: r.sent_at,
          expiresAt: r.expires_at,
        }
      : undefined;
  }

  async save(row: NotificationLogRow): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notification_log (group_key, receiver, firing_alerts, resolved_alerts, sent_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (group_key, receiver) DO UPDATE SET firing_alerts = EXCLUDED.firing_alerts,
         resolved_alerts = EXCLUDED.resolved_alerts, sent_at = EXCLUDED.sent_at, expires_at = EXCLUDED.expires_at`,
      [row.groupKey, row.receiver, row.firingAlerts, row.resolvedAlerts, row.sentAt, row.expiresAt],
    );
  }

  async recordDelivery(row: DeliveryRow): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notification_deliveries (sent_at, group_key, receiver, integration, status, attempts, firing_count,
         resolved_count, duration_ms, error) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        row.sentAt,
        row.groupKey,
        row.receiver,
        row.integration,
        row.status,
        row.attempts,
        row.firingCount,
        row.resolvedCount,
        row.durationMs,
        row.error,
      ],
    );
  }

  async recentDeliveries(first: number, receiver?: string): Promise<Array<DeliveryRow & { id: string }>> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM notification_deliveries WHERE ($2::text IS NULL OR receiver = $2)
       ORDER BY sent_at DESC, id DESC LIMIT $1`,
      [first, receiver ?? null],
    )) as DeliveryRecord[];
    return rows.map((r) => ({
      id: r.id,
      sentAt: r.sent_at,
      groupKey: r.group_key,
      receiver: r.receiver,
      integration: r.integration,
      status: r.status,
      attempts: r.attempts,
      firingCount: r.firing_count,
      resolvedCount: r.resolved_count,
      durationMs: r.duration_ms,
      error: r.error,
    }));
  }
}
