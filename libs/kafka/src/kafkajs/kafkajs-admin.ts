import { ConfigResourceTypes, type Admin, type Kafka } from 'kafkajs';
import type { AdminTransport, TopicSpec } from '../kafka-transport';

const TOPIC_OPERATION_TIMEOUT_MS = 10000;

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

  async createTopics(topics: TopicSpec[]): Promise<void> {
    await this.connect();
    await this.admin.createTopics({
      waitForLeaders: true,
      timeout: TOPIC_OPERATION_TIMEOUT_MS,
      topics: topics.map((spec) => ({
        topic: spec.topic,
        numPartitions: spec.partitions,
        replicationFactor: spec.replicationFactor,
        configEntries: Object.entries(spec.config ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
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
