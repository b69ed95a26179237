import { Inject, Injectable, Logger } from '@nestjs/common';
import type { MetricsBatch } from '@keel/contracts';
import { METRICS_CONFIG, type MetricsCoreConfig } from '../config';
import type { SampleColumns } from '../storage/copy-format';
import { PartitionManager } from '../storage/partition-manager.service';
import { daysBetween } from '../storage/partition-range';
import { admitSample, type AdmissionWindow } from './sample-admission';
import { SamplesRepository } from '../storage/samples.repository';
import { SeriesResolver } from '../storage/series-resolver';
import { SeriesRepository } from '../storage/series.repository';
import { IngestMetrics } from './ingest-metrics';

/** One valid keel.metrics.v1 message and the time Kafka received it (the reference for late and future). */
export interface IncomingBatch {
  batch: MetricsBatch;
  receivedMs: number;
}

/** Running totals, for the benchmark's account of where the time goes. */
export interface IngestTotals {
  batches: number;
  accepted: number;
  late: number;
  future: number;
  inserted: number;
  /** Batches that went through the dedup path (a sample of theirs was already stored). */
  dedupBatches: number;
  prepareMs: number;
  resolveMs: number;
  partitionMs: number;
  copyMs: number;
  insertMs: number;
  commitMs: number;
}

/** Thrown when a batch could not be stored; the consumer retries it, then pauses the partition, and never skips it. */
export class IngestWriteError extends Error {
  constructor(samples: number, cause: unknown) {
    super(
      `storing ${samples} samples failed (will be retried): ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
    this.name = 'IngestWriteError';
  }
}

// check_violation: "no partition of relation samples found for row" (a partition dropped behind our back).
const NO_PARTITION = '23514';

/**
 * Stores batches of samples: admits each sample (late/future), resolves series ids through the cache, makes sure
 * the daily partitions exist, then writes every sample of the batch in one transaction. Resolves only once
 * committed, which is when the consumer commits the Kafka offsets.
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);
  private readonly resolver: SeriesResolver;
  private readonly window: AdmissionWindow;
  readonly totals: IngestTotals = {
    batches: 0,
    accepted: 0,
    late: 0,
    future: 0,
    inserted: 0,
    dedupBatches: 0,
    prepareMs: 0,
    resolveMs: 0,
    partitionMs: 0,
    copyMs: 0,
    insertMs: 0,
    commitMs: 0,
  };

  constructor(
    series: SeriesRepository,
    private readonly samples: SamplesRepository,
    private readonly partitions: PartitionManager,
    private readonly metrics: IngestMetrics,
    @Inject(METRICS_CONFIG) config: MetricsCoreConfig,
  ) {
    this.resolver = new SeriesResolver(series, config.METRICS_SERIES_CACHE_SIZE);
    this.window = {
      lateWindowMs: config.METRICS_LATE_WINDOW_SECONDS * 1000,
      futureToleranceMs: config.METRICS_FUTURE_TOLERANCE_SECONDS * 1000,
    };
  }

  async ingest(incoming: readonly IncomingBatch[]): Promise<void> {
    const started = performance.now();
    const names: string[] = [];
    const labelSets: Record<string, string>[] = [];
    const columns: SampleColumns = { seriesIds: [], times: [], values: [] };
    let late = 0;
    let future = 0;
    let minT = Number.POSITIVE_INFINITY;
    let maxT = Number.NEGATIVE_INFINITY;
    for (const { batch, receivedMs } of incoming) {
      // A sample without a timestamp takes the batch's sentAt: part of the message, so a redelivery gets the same.
      const sentAt = Date.parse(batch.sentAt);
      for (const sample of batch.samples) {
        const t = sample.timestampMs ?? sentAt;
        const admission = admitSample(t, receivedMs, this.window);
        if (admission === 'late') {
          late += 1;
          continue;
        }
        if (admission === 'future') {
          future += 1;
          continue;
        }
        names.push(sample.name);
        labelSets.push(sample.labels);
        columns.times.push(t);
        columns.values.push(sample.value);
        if (t < minT) minT = t;
        if (t > maxT) maxT = t;
      }
    }
    const prepared = performance.now();
    try {
      const { ids, misses } = await this.resolver.resolve(names, labelSets);
      columns.seriesIds = ids;
      const resolved = performance.now();
      if (ids.length > 0) {
        await this.partitions.ensureDays(daysBetween(minT, maxT));
      }
      const partitioned = performance.now();
      const report = await this.samples.write(columns);
      this.account(started, prepared, resolved, partitioned, report, ids.length, late, future);
      this.metrics.seriesCreated.inc(misses);
    } catch (error) {
      if ((error as { code?: string }).code === NO_PARTITION) {
        this.partitions.forget();
      }
      this.logger.warn(`batch of ${columns.times.length} samples not stored yet: ${String(error)}`);
      throw new IngestWriteError(columns.times.length, error);
    }
  }

  private account(
    started: number,
    prepared: number,
    resolved: number,
    partitioned: number,
    report: Awaited<ReturnType<SamplesRepository['write']>>,
    accepted: number,
    late: number,
    future: number,
  ): void {
    const totals = this.totals;
    totals.batches += 1;
    totals.accepted += accepted;
    totals.late += late;
    totals.future += future;
    totals.inserted += report.inserted;
    if (report.path === 'dedup') totals.dedupBatches += 1;
    totals.prepareMs += prepared - started;
    totals.resolveMs += resolved - prepared;
    totals.partitionMs += partitioned - resolved;
    totals.copyMs += report.copyMs;
    totals.insertMs += report.insertMs;
    totals.commitMs += report.commitMs;
    this.metrics.samples.inc(accepted);
    this.metrics.duplicates.inc(accepted - report.inserted);
    if (late > 0) this.metrics.rejected.inc({ reason: 'late' }, late);
    if (future > 0) this.metrics.rejected.inc({ reason: 'future' }, future);
    this.metrics.batchSize.observe(accepted + late + future);
    this.metrics.writeSeconds.observe((performance.now() - started) / 1000);
  }
}
