import type { INestApplication } from '@nestjs/common';
import { alertsTopic, type AlertEvent } from '@keel/contracts';
import { createKafkaClient, type EventConsumer, type KafkaClient } from '@keel/kafka';
import { TEST_KAFKA_BROKERS, uniqueName, until } from '@keel/testing';
import { Client } from 'pg';
import { startAlertingTestEnv, type AlertingTestEnv } from '../test/alerting-test-env';
import { EvaluationService } from './evaluation.service';

const STEP_MS = 15_000;
const MINUTE = 60_000;

/** The seed's five conditions, true for the whole published range, on one service. */
function seedSamples(service: string, startMs: number, endMs: number) {
  const samples = [];
  for (let t = startMs, i = 0; t <= endMs; t += STEP_MS, i++) {
    const labels = { service };
    samples.push(
      {
        name: 'http_requests_total',
        labels: { ...labels, status: '500' },
        value: 30 * i,
        timestampMs: t,
        type: 'counter' as const,
      },
      { name: 'database_connections_active', labels, value: 95, timestampMs: t },
      { name: 'database_connections_total', labels, value: 100, timestampMs: t },
      { name: 'process_resident_memory_bytes', labels, value: 950, timestampMs: t },
      { name: 'process_virtual_memory_max_bytes', labels, value: 1000, timestampMs: t },
      { name: 'websocket_connection_drops_total', labels, value: 3 * i, timestampMs: t },
      ...['0.5', '1', '2.5'].map((le) => ({
        name: 'http_request_duration_seconds_bucket',
        labels: { ...labels, le },
        value: 0,
        timestampMs: t,
      })),
      ...['5', '+Inf'].map((le) => ({
        name: 'http_request_duration_seconds_bucket',
        labels: { ...labels, le },
        value: 10 * i,
        timestampMs: t,
      })),
    );
  }
  return samples;
}

