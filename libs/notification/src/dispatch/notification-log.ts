// The notification log (Alertmanager's nflog): per (group key, receiver integration), what was last notified.
// The dispatcher reads it in the dedup stage and writes it after a successful delivery.

export type IntegrationType = 'webhook' | 'email' | 'slack';

/** nflogpb.Receiver: the receiver name, the integration type and its index among that type's configs. */
export interface NotificationLogReceiver {
  groupName: string;
  integration: IntegrationType;
  index: number;
}

export interface NotificationLogEntry {
  groupKey: string;
  receiver: NotificationLogReceiver;
  /** Fingerprints of the firing alerts at that notification (sorted). */
  firingAlerts: string[];
  /** Fingerprints of the resolved alerts at that notification (sorted). */
  resolvedAlerts: string[];
  /** When it was logged (epoch ms). */
  timestamp: number;
  /** After this the entry may be deleted (2 × repeat_interval after `timestamp`, as Alertmanager sets it). */
  expiresAt: number;
}

export interface NotificationLog {
  /** The entry for this group and integration, or undefined. */
  get(groupKey: string, receiver: NotificationLogReceiver): Promise<NotificationLogEntry | undefined>;
  /** Stores (replaces) the entry for `entry.groupKey` and `entry.receiver`. */
  put(entry: NotificationLogEntry): Promise<void>;
}

/** Alertmanager's receiverKey: `<name>/<integration>/<index>`. */
export function receiverKey(receiver: NotificationLogReceiver): string {
  return `${receiver.groupName}/${receiver.integration}/${receiver.index}`;
}

/** An in-memory NotificationLog, for tests and single-process use. */
export class InMemoryNotificationLog implements NotificationLog {
  private readonly entries = new Map<string, NotificationLogEntry>();

  private static key(groupKey: string, receiver: NotificationLogReceiver): string {
    return `${groupKey}:${receiverKey(receiver)}`;
  }

  async get(groupKey: string, receiver: NotificationLogReceiver): Promise<NotificationLogEntry | undefined> {
    return this.entries.get(InMemoryNotificationLog.key(groupKey, receiver));
  }

  async put(entry: NotificationLogEntry): Promise<void> {
    this.entries.set(InMemoryNotificationLog.key(entry.groupKey, entry.receiver), entry);
  }

  /** Deletes entries whose expiresAt is not after `now`; returns how many. */
  gc(now: number): number {
    let removed = 0;
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) {
        this.entries.delete(key);
        removed++;
      }
    }
    return removed;
  }

  list(): NotificationLogEntry[] {
    return [...this.entries.values()];
  }
}
