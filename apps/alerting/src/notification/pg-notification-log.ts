import {
  receiverKey,
  type NotificationLog,
  type NotificationLogEntry,
  type NotificationLogReceiver,
} from '@keel/notification';
import type { NotificationLogRepository } from './notification-log.repository';

/** Alertmanager's notification log on PostgreSQL: shared by every process, kept across restarts. */
export class PgNotificationLog implements NotificationLog {
  constructor(private readonly repository: NotificationLogRepository) {}

  async get(groupKey: string, receiver: NotificationLogReceiver): Promise<NotificationLogEntry | undefined> {
    const row = await this.repository.find(groupKey, receiverKey(receiver));
    return row
      ? {
          groupKey,
          receiver,
          firingAlerts: row.firingAlerts,
          resolvedAlerts: row.resolvedAlerts,
          timestamp: row.sentAt.getTime(),
          expiresAt: row.expiresAt.getTime(),
        }
      : undefined;
  }

  async put(entry: NotificationLogEntry): Promise<void> {
    await this.repository.save({
      groupKey: entry.groupKey,
      receiver: receiverKey(entry.receiver),
      firingAlerts: entry.firingAlerts,
      resolvedAlerts: entry.resolvedAlerts,
      sentAt: new Date(entry.timestamp),
      expiresAt: new Date(entry.expiresAt),
    });
  }
}