describe('rule evaluation on published metrics (metrics service, PostgreSQL, Kafka)', () => {
  let env: AlertingTestEnv;
  let kafka: KafkaClient;
  let consumer: EventConsumer;
  const events: AlertEvent[] = [];
  const service = uniqueName('svc');
  const t0 = Math.floor(Date.now() / STEP_MS) * STEP_MS;

  beforeAll(async () => {
    env = await startAlertingTestEnv();
    kafka = createKafkaClient({ brokers: TEST_KAFKA_BROKERS, clientId: uniqueName('alerting_int_listen') });
    await kafka.ensureTopics([alertsTopic]);
    consumer = kafka.consumer({
      groupId: uniqueName('alerting_int_events'),
      contract: alertsTopic,
      handle: async (m) => {
        const event = m.value as AlertEvent;
        if (event.alert.labels['service'] === service) events.push(event);
      },
    });
    await consumer.start();
    await env.publisher.publish(seedSamples(service, t0 - 12 * MINUTE, t0));
    await env.publisher.flush();
    await env.waitForData(`http_requests_total{service="${service}"}`, t0);
    await env.waitForData(`http_request_duration_seconds_bucket{service="${service}",le="+Inf"}`, t0);
  }, 120_000);

  afterAll(async () => {
    await consumer?.stop();
    await kafka?.close();
    await env?.stop();
  });

  function firing(app: INestApplication): Map<string, string> {
    const out = new Map<string, string>();
    for (const group of app.get(EvaluationService).statuses()) {
      for (const rule of group.rules) {
        for (const alert of rule.alerts) out.set(rule.name, alert.state);
      }
    }
    return out;
  }

  async function evaluateAt(app: INestApplication, tsMs: number): Promise<void> {
    await app.get(EvaluationService).evaluateAll(tsMs);
  }

  it('fires every seed rule once its `for` has elapsed, and a restart in the middle keeps the timers', async () => {
    const first = await env.startAlerting();
    await evaluateAt(first, t0 - 11 * MINUTE);
    expect(firing(first)).toEqual(
      new Map([
        ['HighErrorRate', 'pending'],
        ['DatabaseConnectionPoolExhausted', 'pending'],
        ['MemoryUsageCritical', 'pending'],
        ['ResponseTimeDegradation', 'pending'],
        ['WebSocketConnectionDrops', 'pending'],
      ]),
    );
    await first.close();

    // A new process: the pending alerts come back from PostgreSQL with their activeAt.
    const second = await env.startAlerting();
    await evaluateAt(second, t0 - 6 * MINUTE);
    expect(firing(second)).toEqual(
      new Map([
        ['HighErrorRate', 'firing'],
        ['DatabaseConnectionPoolExhausted', 'firing'],
        ['MemoryUsageCritical', 'firing'],
        ['ResponseTimeDegradation', 'pending'],
        ['WebSocketConnectionDrops', 'firing'],
      ]),
    );
    await evaluateAt(second, t0);
    expect([...firing(second).values()]).toEqual(['firing', 'firing', 'firing', 'firing', 'firing']);

    const high = second
      .get(EvaluationService)
      .statuses()
      .flatMap((g) => g.rules)
      .find((r) => r.name === 'HighErrorRate')?.alerts[0];
    expect(high).toMatchObject({
      labels: { alertname: 'HighErrorRate', service, severity: 'critical', status: '500' },
      activeAtMs: t0 - 11 * MINUTE,
      firedAtMs: t0 - 6 * MINUTE,
    });
    // rate() of 30 per 15 s is 2/s (give or take the last bit); the seed's template prints the raw value.
    expect(high?.value).toBeCloseTo(2, 9);
    expect(high?.annotations['description']).toBe(`Error rate is ${String(high?.value)}% over last 5 minutes`);

    // One pending and one firing event per alert: the restart announced nothing twice.
    await until(() => events.length >= 10, { timeoutMs: 20_000, intervalMs: 100, what: 'ten alert events' });
    const byRule = new Map<string, string[]>();
    for (const e of events) byRule.set(e.alert.ruleName, [...(byRule.get(e.alert.ruleName) ?? []), e.alert.state]);
    for (const states of byRule.values()) expect(states).toEqual(['pending', 'firing']);
    expect(byRule.size).toBe(5);

    // The history has the same story, and the state table holds the five firing alerts.
    const client = new Client({
      connectionString: env.alertingSchema.url,
      options: `-c search_path=${env.alertingSchema.name}`,
    });
    await client.connect();
    try {
      const history = await client.query<{ rule_name: string; to_state: string }>(
        `SELECT rule_name, to_state FROM alert_history WHERE labels->>'service' = $1 ORDER BY id`,
        [service],
      );
      expect(history.rows.filter((r) => r.rule_name === 'HighErrorRate').map((r) => r.to_state)).toEqual([
        'pending',
        'firing',
      ]);
      const states = await client.query<{ state: string }>(
        `SELECT state FROM alert_states WHERE labels->>'service' = $1`,
        [service],
      );
      expect(states.rows.map((r) => r.state)).toEqual(['firing', 'firing', 'firing', 'firing', 'firing']);
    } finally {
      await client.end();
    }
    await second.close();
  });

  it('evaluates in one process of two; the standby takes over with the persisted state when it stops', async () => {
    const overrides = { ALERTING_EVALUATOR_RETRY_SECONDS: '1' };
    const a = await env.startAlerting(overrides);
    const b = await env.startAlerting(overrides);
    const [leader, standby] = a.get(EvaluationService).evaluating ? [a, b] : [b, a];
    expect(leader.get(EvaluationService).evaluating).toBe(true);
    expect(standby.get(EvaluationService).evaluating).toBe(false);
    expect(standby.get(EvaluationService).statuses()).toEqual([]);

    await leader.close();
    await until(() => standby.get(EvaluationService).evaluating, {
      timeoutMs: 20_000,
      intervalMs: 100,
      what: 'the standby to evaluate',
    });
    await evaluateAt(standby, t0 + STEP_MS);
    const high = standby
      .get(EvaluationService)
      .statuses()
      .flatMap((g) => g.rules)
      .find((r) => r.name === 'HighErrorRate')?.alerts[0];
    // The timers of the first test's alerts, carried over through PostgreSQL.
    expect(high).toMatchObject({ state: 'firing', activeAtMs: t0 - 11 * MINUTE, firedAtMs: t0 - 6 * MINUTE });
    await standby.close();
  });
});
