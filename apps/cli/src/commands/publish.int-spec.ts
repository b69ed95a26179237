import { metricsTopic, type MetricsBatch } from '@keel/contracts';
import { createKafkaClient, type KafkaClient, type ReceivedMessage } from '@keel/kafka';
import { runCompiledScript, TEST_KAFKA_BROKERS, uniqueName } from '@keel/testing';

// The compiled CLI publishes to the real keel.metrics.v1 (it has no topic option); each run uses a source
// name of its own and a fresh consumer group that starts at the end of the topic, so other data is ignored.
// It runs dist/ as built before the integration tier (npm test, or `nx run cli:test:int`, builds it).
const CLI = 'apps/cli/src/main.js';
const env = { ...process.env, KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(',') };
let kafka: KafkaClient;

beforeAll(async () => {
  kafka = createKafkaClient({ brokers: TEST_KAFKA_BROKERS, clientId: uniqueName('cli_publish_test') });
  await kafka.ensureTopics([metricsTopic]);
});

afterAll(async () => {
  await kafka.close();
});

/** Runs the CLI; resolves with its exit code and both outputs instead of rejecting on failure. */
async function keel(args: string[], input = '', extraEnv: NodeJS.ProcessEnv = {}) {
  try {
    const stdout = await runCompiledScript(CLI, { ...env, ...extraEnv }, args, input);
    return { code: 0, output: stdout };
  } catch (error) {
    const message = (error as Error).message;
    return { code: Number(/ exited (\d+):/.exec(message)?.[1] ?? -1), output: message };
  }
}

/**
 * The first message of `source` on keel.metrics.v1, read through the contract by a fresh group starting at the
 * end of the topic. Such a group only learns where the end is on its first fetch, so `act` (one CLI run) is
 * repeated until a message arrives.
 */
async function firstMessageOf(source: string, act: () => Promise<void>): Promise<ReceivedMessage<MetricsBatch>> {
  let found: ReceivedMessage<MetricsBatch> | undefined;
  const consumer = kafka.consumer({
    groupId: uniqueName('cli_publish_test'),
    contract: metricsTopic,
    handle: async (message) => {
      if (message.value.source === source) found ??= message;
    },
  });
  await consumer.start();
  try {
    for (let attempt = 0; attempt < 5 && !found; attempt++) {
      await act();
      for (let wait = 0; wait < 30 && !found; wait++) await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await consumer.stop();
  }
  if (!found) throw new Error(`nothing from ${source} on ${metricsTopic.topic}`);
  return found;
}

describe('keel publish (compiled CLI, real Kafka)', () => {
  it('publishes JSON lines from stdin and says how many samples in how many messages', async () => {
    const source = uniqueName('cli_lines');
    const ts = Date.now();
    const input = [
      JSON.stringify({ name: 'cli_test_up', labels: { job: 'cli' }, value: 1, timestampMs: ts }),
      '',
      JSON.stringify({ name: 'cli_test_ratio', value: 'NaN', type: 'gauge' }),
    ].join('\n');
    const results: { code: number; output: string }[] = [];
    const message = await firstMessageOf(source, async () => {
      results.push(await keel(['publish', '--source', source], input));
    });
    for (const result of results) {
      expect(result).toEqual({ code: 0, output: 'published 2 samples in 1 message to keel.metrics.v1\n' });
    }
    expect(message.key).toBe(source);
    expect(message.value.samples).toEqual([
      { name: 'cli_test_up', labels: { job: 'cli' }, value: 1, timestampMs: ts },
      { name: 'cli_test_ratio', labels: {}, value: Number.NaN, type: 'gauge' },
    ]);
  });

  it('publishes one sample from flags', async () => {
    const source = uniqueName('cli_flags');
    const codes: number[] = [];
    const message = await firstMessageOf(source, async () => {
      const result = await keel([
        'publish',
        '--source',
        source,
        '--metric',
        'cli_test_deploys_total',
        '--value',
        '1.5',
        '--label',
        'env=prod',
        '--label',
        'team=ops',
        '--type',
        'counter',
      ]);
      codes.push(result.code);
    });
    expect(new Set(codes)).toEqual(new Set([0]));
    expect(message.value.samples).toEqual([
      { name: 'cli_test_deploys_total', labels: { env: 'prod', team: 'ops' }, value: 1.5, type: 'counter' },
    ]);
  });

  it('exits 2 naming the bad line and field, publishing nothing', async () => {
    const input = '{"name":"ok","value":1}\n{"name":"bad","value":1,"unit":"s"}\n';
    const result = await keel(['publish', '--source', uniqueName('cli_bad')], input);
    expect(result.code).toBe(2);
    expect(result.output).toContain('keel publish: line 2: unit: unknown field');
  });

  it('exits 2 without --source and on an unknown option', async () => {
    expect(await keel(['publish', '--metric', 'm', '--value', '1'])).toMatchObject({ code: 2 });
    const unknown = await keel(['publish', '--source', 's', '--colour', 'red']);
    expect(unknown.code).toBe(2);
    expect(unknown.output).toContain("unknown option '--colour'");
  });

  it('exits 1 with the cause when Kafka cannot be reached', async () => {
    const result = await keel(['publish', '--source', 's', '--metric', 'm', '--value', '1'], '', {
      KAFKA_BROKERS: '127.0.0.1:1',
    });
    expect(result.code).toBe(1);
    expect(result.output).toContain('keel: Connection error: connect ECONNREFUSED 127.0.0.1:1');
  });
});
