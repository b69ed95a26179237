import { newCorrelationId, runWithContext } from '@keel/context';
import type { TopicContract } from '@keel/contracts';
import type { z } from 'zod';
import { PermanentMessageError } from '../kafka.errors';
import { errorMessage, type KafkaLogger } from '../kafka-settings';
import type { BatchControl, RawBatch, RawMessage } from '../kafka-transport';
import type { BatchHandler, MessageHandler, ReceivedMessage } from './consumer-options';
import { decodeMessage } from './message-decoder';
import { retryDelayMs, type RetryPolicy } from './retry-policy';

export type ConsumerHandler<T> =
  { kind: 'message'; handle: MessageHandler<T> } | { kind: 'batch'; handle: BatchHandler<T> };

export interface PartitionProcessorDeps<S extends z.ZodType> {
  contract: TopicContract<S>;
  groupId: string;
  handler: ConsumerHandler<z.output<S>>;
  retry: RetryPolicy;
  /** Sends the original message to the contract's dead-letter topic. */
  deadLetter(raw: RawMessage, reason: string): Promise<void>;
  /** Runs `fn` later unless the consumer stops first. */
  schedule(fn: () => void, delayMs: number): void;
  logger: KafkaLogger;
  random?: () => number;
}

type Outcome =
  { kind: 'done' } | { kind: 'refused'; reason: string } | { kind: 'gave-up'; error: unknown } | { kind: 'stopped' };

/** Waits are cut in slices so that a stopping consumer is not held up and the group keeps its heartbeat. */
const WAIT_SLICE_MS = 100;

/**
 * The delivery rules of a consumer, for one fetched batch of one partition:
 * - an offset is committed only once its message was handled or dead-lettered;
 * - a message that cannot be decoded or validated, or that the handler refuses with PermanentMessageError,
 *   goes to the dead-letter topic and the consumer moves on;
 * - any other failure is retried with backoff; when the retries run out, the partition is paused and the
 *   same message is fetched again later. Nothing is skipped, so an outage downstream loses no data.
 */
export class PartitionProcessor<S extends z.ZodType> {
  constructor(private readonly deps: PartitionProcessorDeps<S>) {}

  async process(batch: RawBatch, control: BatchControl): Promise<void> {
    if (this.deps.handler.kind === 'message') {
      await this.processOneByOne(batch, control, this.deps.handler.handle);
    } else {
      await this.processAsBatch(batch, control, this.deps.handler.handle);
    }
  }

  private async processOneByOne(
    batch: RawBatch,
    control: BatchControl,
    handle: MessageHandler<z.output<S>>,
  ): Promise<void> {
    for (const raw of batch.messages) {
      if (!control.shouldContinue()) {
        return;
      }
      const outcome = await this.processMessage(raw, control, handle);
      if (outcome.kind !== 'done') {
        this.holdPartition(raw, outcome, control);
        return;
      }
      await control.commitThrough(raw.offset);
    }
  }

  private async processMessage(
    raw: RawMessage,
    control: BatchControl,
    handle: MessageHandler<z.output<S>>,
  ): Promise<Outcome> {
    const decoded = decodeMessage(this.deps.contract, raw);
    if (!decoded.ok) {
      return this.deadLetter(raw, decoded.reason, control);
    }
    const { message } = decoded;
    const outcome = await this.withRetries(raw, control, () =>
      runWithContext({ correlationId: message.correlationId }, () => handle(message)),
    );
    return outcome.kind === 'refused' ? this.deadLetter(raw, outcome.reason, control) : outcome;
  }

