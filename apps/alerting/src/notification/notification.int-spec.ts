import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { TokenService, type Identity } from '@keel/auth';
import type { WebhookAlert, WebhookPayload } from '@keel/notification';
import { labelsFingerprint } from '@keel/promql';
import { eventually, graphqlRequest, until } from '@keel/testing';
import type { Client } from 'pg';
import { EvaluationService } from '../evaluation/evaluation.service';
import { startAlertingTestEnv, type AlertingTestEnv } from '../test/alerting-test-env';
import { WebhookReceiver } from '../test/webhook-receiver';

// The notification path on real servers: a metrics service process (rule queries), PostgreSQL (silences,
// notification log, delivery log), Kafka (samples in, alert events out) and real HTTP receivers. Expected
// webhook bodies are written out here from the alerts each test causes, in Alertmanager's webhook v4 format.

const STEP_MS = 15_000;
const GO_ZERO_TIME = '0001-01-01T00:00:00Z';
const EXTERNAL_URL = 'http://alerting.keel.test:4104';
const REPEAT_INTERVAL_MS = 4 * 3_600_000;
const WEBHOOK_FIELDS = [
  'receiver',
  'status',
  'alerts',
  'groupLabels',
  'commonLabels',
  'commonAnnotations',
  'externalURL',
  'version',
  'groupKey',
  'truncatedAlerts',
];
const ALERT_FIELDS = ['status', 'labels', 'annotations', 'startsAt', 'endsAt', 'generatorURL', 'fingerprint'];

const RULES = `groups:
  - name: notification-int
    rules:
      - alert: NotifyProbe
        expr: keel_notify_probe > 0
        for: 0s
        labels:
          scenario: payload
          severity: page
        annotations:
          summary: 'probe on {{ $labels.service }} is {{ $value }}'
          runbook_url: https://runbooks.keel.test/notify-probe
`;

/** Receiver name → path on the test's webhook server. */
const HOOKS: Record<string, string> = {
  'team.payload': '/payload',
  'malformed-hook': '/malformed',
  'silence-hook': '/silence',
  'inhibit-hook': '/inhibit',
  'flaky-hook': '/flaky',
  'healthy-hook': '/healthy',
};

/** Alertmanager's configuration: one route per scenario, each to its own webhook path on the test receiver. */
function alertmanagerConfig(receiverUrl: (path: string) => string): string {
  const receivers = Object.entries(HOOKS)
    .map(([name, path]) => `  - name: ${name}\n    webhook_configs:\n      - url: ${receiverUrl(path)}\n`)
    .join('');
  return `global:
  resolve_timeout: 5m
route:
  receiver: fallback
  group_by: [alertname, service]
  group_wait: 0s
  group_interval: 1s
  repeat_interval: 4h
  routes:
    - receiver: team.payload
      matchers: ['scenario="payload"']
    - receiver: malformed-hook
      matchers: ['scenario="malformed"']
    - receiver: silence-hook
      matchers: ['scenario="silence"']
    - receiver: inhibit-hook
      matchers: ['scenario="inhibit"']
    - receiver: flaky-hook
      matchers: ['scenario="retry"']
      continue: true
    - receiver: healthy-hook
      matchers: ['scenario="retry"']
receivers:
  - name: fallback
${receivers}
inhibit_rules:
  - source_matchers: ['severity="critical"']
    target_matchers: ['severity="warning"']
    equal: [alertname, service]
`;
}

/** Go's time.Time JSON form of a UTC millisecond time: RFC 3339, fraction without trailing zeros. */
function goTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.?0+Z$/, 'Z');
}

/** An alert as Alertmanager's webhook carries it; firing alerts have Go's zero end time. */
function webhookAlert(
  labels: Record<string, string>,
  annotations: Record<string, string>,
  startsAtMs: number,
  generatorURL: string,
  resolvedAtMs?: number,
): WebhookAlert {
  return {
    status: resolvedAtMs === undefined ? 'firing' : 'resolved',
    labels,
    annotations,
    startsAt: goTime(startsAtMs),
    endsAt: resolvedAtMs === undefined ? GO_ZERO_TIME : goTime(resolvedAtMs),
    generatorURL,
    fingerprint: labelsFingerprint(labels),
  };
}

