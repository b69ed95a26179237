import { ConfigResourceTypes, type Admin, type Kafka } from 'kafkajs';
import type { AdminTransport, TopicSpec } from '../kafka-transport';

const TOPIC_OPERATION_TIMEOUT_MS = 10000;

/** Metadata answers that mean "the new topic is not ready on this broker yet", not "it failed". */
const NOT_READY = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

/** The error, or the one kafkajs wrapped after its own retries (KafkaJSNumberOfRetriesExceeded). */
function notReadyYet(error: unknown): boolean {
  const { type, originalError } = (error ?? {}) as { type?: unknown; originalError?: unknown };
  if (typeof type === 'string' && NOT_READY.has(type)) return true;
  return originalError !== undefined && originalError !== error && notReadyYet(originalError);
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class KafkajsAdmin implements AdminTransport {
  private readonly admin: Admin;
  private connecting?: Promise<void>;

  constructor(kafka: Kafka) {
    this.admin = kafka.admin();
  }

  async listTopics(): Promise<string[]> {
    await this.connect();
    return this.admin.listTopics();
  }

  /** Creates the topics (existing ones are left as they are) and returns once every partition has a leader. */
  async createTopics(topics: TopicSpec[]): Promise<void> {
    await this.connect();
    await this.admin.createTopics({
      waitForLeaders: false,
      timeout: TOPIC_OPERATION_TIMEOUT_MS,
      topics: topics.map((spec) => ({
        topic: spec.topic,
        numPartitions: spec.partitions,
        replicationFactor: spec.replicationFactor,
        configEntries: Object.entries(spec.config ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
    await this.waitForLeaders(topics.map((spec) => spec.topic));
  }

  /**
   * Polls the topics' metadata until every partition has a leader. Right after a broker starts, a topic just
   * created can be answered UNKNOWN_TOPIC_OR_PARTITION for a moment; kafkajs's own `waitForLeaders` retries only
   * LEADER_NOT_AVAILABLE and gave up on it, failing the first test that created a topic on a fresh broker.
   */
  async waitForLeaders(names: string[], timeoutMs = TOPIC_OPERATION_TIMEOUT_MS): Promise<void> {
    if (names.length === 0) return;
    await this.connect();
    const deadline = Date.now() + timeoutMs;
    for (let delayMs = 25; ; delayMs = Math.min(delayMs * 2, 500)) {
      let waitingFor = 'partition leaders';
      try {
        const { topics } = await this.admin.fetchTopicMetadata({ topics: names });
        const ready = topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0));
        if (ready && topics.length === names.length) return;
      } catch (error) {
        if (!notReadyYet(error)) throw error;
        waitingFor = `the topics (${(error as Error).message})`;
      }
      if (Date.now() >= deadline) {
        throw new Error(`topics ${names.join(', ')}: still waiting for ${waitingFor} after ${timeoutMs} ms`);
      }
      await pause(delayMs);
    }
  }

  async setTopicConfig(topic: string, config: Readonly<Record<string, string>>): Promise<void> {
    await this.connect();
    await this.admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topic,
          configEntries: Object.entries(config).map(([name, value]) => ({ name, value })),
        },
      ],
    });
  }

  async deleteTopics(topics: string[]): Promise<void> {
    await this.connect();
    await this.admin.deleteTopics({ topics, timeout: TOPIC_OPERATION_TIMEOUT_MS });
  }

  async committedOffsets(groupId: string, topic: string): Promise<Map<number, string>> {
    await this.connect();
    const answer = await this.admin.fetchOffsets({ groupId, topics: [topic] });
    const offsets = new Map<number, string>();
    for (const { partition, offset } of answer.find((entry) => entry.topic === topic)?.partitions ?? []) {
      if (offset !== '-1') {
        offsets.set(partition, offset);
      }
    }
    return offsets;
  }

  async disconnect(): Promise<void> {
    if (this.connecting) {
      this.connecting = undefined;
      await this.admin.disconnect();
    }
  }

  private connect(): Promise<void> {
    this.connecting ??= this.admin.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }
}
