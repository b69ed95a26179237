import { KafkaClient } from './kafka-client';
import type { KafkaLogger } from './kafka-settings';
import type {
  AdminTransport,
  BatchListener,
  ConsumerTransport,
  KafkaDriver,
  OutgoingRecord,
  ProducerTransport,
  TopicSpec,
} from './kafka-transport';
import { testContract } from './test-support/test-contract';

const quietLogger: KafkaLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** An in-memory implementation of our own driver port; it checks the client's bookkeeping, not Kafka. */
class MemoryDriver implements KafkaDriver {
  topics = new Set<string>(['existing.events']);
  created: TopicSpec[] = [];
  awaited: string[] = [];
  configured: Array<{ topic: string; config: Readonly<Record<string, string>> }> = [];
  probeAnswer: () => Promise<{ brokers: number }> = async () => ({ brokers: 1 });
  readonly log: string[] = [];

  producer(): ProducerTransport {
    return {
      send: async (topic: string, records: OutgoingRecord[]) => void this.log.push(`send ${topic} ${records.length}`),
      disconnect: async () => void this.log.push('producer disconnected'),
    };
  }
  admin(): AdminTransport {
    return {
      listTopics: async () => [...this.topics],
      createTopics: async (specs) => {
        this.created.push(...specs);
        specs.forEach((spec) => this.topics.add(spec.topic));
      },
      waitForLeaders: async (topics) => void this.awaited.push(...topics),
      setTopicConfig: async (topic, config) => void this.configured.push({ topic, config }),
      deleteTopics: async (topics) => topics.forEach((topic) => this.topics.delete(topic)),
      committedOffsets: async () => new Map(),
      disconnect: async () => void this.log.push('admin disconnected'),
    };
  }
  consumer(): ConsumerTransport {
    return {
      start: async (_listener: BatchListener) => void this.log.push('consumer started'),
      stop: async () => void this.log.push('consumer stopped'),
    };
  }
  probe(): Promise<{ brokers: number }> {
    return this.probeAnswer();
  }
  async close(): Promise<void> {
    this.log.push('driver closed');
  }
}

function setup() {
  const driver = new MemoryDriver();
  return { driver, client: new KafkaClient(driver, quietLogger, '127.0.0.1:9092') };
}

describe('KafkaClient', () => {
  it('creates the missing topics and dead-letter topics only, once', async () => {
    const { driver, client } = setup();
    const a = testContract('existing.events');
    const b = testContract('fresh.events');
    await expect(client.ensureTopics([a, b, b], { partitions: 3, replicationFactor: 1 })).resolves.toEqual([
      'existing.events.dlq',
      'fresh.events',
      'fresh.events.dlq',
    ]);
    expect(driver.created).toEqual([
      { topic: 'existing.events.dlq', partitions: 3, replicationFactor: 1 },
      { topic: 'fresh.events', partitions: 3, replicationFactor: 1 },
      { topic: 'fresh.events.dlq', partitions: 3, replicationFactor: 1 },
    ]);
    await expect(client.ensureTopics([a, b])).resolves.toEqual([]);
  });

  it('waits for the leaders of every topic it ensures, existing ones too (another process may have just made them)', async () => {
    const { driver, client } = setup();
    await client.ensureTopics([testContract('existing.events'), testContract('fresh.events')]);
    expect(driver.awaited).toEqual(['existing.events', 'existing.events.dlq', 'fresh.events', 'fresh.events.dlq']);
  });

  it("creates missing topics with the contract's settings and applies them to existing ones", async () => {
    const { driver, client } = setup();
    const config = { 'max.message.bytes': '16777216' };
    const existing = { ...testContract('existing.events'), topicConfig: config };
    await client.ensureTopics([existing]);
    expect(driver.created).toEqual([{ topic: 'existing.events.dlq', partitions: -1, replicationFactor: -1, config }]);
    expect(driver.configured).toEqual([{ topic: 'existing.events', config }]);
  });

  it('leaves partitions and replication to the broker defaults when not given', async () => {
    const { driver, client } = setup();
    await client.ensureTopics([testContract('fresh.events')]);
    expect(driver.created[0]).toEqual({ topic: 'fresh.events', partitions: -1, replicationFactor: -1 });
  });

  it('reports health with the broker count', async () => {
    const { client } = setup();
    await expect(client.checkHealth(100)).resolves.toEqual({ ok: true, detail: '1 broker(s) reachable', brokers: 1 });
  });

  it('reports the cause when the probe fails', async () => {
    const { driver, client } = setup();
    driver.probeAnswer = () => Promise.reject(new Error('outer', { cause: new Error('connect ECONNREFUSED') }));
    await expect(client.checkHealth(100)).resolves.toEqual({
      ok: false,
      detail: 'kafka at 127.0.0.1:9092 unreachable: outer (connect ECONNREFUSED)',
    });
  });

  it('answers within its timeout when the probe hangs', async () => {
    const { driver, client } = setup();
    driver.probeAnswer = () => new Promise(() => undefined);
    const started = Date.now();
    const health = await client.checkHealth(50);
    expect(health).toEqual({ ok: false, detail: 'kafka at 127.0.0.1:9092 unreachable: no answer within 50 ms' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('stops its consumers before disconnecting, once, and refuses new work afterwards', async () => {
    const { driver, client } = setup();
    const consumer = client.consumer({
      groupId: 'g',
      contract: testContract('x.events'),
      handle: async () => undefined,
    });
    await consumer.start();
    await client.publisher().publish(testContract('x.events'), { id: 'a', n: 1 });
    await Promise.all([client.close(), client.close()]);
    expect(driver.log).toEqual([
      'consumer started',
      'send x.events 1',
      'consumer stopped',
      'producer disconnected',
      'driver closed',
    ]);
    expect(consumer.running).toBe(false);
    expect(() => client.publisher()).toThrow('kafka client is closed');
    expect(() => client.consumer({ groupId: 'g', contract: testContract(), handle: async () => undefined })).toThrow(
      'kafka client is closed',
    );
    await expect(client.checkHealth(100)).resolves.toEqual({ ok: false, detail: 'kafka client is closed' });
  });

  it('does not restart a stopped consumer', async () => {
    const { client } = setup();
    const consumer = client.consumer({
      groupId: 'g',
      contract: testContract('x.events'),
      handle: async () => undefined,
    });
    await consumer.start();
    await consumer.stop();
    await expect(consumer.start()).rejects.toThrow('consumer g on x.events was stopped and cannot start again');
  });
});
