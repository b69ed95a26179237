import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { TokenService, type Identity } from '@keel/auth';
import { eventually } from '@keel/testing';
import type { Client } from 'pg';
import { EvaluationService } from '../evaluation/evaluation.service';
import { startAlertingTestEnv, type AlertingTestEnv } from '../test/alerting-test-env';
import { NEVER_ANSWER, WebhookReceiver } from '../test/webhook-receiver';

// What the alerting service puts on the wire for webhook and Slack receivers, on real servers (a metrics service
// process, PostgreSQL, Kafka, HTTP receivers on 127.0.0.1): the exact bytes Alertmanager posts (Go's JSON
// encoding), each integration's own `timeout`, and the external URL given with a trailing slash.

// Given with a trailing slash; Prometheus and Alertmanager drop it.
const EXTERNAL_URL_WITH_SLASH = 'http://alerting.keel.test:4104/keel/';
const EXTERNAL_URL = 'http://alerting.keel.test:4104/keel';
const DEFAULT_TIMEOUT_MS = 1500;

// A value with the three characters Go's encoding/json escapes in HTML-safe mode.
const HTML_CHARS = '<payments> & refunds';
const GO_ESCAPED = '\\u003cpayments\\u003e \\u0026 refunds';

const RULES = `groups:
  - name: wire-format
    rules:
      - alert: WireFormat
        expr: vector(1)
        labels:
          scenario: raw
          team: '${HTML_CHARS}'
        annotations:
          summary: 'queue ${HTML_CHARS}'
`;

function alertmanagerConfig(url: (path: string) => string): string {
  return `route:
  receiver: fallback
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1h
  repeat_interval: 4h
  routes:
    - receiver: raw-webhook
      matchers: ['scenario="raw"']
      continue: true
    - receiver: raw-slack
      matchers: ['scenario="raw"']
    - receiver: webhook-timeout
      matchers: ['scenario="webhook-timeout"']
    - receiver: slack-timeout
      matchers: ['scenario="slack-timeout"']
    - receiver: default-timeout
      matchers: ['scenario="default-timeout"']
receivers:
  - name: fallback
  - name: raw-webhook
    webhook_configs:
      - url: ${url('/raw/webhook')}
  - name: raw-slack
    slack_configs:
      - api_url: ${url('/raw/slack')}
  - name: webhook-timeout
    webhook_configs:
      - url: ${url('/hang/webhook')}
        timeout: 300ms
  - name: slack-timeout
    slack_configs:
      - api_url: ${url('/hang/slack')}
        timeout: 400ms
  - name: default-timeout
    webhook_configs:
      - url: ${url('/hang/default')}
`;
}

interface DeliveryRow {
  receiver: string;
  integration: string;
  status: string;
  attempts: number;
  error: string | null;
}

