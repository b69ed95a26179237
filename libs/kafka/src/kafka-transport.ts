// The seam between the lib and the Kafka client library. Everything outside src/kafkajs/ speaks these
// types, so replacing kafkajs means writing one new adapter that implements KafkaDriver.

/** Header values as they travel: Kafka allows repeated keys and arbitrary bytes. */
export type WireHeaders = Record<string, Buffer | string | (Buffer | string)[] | undefined>;

export interface RawMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: WireHeaders;
  /** Milliseconds since the epoch, as a decimal string. */
  timestamp: string;
}

export interface RawBatch {
  topic: string;
  partition: number;
  messages: RawMessage[];
}

export interface OutgoingRecord {
  key: Buffer | string | null;
  value: Buffer | string | null;
  headers: WireHeaders;
}

/** What a consumer may do while it holds a batch of one partition. */
export interface BatchControl {
  /** False once the consumer is stopping or the partition was revoked or sought elsewhere. */
  shouldContinue(): boolean;
  /** Keeps the group membership alive during long work; may throw when the group rebalances. */
  heartbeat(): Promise<void>;
  /** Marks every message up to and including `offset` as done and commits offset + 1 for this partition. */
  commitThrough(offset: string): Promise<void>;
  /** Stops fetching this partition; messages not committed are fetched again after the returned resume. */
  pause(): () => void;
}

export type BatchListener = (batch: RawBatch, control: BatchControl) => Promise<void>;

export interface ConsumerTransportConfig {
  groupId: string;
  topic: string;
  fromBeginning: boolean;
  sessionTimeoutMs: number;
  heartbeatIntervalMs: number;
  rebalanceTimeoutMs: number;
  maxWaitTimeMs: number;
  /** Fetch sizing; the adapter applies its client's defaults to those left out. */
  minBytes?: number;
  maxBytesPerPartition?: number;
  maxBytes?: number;
}

export interface ConsumerTransport {
  /** Connects, subscribes and resolves once the consumer has joined its group (or, when the join failed,
   * once the client has logged it and scheduled a retry). */
  start(onBatch: BatchListener): Promise<void>;
  /** Waits for the batch in hand, leaves the group and disconnects. */
  stop(): Promise<void>;
}

export interface ProducerTransport {
  send(topic: string, records: OutgoingRecord[]): Promise<void>;
  disconnect(): Promise<void>;
}

export interface TopicSpec {
  topic: string;
  /** -1 means the broker's default. */
  partitions: number;
  replicationFactor: number;
  /** Topic-level broker settings (e.g. `max.message.bytes`). */
  config?: Readonly<Record<string, string>>;
}

export interface AdminTransport {
  listTopics(): Promise<string[]>;
  /** Creating a topic that already exists is not an error; returns once every partition has a leader. */
  createTopics(topics: TopicSpec[]): Promise<void>;
  /** Returns once every partition of these existing topics has a leader (one created a moment ago may not yet). */
  waitForLeaders(topics: string[]): Promise<void>;
  /** Sets topic-level settings of an existing topic (others keep their values). */
  setTopicConfig(topic: string, config: Readonly<Record<string, string>>): Promise<void>;
  deleteTopics(topics: string[]): Promise<void>;
  /** Committed offset (next to read) per partition; partitions without a commit are left out. */
  committedOffsets(groupId: string, topic: string): Promise<Map<number, string>>;
  disconnect(): Promise<void>;
}

export interface KafkaDriver {
  producer(): ProducerTransport;
  admin(): AdminTransport;
  consumer(config: ConsumerTransportConfig): ConsumerTransport;
  /** One metadata round trip with no retries; throws with the cause when the cluster does not answer. */
  probe(timeoutMs: number): Promise<{ brokers: number }>;
  /** Releases connections that were opened for probes. */
  close(): Promise<void>;
}
