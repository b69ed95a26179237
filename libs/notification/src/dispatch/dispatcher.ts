// Alertmanager's dispatcher and notification pipeline for one process: alerts from the store are routed into
// aggregation groups; a group flushes group_wait after it is created, then every group_interval; a flush
// drops inhibited and silenced alerts, then for each integration of the route's receiver runs the dedup stage
// against the notification log, sends, and logs what was sent. Integrations are notified concurrently.
import { alertFingerprint, alertStatus, isResolved, type Alert, type AlertStore } from '../alerts/alert';
import type { AlertmanagerConfig, ReceiverConfig } from '../config/config.types';
import { Inhibitor } from '../inhibit/inhibitor';
import { compareGoStrings, formatLabelSet, labelSetBefore, labelSetsEqual, type LabelSet } from '../labels/label-set';
import { Route } from '../routing/route';
import { isSilenced, type Silence } from '../silences/silence';
import type { Clock, Timer } from './clock';
import { needsUpdate } from './dedup';
import type { NotificationLog, NotificationLogReceiver } from './notification-log';
import {
  receiverIntegrations,
  type Integration,
  type Notification,
  type NotificationAlert,
} from './notification.types';

/** notify.MinTimeout: a flush's notifications get at least this long. */
const MIN_TIMEOUT_MS = 10_000;

export interface DispatchFailure {
  stage: 'silences' | 'notification-log' | 'notify' | 'receiver';
  groupKey: string;
  receiver: string;
  integration?: Integration;
  /** Set when the delivery itself failed. */
  notification?: Notification;
  error: unknown;
}

export interface DispatcherOptions {
  config: Pick<AlertmanagerConfig, 'route' | 'receivers' | 'inhibitRules'>;
  store: AlertStore;
  clock: Clock;
  notificationLog: NotificationLog;
  /** Delivers one notification; a rejection counts as a failed delivery (not logged, retried next flush). */
  notify: (notification: Notification) => Promise<void>;
  /** The silences to apply (all of them; only active ones mute). May be async, e.g. read from a cache. */
  silences?: () => readonly Silence[] | Promise<readonly Silence[]>;
  /** Failures are reported here and never thrown into the dispatcher. */
  onError?: (failure: DispatchFailure) => void;
}

/** A group as GET /api/v2/alerts/groups shows it. */
export interface AlertGroupSnapshot {
  groupKey: string;
  routeId: string;
  receiver: string;
  labels: LabelSet;
  alerts: Alert[];
}

class AggregationGroup {
  readonly alerts = new Map<string, Alert>();
  hasFlushed = false;
  destroyed = false;
  timer: Timer | undefined;
  flushing: Promise<void> | undefined;
  flushPending = false;

  constructor(
    readonly id: string,
    readonly route: Route,
    readonly labels: Record<string, string>,
    readonly groupKey: string,
  ) {}
}

/** types.AlertSlice.Less: by `job`, then `instance` (present before absent), then model.LabelSet.Before. */
export function compareAlertLabels(a: LabelSet, b: LabelSet): number {
  for (const key of ['job', 'instance']) {
    const aHas = Object.hasOwn(a, key);
    const bHas = Object.hasOwn(b, key);
    if (!aHas && !bHas) {
      continue;
    }
    if (!aHas) {
      return 1;
    }
    if (!bHas) {
      return -1;
    }
    const c = compareGoStrings(a[key], b[key]);
    if (c !== 0) {
      return c;
    }
  }
  if (labelSetBefore(a, b)) {
    return -1;
  }
  return labelSetBefore(b, a) ? 1 : 0;
}

export class Dispatcher {
  readonly route: Route;
  readonly inhibitor: Inhibitor;
  private readonly receivers: Map<string, ReceiverConfig>;
  private readonly groups = new Map<string, AggregationGroup>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private unsubscribe: (() => void) | undefined;
  private state: 'new' | 'running' | 'stopped' = 'new';

  constructor(private readonly options: DispatcherOptions) {
    this.route = Route.fromConfig(options.config.route);
    this.receivers = new Map(options.config.receivers.map((r) => [r.name, r]));
    this.inhibitor = new Inhibitor(options.config.inhibitRules);
  }

  /** Subscribes to the store: the alerts already stored are routed first, then every alert put later. */
  start(): void {
    if (this.state !== 'new') {
      throw new Error(`dispatcher already ${this.state}`);
    }
    this.state = 'running';
    this.unsubscribe = this.options.store.subscribe((alert) => {
      this.inhibitor.observe(alert);
      this.process(alert);
    });
  }