describe('webhook and Slack deliveries on the wire (metrics service, PostgreSQL, Kafka, HTTP receivers)', () => {
  const receiver = new WebhookReceiver();
  const prometheus: Identity = {
    type: 'api_key',
    id: 'k-prom',
    name: 'prom',
    roles: ['viewer'],
    scopes: ['alerts:write'],
  };
  let dir: string;
  let env: AlertingTestEnv;
  let app: INestApplication;
  let baseUrl: string;
  let tokens: TokenService;
  let db: Client;

  async function postAlert(labels: Record<string, string>): Promise<void> {
    const response = await fetch(`${baseUrl}/api/v2/alerts`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens.issueAccessToken(prometheus).token}`,
      },
      body: JSON.stringify([{ labels, annotations: { summary: 'probe' } }]),
    });
    expect(response.status).toBe(200);
  }

  async function firstDelivery(receiverName: string): Promise<DeliveryRow> {
    return eventually(
      async () =>
        (
          await db.query<DeliveryRow>(
            `SELECT receiver, integration, status, attempts, error
               FROM notification_deliveries WHERE receiver = $1 ORDER BY id LIMIT 1`,
            [receiverName],
          )
        ).rows[0],
      { timeoutMs: 20_000, intervalMs: 100, what: `a delivery to ${receiverName}` },
    );
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keel-webhook-delivery-int-'));
    await receiver.start();
    for (const path of ['/hang/webhook', '/hang/slack', '/hang/default']) receiver.answer(path, NEVER_ANSWER);
    const rulesFile = join(dir, 'wire-format.yml');
    writeFileSync(rulesFile, RULES);
    const configFile = join(dir, 'alertmanager.yml');
    writeFileSync(
      configFile,
      alertmanagerConfig((path) => receiver.url(path)),
    );
    env = await startAlertingTestEnv([rulesFile]);
    app = await env.startAlerting({
      ALERTING_NOTIFICATION_CONFIG: configFile,
      ALERTING_NOTIFY_MAX_ATTEMPTS: '1',
      ALERTING_NOTIFY_TIMEOUT_MS: String(DEFAULT_TIMEOUT_MS),
      ALERTING_EXTERNAL_URL: EXTERNAL_URL_WITH_SLASH,
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

  it("posts the webhook body byte for byte as Alertmanager does: Go's escaping, a trailing newline", async () => {
    await app.get(EvaluationService).evaluateAll(Date.now());
    const [raw] = await eventually(
      () => (receiver.texts('/raw/webhook').length > 0 ? receiver.texts('/raw/webhook') : undefined),
      {
        timeoutMs: 20_000,
        what: 'the WireFormat webhook notification',
      },
    );

    expect(raw.endsWith('}\n')).toBe(true);
    expect(raw).not.toMatch(/[<>&]/);
    expect(raw).toContain(`"annotations":{"summary":"queue ${GO_ESCAPED}"}`);
    expect(raw).toContain(`"team":"${GO_ESCAPED}"`);
    // The external URL without its trailing slash, in generatorURL as in externalURL (no "//graph").
    expect(raw).toContain(`"generatorURL":"${EXTERNAL_URL}/graph?g0.expr=vector%281%29\\u0026g0.tab=1"`);
    expect(raw).toContain(`"externalURL":"${EXTERNAL_URL}"`);
    expect(JSON.parse(raw)).toMatchObject({
      receiver: 'raw-webhook',
      status: 'firing',
      alerts: [
        {
          labels: { alertname: 'WireFormat', scenario: 'raw', team: HTML_CHARS },
          annotations: { summary: `queue ${HTML_CHARS}` },
          generatorURL: `${EXTERNAL_URL}/graph?g0.expr=vector%281%29&g0.tab=1`,
        },
      ],
      externalURL: EXTERNAL_URL,
      version: '4',
    });
  });

  it('posts the Slack body the same way', async () => {
    const [raw] = await eventually(
      () => (receiver.texts('/raw/slack').length > 0 ? receiver.texts('/raw/slack') : undefined),
      {
        timeoutMs: 20_000,
        what: 'the WireFormat Slack notification',
      },
    );
    expect(raw.endsWith('}\n')).toBe(true);
    expect(raw).not.toMatch(/[<>&]/);
    expect(raw).toContain(GO_ESCAPED);
    const body = JSON.parse(raw) as { attachments: Array<{ title: string; title_link: string }> };
    expect(body.attachments[0].title).toContain(HTML_CHARS);
    expect(body.attachments[0].title_link.startsWith(`${EXTERNAL_URL}/#/alerts?receiver=`)).toBe(true);
  });

  it.each([
    ['webhook-timeout', 'webhook', 300],
    ['slack-timeout', 'slack', 400],
    ['default-timeout', 'webhook', DEFAULT_TIMEOUT_MS],
  ])('gives up on %s after its own timeout (else ALERTING_NOTIFY_TIMEOUT_MS)', async (scenario, integration, ms) => {
    await postAlert({ alertname: `Hang-${scenario}`, scenario });
    const delivery = await firstDelivery(scenario);
    expect(delivery).toMatchObject({ integration: `${integration}/0`, status: 'failed', attempts: 1 });
    expect(delivery.error).toMatch(
      new RegExp(`^gave up after 1 attempt: POST http://127\\.0\\.0\\.1:\\d+/<redacted>: timed out after ${ms} ms$`),
    );
    expect(receiver.texts(`/hang/${scenario === 'default-timeout' ? 'default' : integration}`).length).toBeGreaterThan(
      0,
    );
  });
});