/** Go's encoding/json writes struct fields in declaration order and map keys sorted. */
function expectGoFieldOrder(body: WebhookPayload): void {
  expect(Object.keys(body)).toEqual(WEBHOOK_FIELDS);
  for (const alert of body.alerts) {
    expect(Object.keys(alert)).toEqual(ALERT_FIELDS);
    expect(Object.keys(alert.labels)).toEqual(Object.keys(alert.labels).sort());
    expect(alert.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  }
}

/** Resolves true when `promise` settles first, false after `ms`; the timer never outlives the race. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface DeliveryRecord {
  group_key: string;
  receiver: string;
  integration: string;
  status: string;
  attempts: number;
  firing_count: number;
  resolved_count: number;
  error: string | null;
}

interface LogRecord {
  group_key: string;
  receiver: string;
  firing_alerts: string[];
  resolved_alerts: string[];
  sent_at: Date;
  expires_at: Date;
}

describe('notification path (Alertmanager semantics on PostgreSQL, Kafka and real webhooks)', () => {
  const receiver = new WebhookReceiver<WebhookPayload>();
  const service = 'checkout';
  const t0 = Math.floor(Date.now() / STEP_MS) * STEP_MS;
  const responder: Identity = { type: 'user', id: 'u-rita', name: 'rita', roles: ['responder'], scopes: [] };
  const prometheusKey = (scopes: string[]): Identity => ({
    type: 'api_key',
    id: 'k-prometheus-eu',
    name: 'prometheus-eu',
    roles: ['viewer'],
    scopes,
  });
  let dir: string;
  let env: AlertingTestEnv;
  let app: INestApplication;
  let baseUrl: string;
  let tokens: TokenService;
  let db: Client;

  async function postAlerts(body: unknown, who: Identity | null = prometheusKey(['alerts:write'])) {
    const response = await fetch(`${baseUrl}/api/v2/alerts`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(who ? { authorization: `Bearer ${tokens.issueAccessToken(who).token}` } : {}),
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  async function deliveries(receiverName: string): Promise<DeliveryRecord[]> {
    const result = await db.query<DeliveryRecord>(
      `SELECT group_key, receiver, integration, status, attempts, firing_count, resolved_count, error
         FROM notification_deliveries WHERE receiver = $1 ORDER BY id`,
      [receiverName],
    );
    return result.rows;
  }

  async function logEntry(receiverKey: string): Promise<LogRecord | undefined> {
    const result = await db.query<LogRecord>(
      `SELECT group_key, receiver, firing_alerts, resolved_alerts, sent_at, expires_at
         FROM notification_log WHERE receiver = $1`,
      [receiverKey],
    );
    return result.rows[0];
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keel-notification-int-'));
    await receiver.start();
    const rulesFile = join(dir, 'notification-probe.yml');
    writeFileSync(rulesFile, RULES);
    const configFile = join(dir, 'alertmanager.yml');
    writeFileSync(
      configFile,
      alertmanagerConfig((path) => receiver.url(path)),
    );

    env = await startAlertingTestEnv([rulesFile]);
    const samples = [];
    for (let t = t0 - 4 * STEP_MS; t <= t0; t += STEP_MS) {
      samples.push({ name: 'keel_notify_probe', labels: { service }, value: 3, timestampMs: t });
    }
    await env.publisher.publish(samples);
    await env.publisher.flush();
    await env.waitForData(`keel_notify_probe{service="${service}"}`, t0);

    app = await env.startAlerting({
      ALERTING_NOTIFICATION_CONFIG: configFile,
      ALERTING_NOTIFY_MAX_ATTEMPTS: '2',
      ALERTING_NOTIFY_TIMEOUT_MS: '15000',
      ALERTING_EXTERNAL_URL: EXTERNAL_URL,
      ALERTING_EXTERNAL_LABELS: 'cluster=int-test',
    });
    baseUrl = await env.urlOf(app);
    tokens = app.get(TokenService);
    db = await env.database();
  }, 120_000);

  afterAll(async () => {
    await env?.stop();
    await receiver.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("sends a rule's alert to the webhook as Alertmanager's version 4 payload, field by field", async () => {
    await app.get(EvaluationService).evaluateAll(t0);

    const groupKey = `{}/{scenario="payload"}:{alertname="NotifyProbe", service="${service}"}`;
    const [body] = await eventually(
      () => {
        const bodies = receiver.bodies('/payload', groupKey);
        return bodies.length > 0 ? bodies : undefined;
      },
      { timeoutMs: 20_000, what: 'the NotifyProbe notification' },
    );
    // External labels are added to the alerts a rule sends (Prometheus' external_labels); __name__ is dropped.
    const labels = { alertname: 'NotifyProbe', cluster: 'int-test', scenario: 'payload', service, severity: 'page' };
    const annotations = {
      runbook_url: 'https://runbooks.keel.test/notify-probe',
      summary: `probe on ${service} is 3`,
    };
    expect(body).toEqual({
      // Alertmanager passes the receiver name through regexp.QuoteMeta.
      receiver: 'team\\.payload',
      status: 'firing',
      alerts: [
        webhookAlert(
          labels,
          annotations,
          t0,
          // Prometheus' generator link: <external URL>/graph?g0.expr=<url.QueryEscape(expr)>&g0.tab=1
          `${EXTERNAL_URL}/graph?g0.expr=keel_notify_probe+%3E+0&g0.tab=1`,
        ),
      ],
      groupLabels: { alertname: 'NotifyProbe', service },
      commonLabels: labels,
      commonAnnotations: annotations,
      externalURL: EXTERNAL_URL,
      version: '4',
      groupKey,
      truncatedAlerts: 0,
    });
    expectGoFieldOrder(body);
    expect(receiver.requests('/payload').find((r) => r.body.groupKey === groupKey)).toMatchObject({
      method: 'POST',
      contentType: 'application/json',
    });

    const rows = await eventually(
      async () => {
        const found = (await deliveries('team.payload')).filter((r) => r.group_key === groupKey);
        return found.length > 0 ? found : undefined;
      },
      { timeoutMs: 20_000, what: 'the delivery log row' },
    );
    expect(rows).toEqual([
      {
        group_key: groupKey,
        receiver: 'team.payload',
        integration: 'webhook/0',
        status: 'sent',
        attempts: 1,
        firing_count: 1,
        resolved_count: 0,
        error: null,
      },
    ]);
  });

  it('notifies alerts posted to POST /api/v2/alerts by an API key with alerts:write, in the same format', async () => {
    // Milliseconds .250: Go prints the fraction without its trailing zero.
    const startsAtMs = Math.floor(Date.now() / 1000) * 1000 - 60_000 + 250;
    const alerts = ['b-2', 'b-1'].map((instance, i) => ({
      // An empty label value means "no such label" to Alertmanager.
      labels: { alertname: 'PostedProbe', service: 'billing', scenario: 'payload', job: 'billing', instance, team: '' },
      annotations: { summary: 'billing is slow', description: `p99 at ${2.5 + i}s on ${instance}` },
      startsAt: new Date(startsAtMs).toISOString(),
      generatorURL: 'http://prometheus-eu:9090/graph?g0.expr=up',
    }));

    expect((await postAlerts(alerts, null)).status).toBe(401);
    expect(await postAlerts(alerts, prometheusKey(['metrics:read']))).toEqual({
      status: 403,
      body: {
        status: 'error',
        errorType: 'forbidden',
        error: 'posting alerts needs an API key with scope alerts:write or a responder',
      },
    });
    expect(await postAlerts(alerts)).toEqual({ status: 200, body: '' });

    const groupKey = '{}/{scenario="payload"}:{alertname="PostedProbe", service="billing"}';
    const [body] = await eventually(
      () => {
        const bodies = receiver.bodies('/payload', groupKey);
        return bodies.length > 0 ? bodies : undefined;
      },
      { timeoutMs: 20_000, what: 'the PostedProbe notification' },
    );
    const labelsOf = (instance: string) => ({
      alertname: 'PostedProbe',
      instance,
      job: 'billing',
      scenario: 'payload',
      service: 'billing',
    });
    expect(body).toEqual({
      receiver: 'team\\.payload',
      status: 'firing',
      // Sorted as Alertmanager sorts them: by job, then instance.
      alerts: [
        webhookAlert(labelsOf('b-1'), alerts[1].annotations, startsAtMs, alerts[1].generatorURL),
        webhookAlert(labelsOf('b-2'), alerts[0].annotations, startsAtMs, alerts[0].generatorURL),
      ],
      groupLabels: { alertname: 'PostedProbe', service: 'billing' },
      commonLabels: { alertname: 'PostedProbe', job: 'billing', scenario: 'payload', service: 'billing' },
      commonAnnotations: { summary: 'billing is slow' },
      externalURL: EXTERNAL_URL,
      version: '4',
      groupKey,
      truncatedAlerts: 0,
    });
    // Posted alerts are not rule alerts: no external labels, and the sender's own times and links.
    expect(body.alerts.map((a) => a.startsAt)).toEqual([goTime(startsAtMs), goTime(startsAtMs)]);
    expect(body.alerts[0].startsAt).toMatch(/:\d\d\.25Z$/);
    expectGoFieldOrder(body);
  });

  it("answers a malformed POST /api/v2/alerts with 400 and Alertmanager's message, and delivers none of it", async () => {
    const base = { alertname: 'MalformedProbe', scenario: 'malformed', service: 'api' };
    expect(await postAlerts({ labels: base })).toEqual({
      status: 400,
      body: 'body in body must be of type array: "object"',
    });
    const now = Date.now();
    expect(
      await postAlerts([
        { labels: { ...base, 'bad-name': 'x' } },
        {
          labels: { ...base, instance: 'backwards' },
          startsAt: new Date(now).toISOString(),
          endsAt: new Date(now - 60_000).toISOString(),
        },
      ]),
    ).toEqual({
      status: 400,
      body: 'invalid label set: invalid name "bad-name"; start time must be before end time',
    });

    // A valid alert of the same group: had either refused alert been stored, it would be notified with it.
    const valid = { labels: { ...base, instance: 'ok' } };
    expect(await postAlerts([valid])).toEqual({ status: 200, body: '' });
    await until(() => receiver.requests('/malformed').length > 0, {
      timeoutMs: 20_000,
      what: 'the MalformedProbe notification',
    });
    expect(receiver.bodies('/malformed').map((b) => b.alerts.map((a) => a.labels))).toEqual([[valid.labels]]);
  });

  it('keeps a silenced alert from its receiver while its group peer is delivered, until the silence expires', async () => {
    const created = await graphqlRequest<{
      createSilence: { id: string; state: string; createdBy: string; matchers: Array<{ text: string }> };
    }>(
      baseUrl,
      `mutation ($input: CreateSilenceInput!) {
        createSilence(input: $input) { id state createdBy matchers { text } }
      }`,
      {
        token: tokens.issueAccessToken(responder).token,
        variables: {
          input: {
            matchers: ['alertname="SilenceProbe"', 'instance="a"'],
            endsAt: new Date(Date.now() + 3_600_000).toISOString(),
            comment: 'replacing host a',
          },
        },
      },
    );
    expect(created.errors).toBeUndefined();
    const silence = created.data?.createSilence;
    expect(silence).toMatchObject({
      state: 'ACTIVE',
      createdBy: 'rita',
      matchers: [{ text: 'alertname="SilenceProbe"' }, { text: 'instance="a"' }],
    });

    const labelsOf = (instance: string) => ({
      alertname: 'SilenceProbe',
      instance,
      scenario: 'silence',
      service: 'api',
    });
    expect(await postAlerts([{ labels: labelsOf('a') }, { labels: labelsOf('b') }])).toEqual({ status: 200, body: '' });

    const instances = () => receiver.bodies('/silence').map((b) => b.alerts.map((a) => a.labels['instance']));
    await until(() => instances().length > 0, { timeoutMs: 20_000, what: 'the unsilenced peer' });
    // Both alerts are in one aggregation group and flushed together: only the unsilenced one went out.
    expect(instances()).toEqual([['b']]);
    // A later flush of the group, caused by a new peer, still leaves the silenced alert out.
    expect(await postAlerts([{ labels: labelsOf('c') }])).toEqual({ status: 200, body: '' });
    await until(() => instances().length > 1, { timeoutMs: 20_000, what: 'the new peer' });
    expect(instances()).toEqual([['b'], ['b', 'c']]);

    const expired = await graphqlRequest<{ expireSilence: { id: string; state: string } }>(
      baseUrl,
      `mutation ($id: ID!) { expireSilence(id: $id) { id state } }`,
      { token: tokens.issueAccessToken(responder).token, variables: { id: silence?.id } },
    );
    expect(expired.errors).toBeUndefined();
    expect(expired.data?.expireSilence).toEqual({ id: silence?.id, state: 'EXPIRED' });

    // The next flush finds a firing alert the log has not seen: the group goes out again, with both.
    await until(() => instances().length > 2, {
      timeoutMs: 20_000,
      what: 'the notification after the silence expired',
    });
    expect(instances()).toEqual([['b'], ['b', 'c'], ['a', 'b', 'c']]);
    const [, , third] = receiver.bodies('/silence');
    expect(third.alerts.map((a) => a.fingerprint)).toEqual(['a', 'b', 'c'].map((i) => labelsFingerprint(labelsOf(i))));
  });

  it('inhibits a warning while a critical alert of the same alertname and service fires, not one of another service', async () => {
    const labelsOf = (service: string, severity: string) => ({
      alertname: 'InhibitProbe',
      scenario: 'inhibit',
      service,
      severity,
    });
    const startsAtMs = Math.floor(Date.now() / 1000) * 1000 - 30_000;
    const startsAt = new Date(startsAtMs).toISOString();
    expect(
      await postAlerts([
        { labels: labelsOf('api', 'critical'), startsAt },
        { labels: labelsOf('api', 'warning'), startsAt },
        { labels: labelsOf('web', 'warning'), startsAt },
      ]),
    ).toEqual({ status: 200, body: '' });

    const apiKey = '{}/{scenario="inhibit"}:{alertname="InhibitProbe", service="api"}';
    const webKey = '{}/{scenario="inhibit"}:{alertname="InhibitProbe", service="web"}';
    await until(
      () => receiver.bodies('/inhibit', apiKey).length > 0 && receiver.bodies('/inhibit', webKey).length > 0,
      { timeoutMs: 20_000, what: 'both inhibit groups' },
    );
    // The critical and the warning of api were flushed together; the warning was muted.
    expect(receiver.bodies('/inhibit', apiKey).map((b) => b.alerts)).toEqual([
      [webhookAlert(labelsOf('api', 'critical'), {}, startsAtMs, '')],
    ]);
    expect(receiver.bodies('/inhibit', webKey).map((b) => b.alerts)).toEqual([
      [webhookAlert(labelsOf('web', 'warning'), {}, startsAtMs, '')],
    ]);

    // Once the critical alert resolves, the warning is no longer muted and goes out with the resolution.
    const resolvedAtMs = Date.now();
    expect(
      await postAlerts([
        { labels: labelsOf('api', 'critical'), startsAt, endsAt: new Date(resolvedAtMs).toISOString() },
      ]),
    ).toEqual({ status: 200, body: '' });
    const bodies = await eventually(
      () => {
        const all = receiver.bodies('/inhibit', apiKey);
        return all.length > 1 ? all : undefined;
      },
      { timeoutMs: 20_000, what: 'the warning after the critical alert resolved' },
    );
    expect(bodies[1]).toEqual({
      receiver: 'inhibit-hook',
      status: 'firing',
      alerts: [
        webhookAlert(labelsOf('api', 'critical'), {}, startsAtMs, '', resolvedAtMs),
        webhookAlert(labelsOf('api', 'warning'), {}, startsAtMs, ''),
      ],
      groupLabels: { alertname: 'InhibitProbe', service: 'api' },
      commonLabels: { alertname: 'InhibitProbe', scenario: 'inhibit', service: 'api' },
      commonAnnotations: {},
      externalURL: EXTERNAL_URL,
      version: '4',
      groupKey: apiKey,
      truncatedAlerts: 0,
    });
    expectGoFieldOrder(bodies[1]);
  });

  it('retries a receiver answering 503, logs every delivery and only the successful flush, and does not hold up a healthy one', async () => {
    // Each receiver's first request is answered only once the other one's has arrived as well: both succeed
    // in doing so only if the two deliveries are in flight at the same time, whichever starts first.
    let flakyReached!: () => void;
    const flakyArrived = new Promise<void>((resolve) => {
      flakyReached = resolve;
    });
    let healthyReached!: () => void;
    const healthyArrived = new Promise<void>((resolve) => {
      healthyReached = resolve;
    });
    let releaseSuccess!: () => void;
    const success = new Promise<void>((resolve) => {
      releaseSuccess = resolve;
    });
    let healthySawFlakyInFlight: boolean | undefined;
    let flakySawHealthyInFlight: boolean | undefined;
    receiver.answer('/healthy', async () => {
      healthyReached();
      healthySawFlakyInFlight = await settlesWithin(flakyArrived, 10_000);
      return { status: 200 };
    });
    receiver.answer('/flaky', async (attempt) => {
      if (attempt === 1) {
        flakyReached();
        flakySawHealthyInFlight = await settlesWithin(healthyArrived, 10_000);
      }
      if (attempt <= 3) return { status: 503, body: 'receiver overloaded' };
      // The successful attempt is held until the test has looked at the notification log.
      await success;
      return { status: 200 };
    });

    const labels = { alertname: 'RetryProbe', scenario: 'retry', service: 'api' };
    const startsAtMs = Math.floor(Date.now() / 1000) * 1000 - 10_000;
    expect(await postAlerts([{ labels, startsAt: new Date(startsAtMs).toISOString() }])).toEqual({
      status: 200,
      body: '',
    });
    // Both routes have the same matchers, so the same route key and group key (as in Alertmanager).
    const groupKey = '{}/{scenario="retry"}:{alertname="RetryProbe", service="api"}';
    const fingerprint = labelsFingerprint(labels);

    // First flush: two attempts (ALERTING_NOTIFY_MAX_ATTEMPTS), both 503, logged as failed. The next flush
    // tries again: a third 503, then the fourth attempt, which the receiver holds.
    const failed = await eventually(
      async () => {
        const rows = await deliveries('flaky-hook');
        return rows.length > 0 ? rows : undefined;
      },
      { timeoutMs: 20_000, what: 'the failed delivery' },
    );
    await until(() => receiver.requests('/flaky').length >= 4, { timeoutMs: 20_000, what: 'the fourth attempt' });
    expect({ healthySawFlakyInFlight, flakySawHealthyInFlight }).toEqual({
      healthySawFlakyInFlight: true,
      flakySawHealthyInFlight: true,
    });
    expect(failed).toEqual([
      {
        group_key: groupKey,
        receiver: 'flaky-hook',
        integration: 'webhook/0',
        status: 'failed',
        attempts: 2,
        firing_count: 1,
        resolved_count: 0,
        // The webhook URL is a secret: only scheme, host and port are shown.
        error: `gave up after 2 attempts: POST ${receiver.origin}/<redacted>: HTTP 503: receiver overloaded`,
      },
    ]);
    // Nothing was sent successfully yet: the notification log has the healthy receiver only.
    expect(await logEntry('flaky-hook/webhook/0')).toBeUndefined();
    const healthyLog = await eventually(() => logEntry('healthy-hook/webhook/0'), {
      timeoutMs: 20_000,
      what: "the healthy receiver's log entry",
    });
    expect(healthyLog).toMatchObject({ group_key: groupKey, firing_alerts: [fingerprint], resolved_alerts: [] });

    releaseSuccess();
    const rows = await eventually(
      async () => {
        const all = await deliveries('flaky-hook');
        return all.length > 1 ? all : undefined;
      },
      { timeoutMs: 20_000, what: 'the successful delivery' },
    );
    expect(rows[1]).toEqual({
      group_key: groupKey,
      receiver: 'flaky-hook',
      integration: 'webhook/0',
      status: 'sent',
      attempts: 2,
      firing_count: 1,
      resolved_count: 0,
      error: null,
    });
    const flakyLog = await eventually(() => logEntry('flaky-hook/webhook/0'), {
      timeoutMs: 20_000,
      what: 'the notification log entry',
    });
    expect(flakyLog).toMatchObject({ group_key: groupKey, firing_alerts: [fingerprint], resolved_alerts: [] });
    // Alertmanager keeps a log entry for twice the repeat interval.
    expect(flakyLog.expires_at.getTime() - flakyLog.sent_at.getTime()).toBe(2 * REPEAT_INTERVAL_MS);

    // Every attempt the receiver saw is accounted for in the delivery log, and each carried the same payload.
    const flakyRequests = receiver.requests('/flaky');
    expect(flakyRequests).toHaveLength(rows.reduce((sum, r) => sum + r.attempts, 0));
    const expected = {
      receiver: 'flaky-hook',
      status: 'firing',
      alerts: [webhookAlert(labels, {}, startsAtMs, '')],
      groupLabels: { alertname: 'RetryProbe', service: 'api' },
      commonLabels: labels,
      commonAnnotations: {},
      externalURL: EXTERNAL_URL,
      version: '4',
      groupKey,
      truncatedAlerts: 0,
    };
    for (const request of flakyRequests) expect(request.body).toEqual(expected);

    expect(receiver.bodies('/healthy')).toEqual([{ ...expected, receiver: 'healthy-hook' }]);
    expect(await deliveries('healthy-hook')).toEqual([
      {
        group_key: groupKey,
        receiver: 'healthy-hook',
        integration: 'webhook/0',
        status: 'sent',
        attempts: 1,
        firing_count: 1,
        resolved_count: 0,
        error: null,
      },
    ]);
  });
});
