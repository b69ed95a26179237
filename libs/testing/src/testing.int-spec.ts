import { Client } from 'pg';
import { auditTopic } from '@keel/contracts';
import { createRedis } from '@keel/redis';
import {
  createTestSchema,
  createTestTopics,
  freePort,
  testRedisPrefix,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uniqueName,
} from './index';

async function schemaExists(name: string): Promise<boolean> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const result = await client.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [name]);
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
}

describe('testing helpers on the real servers', () => {
  it('gives a test its own PostgreSQL schema and drops it', async () => {
    const schema = await createTestSchema('helpers');
    expect(schema.name).toMatch(/^t_helpers_[0-9a-f]{8}$/);
    expect(await schemaExists(schema.name)).toBe(true);
    await schema.drop();
    expect(await schemaExists(schema.name)).toBe(false);
  });

  it('gives a test its own Kafka topics (with dlq twins) and deletes them', async () => {
    const topics = await createTestTopics([auditTopic]);
    const [contract] = topics.contracts;
    expect(contract?.topic).toMatch(/^test\.keel_audit_v1_[0-9a-f]{8}$/);
    expect(contract?.dlq).toBe(`${contract?.topic}.dlq`);
    expect(contract?.schema).toBe(auditTopic.schema);
    const probe = await createTestTopics([]);
    await topics.cleanup();
    await probe.cleanup();
  });

  it('gives a test its own Redis prefix and deletes only its keys', async () => {
    const mine = testRedisPrefix('helpers');
    const other = testRedisPrefix('other');
    const redis = createRedis({ url: TEST_REDIS_URL, keyPrefix: '' });
    try {
      await redis.set(`${mine.prefix}a`, '1');
      await redis.set(`${mine.prefix}b`, '2');
      await redis.set(`${other.prefix}c`, '3');
      expect(await mine.cleanup()).toBe(2);
      expect(await redis.get(`${other.prefix}c`)).toBe('3');
      await other.cleanup();
    } finally {
      redis.disconnect();
    }
  });

  it('finds a free port and makes unique names', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(uniqueName('Same Name')).not.toBe(uniqueName('Same Name'));
  });
});
