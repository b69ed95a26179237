import type { TopicContract } from '@keel/contracts';
import type { z } from 'zod';
import type { DeadLetterKind } from './message-decoder';

/** A message that passed its contract, as a handler sees it. */
export interface ReceivedMessage<T> {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: T;
  headers: Record<string, string>;
  /** From the message's x-correlation-id header, or a fresh id when it had none. */
  correlationId: string;
  timestamp: Date;
}

export type MessageHandler<T> = (message: ReceivedMessage<T>) => Promise<void>;
/** Receives the valid messages of one fetched batch of one partition, in offset order. */
export type BatchHandler<T> = (messages: ReceivedMessage<T>[]) => Promise<void>;

interface ConsumerOptionsBase<S extends z.ZodType> {
  groupId: string;
  contract: TopicContract<S>;
  /** Called after a message was dead-lettered (to count them by kind); the full reason is in its header too. */
  onDeadLetter?: (event: { kind: DeadLetterKind; reason: string }) => void;
  /** Where a group without committed offsets starts; default false (only new messages). */
  fromBeginning?: boolean;
  /** Retries of a failing handler before the partition is paused; default 3. */
  maxRetries?: number;
  /** First retry delay, doubled on each retry; default 200 ms. */
  retryBackoffMs?: number;
  /** Pause of a partition whose handler keeps failing, before the same message is tried again; default 5000 ms. */
  pauseOnFailureMs?: number;
  /** Group membership tuning; the broker refuses a session timeout under its minimum (6000 ms by default). */
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  rebalanceTimeoutMs?: number;
  /** Longest wait of one fetch when there is no data; bounds how quickly stop() returns. Default 1000 ms. */
  maxWaitTimeMs?: number;
  /**
   * Fetch sizing, for consumers that want large batches: the broker answers a fetch once it has minBytes (default
   * 1) or maxWaitTimeMs passed, with at most maxBytesPerPartition of each partition (default 1 MB, which is also
   * about the largest batch a handleBatch sees) and maxBytes in all (default 10 MB). A message larger than
   * maxBytesPerPartition is still delivered, alone.
   */
  minBytes?: number;
  maxBytesPerPartition?: number;
  maxBytes?: number;
}

export type ConsumerOptions<S extends z.ZodType> = ConsumerOptionsBase<S> &
  (
    | { handle: MessageHandler<z.output<S>>; handleBatch?: never }
    | {
        /** For high-throughput consumers. Invalid messages of the batch are already dead-lettered; a
         * PermanentMessageError thrown here dead-letters every message of the batch. */
        handleBatch: BatchHandler<z.output<S>>;
        handle?: never;
      }
  );
