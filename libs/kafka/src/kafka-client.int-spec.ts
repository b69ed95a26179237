import { runWithContext } from '@keel/context';
import { ContractViolationError } from './kafka.errors';
import { createKafkaClient, type KafkaClient } from './kafka-client';
import { CapturingLogger, RawTopics, testSettings } from './test-support/integration';
import { testContract } from './test-support/test-contract';

const suffix = Math.random().toString(36).slice(2, 10);
const contract = testContract(`test.${suffix}.client`);
const fresh = testContract(`test.${suffix}.fresh`);

let client: KafkaClient;
let raw: RawTopics;

beforeAll(async () => {
  const settings = testSettings(new CapturingLogger());
  client = createKafkaClient(settings);
  raw = new RawTopics(settings);
  await client.ensureTopics([contract], { partitions: 2, replicationFactor: 1 });
});

afterAll(async () => {
  await client.deleteTopics([contract.topic, contract.dlq, fresh.topic, fresh.dlq]);
  await client.close();
  await raw.close();
});

describe('KafkaClient on a real broker', () => {
  it('creates a contract topic and its dead-letter topic once', async () => {
    await expect(client.ensureTopics([contract, fresh], { partitions: 1 })).resolves.toEqual([fresh.topic, fresh.dlq]);
    await expect(client.ensureTopics([contract, fresh], { partitions: 1 })).resolves.toEqual([]);
  });

  it('publishes JSON with the key, correlation id, content type and contract version', async () => {
    await runWithContext({ correlationId: 'corr-pub' }, () =>
      client.publisher().publish(contract, { id: 'p1', n: 7 }, { headers: { tenant: 'acme' } }),
    );
    const [message] = await raw.read(contract.topic, 1);
    expect(message?.key?.toString()).toBe('p1');
    expect(JSON.parse(message?.value?.toString() ?? '')).toEqual({ id: 'p1', n: 7, note: '' });
    const headers = Object.fromEntries(Object.entries(message?.headers ?? {}).map(([k, v]) => [k, String(v)]));
    expect(headers).toEqual({
      'x-correlation-id': 'corr-pub',
      'content-type': 'application/json',
      'keel-contract-version': '2',
      tenant: 'acme',
    });
  });

  it('refuses to publish a value that violates the contract', async () => {
    await expect(client.publisher().publish(contract, { id: 'p2', n: 0.5 })).rejects.toThrow(ContractViolationError);
  });

  it('reports the broker healthy', async () => {
    await expect(client.checkHealth(3000)).resolves.toEqual({ ok: true, detail: '1 broker(s) reachable', brokers: 1 });
  });

  it('reports a closed port unhealthy, quickly and with the cause', async () => {
    const nowhere = createKafkaClient({ ...testSettings(new CapturingLogger()), brokers: ['127.0.0.1:1'] });
    try {
      const started = Date.now();
      const health = await nowhere.checkHealth(2000);
      expect(Date.now() - started).toBeLessThan(1500);
      expect(health.ok).toBe(false);
      expect(health.detail).toMatch(/^kafka at 127\.0\.0\.1:1 unreachable: .*ECONNREFUSED/);
    } finally {
      await nowhere.close();
    }
  });
});
