import { Injectable } from '@nestjs/common';
import type { DeadLetterKind } from '@keel/kafka';
import { MetricsRegistry } from '@keel/observability';
import type { Counter, Gauge, Histogram } from 'prom-client';
import type { RejectionReason } from './sample-admission';

/** The ingest path's own metrics, served on GET /metrics. */
@Injectable()
export class IngestMetrics {
  readonly samples: Counter;
  readonly duplicates: Counter;
  readonly rejected: Counter<'reason'>;
  readonly deadLettered: Counter<'kind'>;
  readonly seriesCreated: Counter;
  readonly batchSize: Histogram;
  readonly writeSeconds: Histogram;
  readonly lagSeconds: Gauge<'partition'>;

  constructor(registry: MetricsRegistry) {
    this.samples = registry.counter({
      name: 'keel_ingest_samples_total',
      help: 'Samples accepted and committed to the store (a redelivered sample counts again; see duplicates)',
    });
    this.duplicates = registry.counter({
      name: 'keel_ingest_duplicate_samples_total',
      help: 'Accepted samples that were already stored (same series and timestamp): redeliveries and repeats',
    });
    this.rejected = registry.counter({
      name: 'keel_ingest_rejected_samples_total',
      help: 'Valid samples not stored, by reason: late (older than the late window) or future',
      labelNames: ['reason'],
    });
    for (const reason of ['late', 'future'] satisfies RejectionReason[]) {
      this.rejected.inc({ reason }, 0);
    }
    this.deadLettered = registry.counter({
      name: 'keel_ingest_dead_lettered_messages_total',
      help: 'Messages parked on the dead-letter topic with their reason, by kind: not_json, contract, oversize, tombstone, refused',
      labelNames: ['kind'],
    });
    for (const kind of ['not_json', 'contract', 'oversize', 'tombstone', 'refused'] satisfies DeadLetterKind[]) {
      this.deadLettered.inc({ kind }, 0);
    }
    this.seriesCreated = registry.counter({
      name: 'keel_ingest_series_cache_misses_total',
      help: 'Series looked up in PostgreSQL (created when new) because they were not in the in-process cache',
    });
    this.batchSize = registry.histogram({
      name: 'keel_ingest_batch_size',
      help: 'Samples per batch written to PostgreSQL (one fetched batch of one Kafka partition)',
      buckets: [10, 100, 1000, 5000, 10_000, 25_000, 50_000, 100_000],
    });
    this.writeSeconds = registry.histogram({
      name: 'keel_ingest_write_seconds',
      help: 'Time to store one batch: series resolution, partitions, COPY, insert and commit',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
    this.lagSeconds = registry.gauge({
      name: 'keel_ingest_lag_seconds',
      help: 'Age of the newest message of the last batch stored, per Kafka partition (time since Kafka received it)',
      labelNames: ['partition'],
    });
  }
}