  /** Stops timers and the subscription and aborts the signal of in-flight notifications. */
  stop(): void {
    if (this.state === 'stopped') {
      return;
    }
    this.state = 'stopped';
    this.unsubscribe?.();
    for (const group of this.groups.values()) {
      group.timer?.cancel();
      group.destroyed = true;
    }
    this.groups.clear();
    this.abort.abort();
  }

  /** Resolves when every flush in progress has finished (for tests and graceful shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) {
      await Promise.all([...this.inFlight]);
    }
  }

  /** The receivers an alert with these labels is routed to (GET /api/v2/alerts `receivers`). */
  receiversFor(labels: LabelSet): string[] {
    return this.route.match(labels).map((r) => r.options.receiver);
  }

  /** The aggregation groups, sorted by labels then receiver; alerts sorted as in notifications. */
  alertGroups(): AlertGroupSnapshot[] {
    const out = [...this.groups.values()].map((g): AlertGroupSnapshot => ({
      groupKey: g.groupKey,
      routeId: g.route.id(),
      receiver: g.route.options.receiver,
      labels: g.labels,
      alerts: [...g.alerts.values()].sort((a, b) => compareAlertLabels(a.labels, b.labels)),
    }));
    return out.sort((a, b) => {
      if (labelSetsEqual(a.labels, b.labels)) {
        return compareGoStrings(a.receiver, b.receiver);
      }
      return labelSetBefore(a.labels, b.labels) ? -1 : 1;
    });
  }

  private report(failure: DispatchFailure): void {
    try {
      this.options.onError?.(failure);
    } catch {
      // A failing error handler must not break the dispatcher.
    }
  }

  private process(alert: Alert): void {
    const now = this.options.clock.now();
    for (const route of this.route.match(alert.labels)) {
      const labels = route.groupLabels(alert.labels);
      const id = `${route.id()}\n${formatLabelSet(labels)}`;
      let group = this.groups.get(id);
      if (!group) {
        group = new AggregationGroup(id, route, labels, route.groupKey(labels));
        this.groups.set(id, group);
        const created = group;
        group.timer = this.options.clock.setTimer(route.options.groupWaitMs, () => this.tick(created));
      }
      group.alerts.set(alertFingerprint(alert), alert);
      // An alert already older than group_wait flushes a group that has not flushed yet right away.
      if (!group.hasFlushed && alert.startsAt + route.options.groupWaitMs < now) {
        const ready = group;
        group.timer?.cancel();
        group.timer = this.options.clock.setTimer(0, () => this.tick(ready));
      }
    }
  }

  private tick(group: AggregationGroup): void {
    if (group.destroyed) {
      return;
    }
    group.timer = this.options.clock.setTimer(group.route.options.groupIntervalMs, () => this.tick(group));
    group.hasFlushed = true;
    if (group.flushing) {
      group.flushPending = true;
      return;
    }
    this.startFlush(group);
  }

  private startFlush(group: AggregationGroup): void {
    const run = this.flush(group, this.options.clock.now())
      .catch((error: unknown) =>
        this.report({ stage: 'notify', groupKey: group.groupKey, receiver: group.route.options.receiver, error }),
      )
      .finally(() => {
        this.inFlight.delete(run);
        group.flushing = undefined;
        if (group.flushPending && !group.destroyed) {
          group.flushPending = false;
          this.startFlush(group);
        }
      });
    group.flushing = run;
    this.inFlight.add(run);
  }

  private async flush(group: AggregationGroup, now: number): Promise<void> {
    if (group.alerts.size === 0) {
      return;
    }
    const snapshot = [...group.alerts.values()];
    const resolved = snapshot.filter((a) => isResolved(a, now));
    const alerts = snapshot
      .map((a): NotificationAlert => ({
        status: alertStatus(a, now),
        labels: a.labels,
        annotations: a.annotations,
        startsAt: a.startsAt,
        // Firing alerts are sent with a zero end time, so they cannot resolve while being notified.
        endsAt: isResolved(a, now) ? a.endsAt : null,
        generatorURL: a.generatorURL,
        fingerprint: alertFingerprint(a),
      }))
      .sort((a, b) => compareAlertLabels(a.labels, b.labels));

    if (!(await this.notifyGroup(group, alerts, now))) {
      return;
    }
    // Delete the resolved alerts just notified, unless they were updated during the flush.
    for (const alert of resolved) {
      const fp = alertFingerprint(alert);
      if (group.alerts.get(fp) === alert) {
        group.alerts.delete(fp);
      }
    }
    if (group.alerts.size === 0 && !group.destroyed) {
      group.destroyed = true;
      group.timer?.cancel();
      this.groups.delete(group.id);
    }
  }

