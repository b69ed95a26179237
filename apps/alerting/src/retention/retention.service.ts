import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AlertingMetrics } from '../alerting-metrics';
import { ALERTING_CONFIG, type AlertingConfig } from '../config';
import { RetentionRepository, type RetainedTable } from './retention.repository';

const PURGE_INTERVAL_MS = 60 * 60_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Rows removed by one purge, per table. */
export type PurgeResult = Record<RetainedTable, number>;

/**
 * Keeps the alerting schema from growing without bound: alert history and the delivery log older than
 * ALERTING_HISTORY_RETENTION_DAYS, notification-log entries past their expiry (Alertmanager's nflog GC) and
 * silences expired longer than ALERTING_SILENCE_RETENTION_HOURS ago (Alertmanager's --data.retention). Runs
 * hourly in every process; deletes go in small batches so evaluation and the API never wait on a long lock,
 * and two processes purging at once only share the work.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetentionService.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    @Inject(ALERTING_CONFIG) private readonly config: AlertingConfig,
    private readonly repository: RetentionRepository,
    private readonly metrics: AlertingMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.purge()
        .catch((error: unknown) => this.logger.warn(`retention purge failed: ${(error as Error).message}`))
        .finally(() => (this.running = undefined));
    }, PURGE_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One purge as of `now`; what the timer runs, and what tests call. */
  async purge(now: Date = new Date()): Promise<PurgeResult> {
    const historyCutoff = new Date(now.getTime() - this.config.ALERTING_HISTORY_RETENTION_DAYS * DAY_MS);
    const silenceCutoff = new Date(now.getTime() - this.config.ALERTING_SILENCE_RETENTION_HOURS * HOUR_MS);
    const result: PurgeResult = {
      alert_history: await this.repository.deleteBefore('alert_history', historyCutoff),
      notification_deliveries: await this.repository.deleteBefore('notification_deliveries', historyCutoff),
      notification_log: await this.repository.deleteBefore('notification_log', now),
      silences: await this.repository.deleteBefore('silences', silenceCutoff),
    };
    for (const [table, rows] of Object.entries(result)) {
      if (rows > 0) this.metrics.purgedRows.inc({ table }, rows);
    }
    const total = Object.values(result).reduce((a, b) => a + b, 0);
    if (total > 0) this.logger.log(`retention purge removed ${JSON.stringify(result)}`);
    return result;
  }
}
