import {
  errorSamples,
  MAX_MESSAGE_BYTES,
  MAX_SAMPLES_PER_MESSAGE,
  performanceSamples,
  resourceSamples,
  splitIntoBatches,
  type ErrorMetrics,
  type MetricsBatchInput,
  type PerformanceMetrics,
  type ResourceMetrics,
  type SampleInput,
  utf8Length,
} from '@keel/contracts';
import type { KafkaLogger } from '@keel/kafka';
import { MetricsBufferFullError } from './metrics-client.errors';
import { checkSamples } from './sample-check';

/**
 * Room left in a message for its Kafka key, headers and record-batch framing, so that a full message still
 * fits a broker's default message.max.bytes (1 MiB + 12 bytes).
 */
export const KAFKA_RECORD_HEADROOM_BYTES = 16 * 1024;

export interface PublisherLimits {
  /** Default MAX_SAMPLES_PER_MESSAGE. */
  maxSamplesPerMessage?: number;
  /** Default MAX_MESSAGE_BYTES minus KAFKA_RECORD_HEADROOM_BYTES. */
  maxMessageBytes?: number;
  /** Send what is buffered after this long; 0 = only when a message is full or on flush(). Default 1000 ms. */
  flushIntervalMs?: number;
  /** Bound on samples waiting while sending fails; publish() then throws MetricsBufferFullError. Default 100,000. */
  maxBufferedSamples?: number;
}

export interface PublishedTotals {
  samples: number;
  messages: number;
}

type Labels = Readonly<Record<string, string>>;

/** Sends one message; rejects when Kafka did not take it. */
export type BatchSender = (batch: MetricsBatchInput) => Promise<void>;

/**
 * Buffers validated samples and sends them as `keel.metrics.v1` messages, split at the sample and byte
 * limits. Messages go out one at a time, in order: they share the source as key, hence one partition.
 */
export class MetricsPublisher {
  private buffer: SampleInput[] = [];
  private bufferedBytes = 0;
  private chain: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private closed = false;
  private readonly totals: PublishedTotals = { samples: 0, messages: 0 };
  private readonly maxSamples: number;
  private readonly maxBytes: number;
  private readonly flushIntervalMs: number;
  private readonly maxBuffered: number;

  constructor(
    readonly source: string,
    private readonly send: BatchSender,
    limits: PublisherLimits = {},
    private readonly logger?: KafkaLogger,
    private readonly onClose: () => Promise<void> = async () => undefined,
  ) {
    this.maxSamples = Math.min(limits.maxSamplesPerMessage ?? MAX_SAMPLES_PER_MESSAGE, MAX_SAMPLES_PER_MESSAGE);
    this.maxBytes = Math.min(
      limits.maxMessageBytes ?? MAX_MESSAGE_BYTES - KAFKA_RECORD_HEADROOM_BYTES,
      MAX_MESSAGE_BYTES,
    );
    this.flushIntervalMs = limits.flushIntervalMs ?? 1000;
    this.maxBuffered = limits.maxBufferedSamples ?? 100_000;
  }

  /** What has reached Kafka so far. */
  get published(): PublishedTotals {
    return { ...this.totals };
  }

  /**
   * Validates the samples (InvalidSampleError names the first bad one; then none is taken) and buffers them;
   * sends at once when a message is full (waiting for it: backpressure), else within flushIntervalMs.
   * Delivery failures do not reject here: the samples stay buffered and flush()/close() report them.
   */
  async publish(samples: readonly SampleInput[]): Promise<void> {
    this.assertOpen();
    const checked = checkSamples(samples);
    if (this.buffer.length + checked.length > this.maxBuffered) {
      throw new MetricsBufferFullError(this.buffer.length, checked.length, this.maxBuffered);
    }
    for (const { sample, bytes } of checked) {
      this.buffer.push(sample);
      this.bufferedBytes += bytes + 1;
    }
    if (this.buffer.length >= this.maxSamples || this.bufferedBytes >= this.maxBytes) {
      await this.flush().catch((error: unknown) => this.keepForLater(error));
    } else {
      this.scheduleFlush();
    }
  }

  /** The seed's PerformanceMetrics as series (see README); stamped with now unless timestampMs is given. */
  publishPerformance(m: PerformanceMetrics, labels: Labels = {}, timestampMs = Date.now()): Promise<void> {
    return this.publish(performanceSamples(m, labels, timestampMs));
  }

  publishResources(m: ResourceMetrics, labels: Labels = {}, timestampMs = Date.now()): Promise<void> {
    return this.publish(resourceSamples(m, labels, timestampMs));
  }

  publishErrors(m: ErrorMetrics, labels: Labels = {}, timestampMs = Date.now()): Promise<void> {
    return this.publish(errorSamples(m, labels, timestampMs));
  }

  /** Sends everything buffered. On failure the unsent samples stay buffered, in order, for the next flush. */
  flush(): Promise<void> {
    this.clearTimer();
    const run = this.chain.then(() => this.sendBuffered());
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Flushes, then closes the Kafka client when the publisher created it. */
  async close(): Promise<void> {
    if (this.closed) return;
    try {
      await this.flush();
    } finally {
      this.closed = true;
      this.clearTimer();
      await this.onClose();
    }
  }

  private async sendBuffered(): Promise<void> {
    const pending = this.buffer;
    this.buffer = [];
    this.bufferedBytes = 0;
    const batches = splitIntoBatches(this.source, pending, {
      maxSamplesPerMessage: this.maxSamples,
      maxMessageBytes: this.maxBytes,
    });
    for (const [index, batch] of batches.entries()) {
      try {
        await this.send(batch);
      } catch (error) {
        const unsent = batches.slice(index).flatMap((b) => b.samples);
        this.buffer = [...unsent, ...this.buffer];
        this.bufferedBytes = this.buffer.reduce((sum, sample) => sum + utf8Length(JSON.stringify(sample)) + 1, 0);
        throw error;
      }
      this.totals.samples += batch.samples.length;
      this.totals.messages += 1;
    }
  }

  private scheduleFlush(): void {
    if (this.flushIntervalMs <= 0 || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush().catch((error: unknown) => this.keepForLater(error));
    }, this.flushIntervalMs);
    this.timer.unref();
  }

  private keepForLater(error: unknown): void {
    this.logger?.warn('metrics send failed; samples kept for the next flush', {
      source: this.source,
      buffered: this.buffer.length,
      error: error instanceof Error ? error.message : String(error),
    });
    this.scheduleFlush();
  }

  private clearTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`metrics publisher for source ${this.source} is closed`);
  }
}
