import { randomBytes, randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import type { Identity } from '@keel/auth';
import { alertsTopic, incidentsTopic, type AlertEventInput } from '@keel/contracts';
import { createKafkaClient, RawTopics, type KafkaClient, type RawMessage, type ReceivedMessage } from '@keel/kafka';
import { createTestTopics, eventually, TEST_KAFKA_BROKERS, uniqueName, type TestTopics } from '@keel/testing';
import { startIncidentsTestApp, type IncidentsTestApp } from '../test/incidents-test-env';
import { AlertIntakeService } from './alert-intake.service';

type Contract = typeof alertsTopic;

const viewer: Identity = { type: 'user', id: 'u-viewer', name: 'victor', roles: ['viewer'], scopes: [] };

interface AlertOptions {
  fingerprint: string;
  state: 'firing' | 'resolved';
  occurredAt: string;
  labels: Record<string, string>;
  summary?: string;
}

/** A keel.alerts.v1 event as the alerting service publishes it (a fresh event id for every publication). */
function alertEvent(options: AlertOptions): AlertEventInput {
  const { fingerprint, state, occurredAt, labels } = options;
  return {
    eventId: randomUUID(),
    occurredAt,
    previousState: state === 'firing' ? 'pending' : 'firing',
    alert: {
      fingerprint,
      ruleName: labels['alertname'] ?? 'Rule',
      labels,
      annotations: { summary: options.summary ?? 'Something is wrong', description: 'details' },
      state,
      ...(state === 'firing' ? { firedAt: occurredAt } : { resolvedAt: occurredAt }),
      generatorUrl: 'http://127.0.0.1:4103/rules/critical_alerts/x',
    },
  };
}

interface IncidentReply {
  id: string;
  title: string;
  severity: string;
  status: string;
  services: string[];
  declaredBy: { id: string };
  alerts: Array<{
    fingerprint: string;
    alertname: string;
    state: string;
    firstFiringAt: string;
    resolvedAt: string | null;
    labels: Array<{ name: string; value: string }>;
  }>;
}

describe('alert intake: keel.alerts.v1 → incidents (PostgreSQL, Kafka)', () => {
  let topics: TestTopics<Contract>;
  let contract: Contract;
  let env: IncidentsTestApp;
  let db: Client;
  let listener: KafkaClient;
  let raw: RawTopics;
  const opened: ReceivedMessage<unknown>[] = [];
  // Each run has its own alerts: the incidents topic is shared, and fingerprints must not meet older rows.
  const run = randomBytes(4).toString('hex');
  const service = `checkout-${run}`;
  const base = Date.now() - 10 * 60_000;
  const minutes = (n: number): string => new Date(base + n * 60_000).toISOString();

  const publish = (event: AlertEventInput): Promise<void> => topics.kafka.publisher().publish(contract, event);

  async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await db.query(sql, params)).rows as T[];
  }

  const processed = (fingerprint: string): Promise<Array<{ outcome: string; ignore_reason: string | null }>> =>
    rows(`SELECT outcome, ignore_reason FROM alert_intake_processed WHERE fingerprint = $1 ORDER BY processed_at`, [
      fingerprint,
    ]);

  async function incidentsOf(fingerprint: string): Promise<string[]> {
    const found = await rows<{ incident_id: string }>(
      `SELECT incident_id FROM incident_alerts WHERE fingerprint = $1 ORDER BY incident_id`,
      [fingerprint],
    );
    return found.map((r) => r.incident_id);
  }

  async function incident(id: string): Promise<IncidentReply> {
    const reply = await env.graphql<{ incident: IncidentReply }>(
      `{ incident(id: "${id}") { id title severity status services declaredBy { id }
          alerts { fingerprint alertname state firstFiringAt resolvedAt labels { name value } } } }`,
      viewer,
    );
    expect(reply.errors).toBeUndefined();
    if (!reply.data) throw new Error(`no incident ${id}`);
    return reply.data.incident;
  }

  interface TimelineReply {
    kind: string;
    actor: { id: string; name: string };
    occurredAt: string;
    key: boolean;
    summary: string;
  }

  async function timeline(id: string): Promise<TimelineReply[]> {
    const reply = await env.graphql<{ incident: { timeline: TimelineReply[] } }>(
      `{ incident(id: "${id}") { timeline { kind actor { id name } occurredAt key summary } } }`,
      viewer,
    );
    expect(reply.errors).toBeUndefined();
    if (!reply.data) throw new Error(`no incident ${id}`);
    // Paging is the escalation tests' subject (this app has no escalation policy, so it notes that nobody was paged).
    return reply.data.incident.timeline.filter((entry) => entry.kind !== 'notification');
  }

  beforeAll(async () => {
    topics = await createTestTopics([alertsTopic]);
    contract = topics.contracts[0] as Contract;
    listener = createKafkaClient({ brokers: TEST_KAFKA_BROKERS, clientId: uniqueName('incidents_intake_listen') });
    // The listener joins before the app has made keel.incidents.v1 (a fresh broker has none).
    await listener.ensureTopics([incidentsTopic]);
    await listener
      .consumer({
        groupId: uniqueName('incidents_intake_listen'),
        contract: incidentsTopic,
        handle: async (m) => void opened.push(m),
      })
      .start();
    env = await startIncidentsTestApp('incidents_intake', {
      INCIDENTS_ALERTS_TOPIC: contract.topic,
      INCIDENTS_ALERTS_GROUP_ID: uniqueName('incidents_intake'),
      ALERT_INTAKE_CORRELATION_WINDOW: '30m',
    });
    db = await env.database();
    raw = new RawTopics({ brokers: TEST_KAFKA_BROKERS, clientId: uniqueName('incidents_intake_raw') });
  });

  afterAll(async () => {
    await raw?.close();
    await env?.stop();
    await listener?.close();
    await topics?.cleanup();
  });

  const labels = { alertname: 'HighErrorRate', service, severity: 'critical', env: 'prod' };
  const firstFingerprint = `fp-a-${run}`;

  it('opens one incident for a firing critical alert, even when the event is delivered twice', async () => {
    const event = alertEvent({
      fingerprint: firstFingerprint,
      state: 'firing',
      occurredAt: minutes(0),
      labels,
      summary: 'High error rate on checkout',
    });
    await publish(event);
    await publish(event);
    // A later event of the same key shows both deliveries were consumed (one partition, in order).
    const marker = `fp-marker-${run}`;
    await publish(
      alertEvent({ fingerprint: marker, state: 'firing', occurredAt: minutes(0), labels: { severity: 'none' } }),
    );
    await eventually(async () => ((await processed(marker)).length === 1 ? true : undefined), {
      timeoutMs: 20_000,
      intervalMs: 100,
      what: 'the marker event processed',
    });

    const ids = await incidentsOf(firstFingerprint);
    expect(ids).toHaveLength(1);
    expect(await processed(firstFingerprint)).toEqual([{ outcome: 'open', ignore_reason: null }]);
    const [id = ''] = ids;
    const found = await incident(id);
    expect(found).toMatchObject({
      title: `High error rate on checkout (${service})`,
      severity: 'P1',
      status: 'TRIAGE',
      services: [service],
      declaredBy: { id: 'alerting' },
    });
    expect(found.alerts).toEqual([
      {
        fingerprint: firstFingerprint,
        alertname: 'HighErrorRate',
        state: 'firing',
        firstFiringAt: minutes(0),
        resolvedAt: null,
        labels: [
          { name: 'alertname', value: 'HighErrorRate' },
          { name: 'env', value: 'prod' },
          { name: 'service', value: service },
          { name: 'severity', value: 'critical' },
        ],
      },
    ]);
    const event_ = await eventually(
      () => opened.find((m) => (m.value as { incident: { id: string } }).incident.id === id),
      { timeoutMs: 15_000, intervalMs: 100, what: 'the incident.opened event' },
    );
    expect(event_.value).toMatchObject({
      type: 'incident.opened',
      incident: { severity: 'P1', status: 'triage', services: [service] },
      actor: { type: 'system', id: 'alerting', name: 'keel.alerts.v1' },
    });
    expect(
      opened.filter((m) => (m.value as { incident: { services: string[] } }).incident.services[0] === service),
    ).toHaveLength(1);
  });

  it('attaches a second alert of the same group within the window, and resolves its link', async () => {
    const [id = ''] = await incidentsOf(firstFingerprint);
    const second = `fp-b-${run}`;
    await publish(
      alertEvent({ fingerprint: second, state: 'firing', occurredAt: minutes(5), labels: { ...labels, env: 'eu' } }),
    );
    await eventually(async () => ((await incidentsOf(second)).length === 1 ? true : undefined), {
      timeoutMs: 20_000,
      intervalMs: 100,
      what: 'the second alert linked',
    });
    expect(await incidentsOf(second)).toEqual([id]);
    expect(await processed(second)).toEqual([{ outcome: 'attach', ignore_reason: null }]);

    await publish(alertEvent({ fingerprint: second, state: 'resolved', occurredAt: minutes(7), labels }));
    const alerts = await eventually(
      async () => {
        const found = await incident(id);
        return found.alerts.find((a) => a.fingerprint === second)?.state === 'resolved' ? found.alerts : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 100, what: 'the link resolved' },
    );
    expect(alerts.find((a) => a.fingerprint === second)).toMatchObject({ state: 'resolved', resolvedAt: minutes(7) });
    expect(alerts.find((a) => a.fingerprint === firstFingerprint)).toMatchObject({ state: 'firing', resolvedAt: null });
    const [{ n }] = await rows<{ n: string }>(`SELECT count(*) AS n FROM incidents`);
    expect(n).toBe('1');
  });

  it('writes the alert entries of open, attach and resolve in time order, by the system actor, once each', async () => {
    const [id = ''] = await incidentsOf(firstFingerprint);
    const second = `fp-b-${run}`;
    const system = { id: 'alerting', name: 'keel.alerts.v1' };
    // The opening event was delivered twice: still one entry per applied event.
    expect(await timeline(id)).toEqual([
      {
        kind: 'alert',
        actor: system,
        occurredAt: minutes(0),
        key: false,
        summary: expect.stringMatching(/^Alert HighErrorRate firing: /),
      },
      {
        kind: 'alert',
        actor: system,
        occurredAt: minutes(5),
        key: false,
        summary: expect.stringMatching(/^Alert HighErrorRate firing: /),
      },
      {
        kind: 'alert',
        actor: system,
        occurredAt: minutes(7),
        key: false,
        summary: expect.stringMatching(/^Alert HighErrorRate resolved: .*resolved/),
      },
      {
        kind: 'status_change',
        actor: system,
        occurredAt: expect.any(String),
        key: true,
        summary: 'Incident opened as triage',
      },
    ]);
    const stored = await rows<{ fingerprint: string; state: string; actor_type: string }>(
      `SELECT detail->>'fingerprint' AS fingerprint, detail->>'state' AS state, actor_type
         FROM incident_timeline WHERE incident_id = $1 AND kind = 'alert' ORDER BY occurred_at, id`,
      [id],
    );
    expect(stored).toEqual([
      { fingerprint: firstFingerprint, state: 'firing', actor_type: 'system' },
      { fingerprint: second, state: 'firing', actor_type: 'system' },
      { fingerprint: second, state: 'resolved', actor_type: 'system' },
    ]);
  });

  it('opens nothing for a warning alert', async () => {
    const warning = `fp-w-${run}`;
    await publish(
      alertEvent({
        fingerprint: warning,
        state: 'firing',
        occurredAt: minutes(8),
        labels: { alertname: 'DiskFilling', service: `other-${run}`, severity: 'warning' },
      }),
    );
    await eventually(async () => ((await processed(warning)).length === 1 ? true : undefined), {
      timeoutMs: 20_000,
      intervalMs: 100,
      what: 'the warning processed',
    });
    expect(await processed(warning)).toEqual([{ outcome: 'ignore', ignore_reason: 'severity_unmapped' }]);
    expect(await incidentsOf(warning)).toEqual([]);
    const [{ n }] = await rows<{ n: string }>(`SELECT count(*) AS n FROM incidents`);
    expect(n).toBe('1');
  });

  it('dead-letters a malformed message and keeps consuming', async () => {
    const key = `fp-bad-${run}`;
    const bad = JSON.stringify({
      ...alertEvent({ fingerprint: key, state: 'firing', occurredAt: minutes(9), labels }),
      eventId: 'nope',
    });
    const after = `fp-after-${run}`;
    await raw.send(contract.topic, [
      { key, value: 'not json at all', headers: {} },
      { key, value: bad, headers: {} },
      {
        key,
        value: JSON.stringify(
          alertEvent({
            fingerprint: after,
            state: 'firing',
            occurredAt: minutes(9),
            labels: { alertname: 'Latency', service: `after-${run}`, severity: 'critical' },
          }),
        ),
        headers: {},
      },
    ]);
    await eventually(async () => ((await incidentsOf(after)).length === 1 ? true : undefined), {
      timeoutMs: 20_000,
      intervalMs: 100,
      what: 'the valid event after the malformed ones',
    });
    const sourceOffset = (m: RawMessage): number => Number(m.headers['keel-dlq-source-offset']);
    const parked = await raw.readUntil(contract.dlq, (read) => new Set(read.map(sourceOffset)).size >= 2, 30_000);
    const reasons = [...new Map(parked.map((m) => [sourceOffset(m), m.headers['keel-dlq-reason']?.toString() ?? '']))]
      .sort(([a], [b]) => a - b)
      .map(([, reason]) => reason);
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatch(/^value is not valid JSON/);
    expect(reasons[1]).toMatch(/eventId/);
    expect(await processed(key)).toEqual([]);
  });

  it('adds the mitigation suggestion when the last linked alert resolves, once for a redelivered event', async () => {
    const [id = ''] = await incidentsOf(firstFingerprint);
    const resolved = alertEvent({ fingerprint: firstFingerprint, state: 'resolved', occurredAt: minutes(9), labels });
    await publish(resolved);
    await publish(resolved);
    const marker = `fp-marker2-${run}`;
    await publish(
      alertEvent({ fingerprint: marker, state: 'firing', occurredAt: minutes(9), labels: { severity: 'none' } }),
    );
    await eventually(async () => ((await processed(marker)).length === 1 ? true : undefined), {
      timeoutMs: 20_000,
      intervalMs: 100,
      what: 'the second marker event processed',
    });
    const entries = await timeline(id);
    expect(entries.map((e) => [e.kind, e.occurredAt])).toEqual([
      ['alert', minutes(0)],
      ['alert', minutes(5)],
      ['alert', minutes(7)],
      ['alert', minutes(9)],
      ['note', minutes(9)],
      // Opened by the intake when it applied the first event, after the alert had fired.
      ['status_change', expect.any(String)],
    ]);
    expect(entries[3]?.summary).toMatch(/^Alert HighErrorRate resolved: /);
    expect(entries[4]).toMatchObject({ actor: { id: 'alerting', name: 'keel.alerts.v1' }, key: false });
    expect(entries[4]?.summary).toMatch(/^All 2 linked alerts resolved, .*Suggest marking the incident mitigated\.$/);
  });
  it('opens one incident for a burst of two alerts of one group applied at the same moment', async () => {
    // Two consumer processes of one group each take one of the burst's alerts: the advisory locks on the group key
    // and the service make the second wait and attach instead of opening a second incident.
    const intake = env.app.get(AlertIntakeService);
    const burstService = `burst-${run}`;
    const burstLabels = { alertname: 'ReplicaLag', service: burstService, severity: 'critical' };
    const events = ['fp-burst-1', 'fp-burst-2'].map((fp) =>
      alertEvent({ fingerprint: `${fp}-${run}`, state: 'firing', occurredAt: minutes(1), labels: burstLabels }),
    );
    const outcomes = await Promise.all(events.map((event) => intake.apply(alertsTopic.schema.parse(event))));
    expect(outcomes.map((o) => o.decision.kind).sort()).toEqual(['attach', 'open']);
    const ids = await rows<{ incident_id: string; n: string }>(
      `SELECT incident_id, count(*) AS n FROM incident_alerts WHERE service = $1 GROUP BY incident_id`,
      [burstService],
    );
    expect(ids).toEqual([{ incident_id: outcomes[0]?.incidentId, n: '2' }]);
    expect(outcomes[1]?.incidentId).toBe(outcomes[0]?.incidentId);
  });
});
