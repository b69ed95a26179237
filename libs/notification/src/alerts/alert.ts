// The Alertmanager alert model (types.Alert) and the merge rule of its in-memory alert store.
import { labelsFingerprint } from '@keel/promql';
import type { LabelSet } from '../labels/label-set';
import { GO_ZERO_TIME_MS } from './go-time';

/** An alert as Alertmanager stores it. Times are epoch milliseconds; `endsAt: null` is Go's zero time. */
export interface Alert {
  labels: LabelSet;
  annotations: LabelSet;
  startsAt: number;
  /** When the alert resolves (or resolved). `null` only for alerts built outside the API (never resolves). */
  endsAt: number | null;
  generatorURL: string;
  updatedAt: number;
  /** True when endsAt was not sent and was set to now + resolve_timeout. */
  timeout: boolean;
}

export type AlertStatus = 'firing' | 'resolved';

/** The alert's fingerprint: FNV-1a 64 over its sorted labels, 16 hex digits (model.Fingerprint.String()). */
export function alertFingerprint(alert: Pick<Alert, 'labels'>): string {
  return labelsFingerprint(alert.labels);
}

/** Alert.ResolvedAt: resolved when endsAt is set and not after `now`. */
export function isResolved(alert: Pick<Alert, 'endsAt'>, now: number): boolean {
  return alert.endsAt !== null && alert.endsAt <= now;
}

export function alertStatus(alert: Pick<Alert, 'endsAt'>, now: number): AlertStatus {
  return isResolved(alert, now) ? 'resolved' : 'firing';
}

const time = (ms: number | null): number => ms ?? GO_ZERO_TIME_MS;

/**
 * Alert.Merge: the younger alert (by updatedAt) wins, keeping the earliest startsAt; when the younger one is
 * resolved, the latest endsAt wins if both are resolved; otherwise a later endsAt of the older alert is kept
 * unless it came from a resolve timeout.
 */
export function mergeAlerts(a: Alert, o: Alert, now: number): Alert {
  if (o.updatedAt < a.updatedAt) {
    return mergeAlerts(o, a, now);
  }
  const res: Alert = { ...o };
  if (a.startsAt < o.startsAt) {
    res.startsAt = a.startsAt;
  }
  if (isResolved(o, now)) {
    if (isResolved(a, now) && time(a.endsAt) > time(o.endsAt)) {
      res.endsAt = a.endsAt;
    }
  } else if (time(a.endsAt) > time(o.endsAt) && !a.timeout) {
    res.endsAt = a.endsAt;
  }
  return res;
}

export type AlertListener = (alert: Alert) => void;

/**
 * The in-memory alert provider (provider/mem): one alert per fingerprint. A re-posted alert whose activity
 * range overlaps the stored one is merged with it (`mergeAlerts`); otherwise it replaces it. Listeners see
 * every stored alert; `subscribe` first replays the alerts already there, as Alertmanager's Subscribe does.
 */
export class AlertStore {
  private readonly alerts = new Map<string, Alert>();
  private readonly listeners = new Set<AlertListener>();

  /** Stores alerts (already validated) and returns them as stored, after merging. */
  put(alerts: readonly Alert[], now: number): Alert[] {
    const stored: Alert[] = [];
    for (const incoming of alerts) {
      const fp = alertFingerprint(incoming);
      const old = this.alerts.get(fp);
      let alert = incoming;
      if (old) {
        const overlapsEnd = time(alert.endsAt) > old.startsAt && time(alert.endsAt) < time(old.endsAt);
        const overlapsStart = alert.startsAt > old.startsAt && alert.startsAt < time(old.endsAt);
        if (overlapsEnd || overlapsStart) {
          alert = mergeAlerts(old, alert, now);
        }
      }
      this.alerts.set(fp, alert);
      stored.push(alert);
      for (const listener of this.listeners) {
        listener(alert);
      }
    }
    return stored;
  }

  get(fingerprint: string): Alert | undefined {
    return this.alerts.get(fingerprint);
  }

  list(): Alert[] {
    return [...this.alerts.values()];
  }

  get size(): number {
    return this.alerts.size;
  }

  /** Removes resolved alerts (Alertmanager does this every --alerts.gc-interval, 30m by default). */
  gc(now: number): Alert[] {
    const removed: Alert[] = [];
    for (const [fp, alert] of this.alerts) {
      if (isResolved(alert, now)) {
        this.alerts.delete(fp);
        removed.push(alert);
      }
    }
    return removed;
  }

  /** Calls `listener` for each stored alert now and each alert put later; returns the unsubscribe function. */
  subscribe(listener: AlertListener): () => void {
    for (const alert of this.alerts.values()) {
      listener(alert);
    }
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}
