import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { METRICS_CONFIG, type MetricsCoreConfig } from '../config';
import { daysToPrepare, partitionName, partitionsOlderThan } from './partition-range';
import { PartitionsRepository } from './partitions.repository';

/**
 * Keeps the daily partitions of `samples` ready: at boot and periodically those from the late window to the
 * days ahead, and on demand any other day a batch needs, so a sample never fails for want of its partition.
 */
@Injectable()
export class PartitionManager implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PartitionManager.name);
  private readonly known = new Set<number>();
  private creating: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly partitions: PartitionsRepository,
    @Inject(METRICS_CONFIG) private readonly config: MetricsCoreConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.prepareAhead();
    this.timer = setInterval(() => {
      this.prepareAhead().catch((error: unknown) =>
        this.logger.error(`could not create the partitions ahead: ${String(error)}`),
      );
    }, this.config.METRICS_PARTITION_CHECK_SECONDS * 1000);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async prepareAhead(nowMs = Date.now()): Promise<void> {
    await this.ensureDays(
      daysToPrepare(nowMs, this.config.METRICS_LATE_WINDOW_SECONDS * 1000, this.config.METRICS_PARTITION_DAYS_AHEAD),
    );
  }

  /** Makes sure the partitions of these day starts exist. Creations run one at a time per process. */
  ensureDays(dayStarts: Iterable<number>): Promise<void> {
    const missing = [...new Set(dayStarts)].filter((day) => !this.known.has(day));
    if (missing.length === 0) {
      return Promise.resolve();
    }
    const run = this.creating.then(async () => {
      for (const day of missing) {
        if (!this.known.has(day)) {
          await this.partitions.create(day);
          this.known.add(day);
          this.logger.log(`samples partition ${partitionName(day)} ready`);
        }
      }
    });
    this.creating = run.catch(() => undefined);
    return run;
  }

  /** Forgets which partitions exist, so the next batch checks again (after one was dropped elsewhere). */
  forget(): void {
    this.known.clear();
  }

  /** Drops the partitions wholly older than `retentionDays`; returns their names. */
  async dropOlderThan(retentionDays: number, nowMs = Date.now()): Promise<string[]> {
    const dropped = await dropPartitionsOlderThan(this.partitions, retentionDays, nowMs);
    this.known.clear();
    return dropped;
  }
}

/** Retention: drops every daily partition whose samples are all older than `retentionDays` days. */
export async function dropPartitionsOlderThan(
  partitions: PartitionsRepository,
  retentionDays: number,
  nowMs = Date.now(),
): Promise<string[]> {
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new Error(`retention must be a whole number of days >= 1, got ${retentionDays}`);
  }
  const expired = partitionsOlderThan(await partitions.list(), nowMs, retentionDays);
  for (const name of expired) {
    await partitions.drop(name);
  }
  return expired;
}
