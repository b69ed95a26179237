// notify.DedupStage.needsUpdate: whether a flush has to notify an integration, given its last log entry.
import type { NotificationLogEntry } from './notification-log';

export type NotifyReason =
  | 'first notification'
  | 'new alerts added'
  | 'all alerts resolved'
  | 'some alerts resolved'
  | 'repeat interval elapsed';

const isSubset = (subset: ReadonlySet<string>, of: readonly string[]): boolean => {
  const set = new Set(of);
  for (const fp of subset) {
    if (!set.has(fp)) {
      return false;
    }
  }
  return true;
};

/**
 * Returns why the group must be notified, or undefined when nothing needs to be sent:
 * - never notified: only if something fires;
 * - a firing alert not in the last firing set;
 * - nothing fires any more: only if the last notification had firing alerts (regardless of send_resolved);
 * - with send_resolved, a resolved alert not in the last resolved set;
 * - otherwise when the last notification is older than repeat_interval.
 */
export function needsUpdate(
  entry: NotificationLogEntry | undefined,
  firing: ReadonlySet<string>,
  resolved: ReadonlySet<string>,
  sendResolved: boolean,
  repeatIntervalMs: number,
  now: number,
): NotifyReason | undefined {
  if (!entry) {
    return firing.size > 0 ? 'first notification' : undefined;
  }
  if (!isSubset(firing, entry.firingAlerts)) {
    return entry.firingAlerts.length === 0 ? 'first notification' : 'new alerts added';
  }
  if (firing.size === 0) {
    return entry.firingAlerts.length > 0 ? 'all alerts resolved' : undefined;
  }
  if (sendResolved && !isSubset(resolved, entry.resolvedAlerts)) {
    return 'some alerts resolved';
  }
  return entry.timestamp < now - repeatIntervalMs ? 'repeat interval elapsed' : undefined;
}