  /** The notification pipeline for one flush; true when every stage succeeded for every integration. */
  private async notifyGroup(group: AggregationGroup, alerts: NotificationAlert[], now: number): Promise<boolean> {
    const receiver = group.route.options.receiver;
    let kept = alerts.filter((a) => this.inhibitor.mutes(a.labels, now) === undefined);
    if (kept.length === 0) {
      return true;
    }
    if (this.options.silences) {
      let silences: readonly Silence[];
      try {
        silences = await this.options.silences();
      } catch (error) {
        this.report({ stage: 'silences', groupKey: group.groupKey, receiver, error });
        return false;
      }
      kept = kept.filter((a) => isSilenced(a.labels, silences, now).length === 0);
      if (kept.length === 0) {
        return true;
      }
    }
    const config = this.receivers.get(receiver);
    if (!config) {
      this.report({
        stage: 'receiver',
        groupKey: group.groupKey,
        receiver,
        error: new Error(`undefined receiver "${receiver}"`),
      });
      return false;
    }
    const results = await Promise.all(
      receiverIntegrations(config).map((integration) => this.notifyIntegration(group, integration, kept, now)),
    );
    return results.every(Boolean);
  }

  private async notifyIntegration(
    group: AggregationGroup,
    integration: Integration,
    alerts: NotificationAlert[],
    now: number,
  ): Promise<boolean> {
    const { clock, notificationLog } = this.options;
    const { receiver, repeatIntervalMs, groupIntervalMs } = group.route.options;
    const logReceiver: NotificationLogReceiver = {
      groupName: receiver,
      integration: integration.type,
      index: integration.index,
    };
    const fail = (stage: DispatchFailure['stage'], error: unknown, notification?: Notification): false => {
      this.report({ stage, groupKey: group.groupKey, receiver, integration, notification, error });
      return false;
    };
    const firing = new Set(alerts.filter((a) => a.status === 'firing').map((a) => a.fingerprint));
    const resolved = new Set(alerts.filter((a) => a.status === 'resolved').map((a) => a.fingerprint));
    const sendResolved = integration.config.sendResolved;

    let entry;
    try {
      entry = await notificationLog.get(group.groupKey, logReceiver);
    } catch (error) {
      return fail('notification-log', error);
    }
    const reason = needsUpdate(entry, firing, resolved, sendResolved, repeatIntervalMs, now);
    if (!reason) {
      return true;
    }
    // Without send_resolved only firing alerts go out; when none fire, nothing is sent but the log is updated.
    let sent = sendResolved ? alerts : alerts.filter((a) => a.status === 'firing');
    let truncatedAlerts = 0;
    if (
      integration.type === 'webhook' &&
      integration.config.maxAlerts > 0 &&
      sent.length > integration.config.maxAlerts
    ) {
      truncatedAlerts = sent.length - integration.config.maxAlerts;
      sent = sent.slice(0, integration.config.maxAlerts);
    }
    if (sent.length > 0) {
      const notification: Notification = {
        receiver,
        integration,
        groupKey: group.groupKey,
        route: { id: group.route.id(), key: group.route.key() },
        groupLabels: group.labels,
        alerts: sent,
        truncatedAlerts,
        reason,
        timestamp: now,
        deadline: now + Math.max(groupIntervalMs, MIN_TIMEOUT_MS),
        signal: this.abort.signal,
      };
      try {
        await this.options.notify(notification);
      } catch (error) {
        return fail('notify', error, notification);
      }
    }
    const loggedAt = clock.now();
    try {
      await notificationLog.put({
        groupKey: group.groupKey,
        receiver: logReceiver,
        firingAlerts: [...firing].sort(),
        resolvedAlerts: [...resolved].sort(),
        timestamp: loggedAt,
        expiresAt: loggedAt + 2 * repeatIntervalMs,
      });
    } catch (error) {
      return fail('notification-log', error);
    }
    return true;
  }
}