  private async processAsBatch(
    batch: RawBatch,
    control: BatchControl,
    handle: BatchHandler<z.output<S>>,
  ): Promise<void> {
    const last = batch.messages.at(-1);
    if (last === undefined || !control.shouldContinue()) {
      return;
    }
    const valid: { raw: RawMessage; message: ReceivedMessage<z.output<S>> }[] = [];
    for (const raw of batch.messages) {
      const decoded = decodeMessage(this.deps.contract, raw);
      if (decoded.ok) {
        valid.push({ raw, message: decoded.message });
        continue;
      }
      const outcome = await this.deadLetter(raw, decoded.reason, control);
      if (outcome.kind !== 'done') {
        this.holdPartition(raw, outcome, control);
        return;
      }
    }
    const first = valid[0];
    if (first !== undefined) {
      const messages = valid.map((entry) => entry.message);
      const correlationId = sharedCorrelationId(messages) ?? newCorrelationId();
      let outcome = await this.withRetries(first.raw, control, () =>
        runWithContext({ correlationId }, () => handle(messages)),
      );
      if (outcome.kind === 'refused') {
        outcome = await this.deadLetterAll(valid, outcome.reason, control);
      }
      if (outcome.kind !== 'done') {
        this.holdPartition(first.raw, outcome, control);
        return;
      }
    }
    await control.commitThrough(last.offset);
  }

  private async deadLetterAll(entries: { raw: RawMessage }[], reason: string, control: BatchControl): Promise<Outcome> {
    for (const { raw } of entries) {
      const outcome = await this.deadLetter(raw, reason, control);
      if (outcome.kind !== 'done') {
        return outcome;
      }
    }
    return { kind: 'done' };
  }

  private async deadLetter(raw: RawMessage, reason: string, control: BatchControl): Promise<Outcome> {
    this.deps.logger.warn('dead-lettering message', { ...where(raw), dlq: this.deps.contract.dlq, reason });
    const outcome = await this.withRetries(raw, control, () => this.deps.deadLetter(raw, reason));
    return outcome.kind === 'refused' ? { kind: 'gave-up', error: new Error(outcome.reason) } : outcome;
  }

  private async withRetries(raw: RawMessage, control: BatchControl, work: () => Promise<void>): Promise<Outcome> {
    const { retry, logger } = this.deps;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await work();
        return { kind: 'done' };
      } catch (error) {
        if (error instanceof PermanentMessageError) {
          return { kind: 'refused', reason: `handler refused the message: ${error.message}` };
        }
        if (attempt > retry.maxRetries) {
          return { kind: 'gave-up', error };
        }
        const delayMs = retryDelayMs(retry, attempt, this.deps.random);
        logger.warn('message handling failed, retrying', {
          ...where(raw),
          attempt,
          delayMs,
          error: errorMessage(error),
        });
        if (!(await waitWhileRunning(delayMs, control))) {
          return { kind: 'stopped' };
        }
      }
    }
  }

  /** Leaves the offset uncommitted so that the message is fetched again; pauses after a real failure. */
  private holdPartition(raw: RawMessage, outcome: Exclude<Outcome, { kind: 'done' }>, control: BatchControl): void {
    if (outcome.kind !== 'gave-up') {
      return;
    }
    const { pauseMs, maxRetries } = this.deps.retry;
    this.deps.logger.error('message handling keeps failing; pausing the partition, the message will be retried', {
      ...where(raw),
      groupId: this.deps.groupId,
      attempts: maxRetries + 1,
      pauseMs,
      error: errorMessage(outcome.error),
    });
    const resume = control.pause();
    this.deps.schedule(resume, pauseMs);
  }
}

async function waitWhileRunning(delayMs: number, control: BatchControl): Promise<boolean> {
  const until = Date.now() + delayMs;
  while (control.shouldContinue()) {
    const left = until - Date.now();
    if (left <= 0) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, WAIT_SLICE_MS)));
    await control.heartbeat();
  }
  return false;
}

function sharedCorrelationId(messages: ReceivedMessage<unknown>[]): string | undefined {
  const first = messages[0]?.correlationId;
  return messages.every((message) => message.correlationId === first) ? first : undefined;
}

function where(raw: RawMessage): Record<string, unknown> {
  return { topic: raw.topic, partition: raw.partition, offset: raw.offset };
}
