import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  AlertStore,
  Dispatcher,
  Inhibitor,
  systemClock,
  validatePostableAlerts,
  type Alert,
  type PostAlertsValidation,
} from '@keel/notification';
import { AlertingMetrics } from '../alerting-metrics';
import type { MutingSnapshot } from '../alerts/alert-muting';
import { AlertMuting } from '../alerts/alert-muting';
import { ALERTING_CONFIG, type AlertingConfig } from '../config';
import type { OutgoingAlert } from '../evaluation/group-runner';
import { SilencesService } from '../silences/silences.service';
import type { AlertNotifier } from './alert-notifier';
import { NotificationConfigService } from './notification-config.service';
import { NotificationLogRepository } from './notification-log.repository';
import { NotificationSender } from './notification-sender';
import { PgNotificationLog } from './pg-notification-log';

const GC_INTERVAL_MS = 30 * 60_000;

/**
 * Alertmanager's receiving end in the alerting service: alerts from Keel's own rules and from other Prometheus
 * servers (POST /api/v2/alerts) go into one alert store, which the inhibitor watches; silences and inhibition
 * decide what is muted, and the dispatcher groups, deduplicates and sends along the route tree.
 */
@Injectable()
export class NotificationService
  extends AlertMuting
  implements AlertNotifier, OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(NotificationService.name);
  readonly store = new AlertStore();
  readonly inhibitor: Inhibitor;
  readonly dispatcher: Dispatcher;
  private gcTimer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(ALERTING_CONFIG) config: AlertingConfig,
    readonly settings: NotificationConfigService,
    private readonly silences: SilencesService,
    private readonly metrics: AlertingMetrics,
    log: NotificationLogRepository,
  ) {
    super();
    this.inhibitor = new Inhibitor(settings.config.inhibitRules, this.store);
    const sender = new NotificationSender(
      {
        externalURL: config.ALERTING_EXTERNAL_URL,
        timeoutMs: config.ALERTING_NOTIFY_TIMEOUT_MS,
        maxAttempts: config.ALERTING_NOTIFY_MAX_ATTEMPTS,
      },
      log,
      metrics,
    );
    this.dispatcher = new Dispatcher({
      config: settings.config,
      store: this.store,
      clock: systemClock,
      notificationLog: new PgNotificationLog(log),
      notify: (n) => sender.send(n),
      silences: () => this.silences.active(),
      onError: (f) => {
        // Failed deliveries are logged by the sender; the rest (log or silence reads) here.
        if (f.stage !== 'notify' && f.stage !== 'receiver') {
          this.logger.warn(`notification ${f.stage} failed for ${f.groupKey}: ${(f.error as Error).message}`);
        }
      },
    });
  }

  onApplicationBootstrap(): void {
    this.dispatcher.start();
    this.gcTimer = setInterval(() => this.store.gc(Date.now()), GC_INTERVAL_MS);
    this.gcTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.gcTimer);
    this.dispatcher.stop();
    await this.dispatcher.idle();
  }

  /** Alerts from Keel's rules, already valid. */
  accept(alerts: OutgoingAlert[]): void {
    const now = Date.now();
    this.put(
      alerts.map((a): Alert => ({
        labels: a.labels,
        annotations: a.annotations,
        startsAt: a.startsAt.getTime(),
        endsAt: a.endsAt.getTime(),
        generatorURL: a.generatorURL,
        updatedAt: now,
        timeout: false,
      })),
      now,
    );
  }

  /** POST /api/v2/alerts: valid alerts are stored even when others are refused, as Alertmanager does. */
  receive(body: unknown): PostAlertsValidation {
    const now = Date.now();
    const result = validatePostableAlerts(body, {
      now,
      resolveTimeoutMs: this.settings.config.global.resolveTimeoutMs,
    });
    if (!result.ok) this.metrics.alertsInvalid.inc(result.errors.filter((e) => e.index !== null).length);
    this.put(result.alerts, now);
    return result;
  }

  private put(alerts: Alert[], now: number): void {
    for (const alert of this.store.put(alerts, now)) {
      this.metrics.alertsReceived.inc({ status: alert.endsAt !== null && alert.endsAt <= now ? 'resolved' : 'firing' });
    }
  }

  now(): MutingSnapshot {
    const now = Date.now();
    return {
      silencedBy: (labels) => this.silences.silencedBy(labels, now),
      inhibited: (labels) => this.inhibitor.mutes(labels, now) !== undefined,
    };
  }
}
