import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { alertFingerprint, AlertStore } from '../alerts/alert';
import { FakeClock } from '../dispatch/clock';
import { Dispatcher } from '../dispatch/dispatcher';
import { InMemoryNotificationLog } from '../dispatch/notification-log';
import type { Notification, NotificationAlert } from '../dispatch/notification.types';
import { config } from '../testing/factories';
import { encodeGoJSON } from './go-json';
import { buildWebhookPayload, encodeWebhookPayload } from './webhook';

const EXTERNAL_URL = 'http://alertmanager.keel.dev:9093';
const golden = (name: string): string => readFileSync(join(__dirname, '..', '__golden__', name), 'utf8');
// Compact JSON of the golden file keeps its key order, so comparing strings checks order as well as values.
const expected = (name: string): string => JSON.stringify(JSON.parse(golden(name)));

const at = (iso: string): number => Date.parse(iso);
const notificationAlert = (
  labels: Record<string, string>,
  rest: Omit<NotificationAlert, 'labels' | 'fingerprint'>,
): NotificationAlert => ({ labels, fingerprint: alertFingerprint({ labels }), ...rest });

const diskFull = (instance: string, endsAt: number | null, startsAt: string): NotificationAlert =>
  notificationAlert(
    // Keys deliberately unsorted: the payload sorts them like Go's map encoding.
    { job: 'node', instance, alertname: 'DiskFull' },
    {
      status: endsAt === null ? 'firing' : 'resolved',
      annotations: {},
      startsAt: at(startsAt),
      endsAt,
      generatorURL: '',
    },
  );

describe('buildWebhookPayload (version 4)', () => {
  it('matches the golden payload for a notification produced by the dispatcher', async () => {
    const clock = new FakeClock(at('2026-11-26T15:02:00Z'));
    const store = new AlertStore();
    const sent: Notification[] = [];
    const dispatcher = new Dispatcher({
      config: config(
        'route:',
        '  receiver: default',
        '  routes: [{ matchers: [team="ops"], receiver: team.ops, group_by: [alertname] }]',
        'receivers:',
        '  - name: default',
        '  - name: team.ops',
        '    webhook_configs: [{ url: "http://hooks.keel.dev/ops" }]',
      ),
      store,
      clock,
      notificationLog: new InMemoryNotificationLog(),
      notify: async (n) => {
        sent.push(n);
      },
    });
    dispatcher.start();
    const common = { severity: 'critical', team: 'ops', job: 'api', alertname: 'HighLatency' };
    const generatorURL = 'http://prometheus:9090/graph?g0.expr=latency';
    const summary = 'p99 > 1s <b>api</b>';
    const now = clock.now();
    store.put(
      [
        {
          labels: { ...common, instance: 'api-2:9090' },
          annotations: { summary },
          startsAt: now + 123,
          endsAt: now + 300_000,
          generatorURL,
          updatedAt: now,
          timeout: true,
        },
        {
          labels: { ...common, instance: 'api-1:9090' },
          annotations: { summary, runbook: 'https://runbooks.keel.dev/latency?a=1&b=2' },
          startsAt: now,
          endsAt: now + 300_000,
          generatorURL,
          updatedAt: now,
          timeout: true,
        },
      ],
      now,
    );
    await clock.advance(30_000);
    dispatcher.stop();
    expect(sent).toHaveLength(1);
    const payload = buildWebhookPayload(sent[0], { externalURL: EXTERNAL_URL });
    expect(JSON.stringify(payload)).toBe(expected('webhook-firing.json'));
  });

  it('matches the golden payload with a resolved alert and truncated alerts', () => {
    const payload = buildWebhookPayload(
      {
        receiver: 'hook',
        groupKey: '{}:{}',
        groupLabels: {},
        alerts: [
          diskFull('db-1', at('2026-11-26T15:10:00.500Z'), '2026-11-26T14:00:00Z'),
          diskFull('db-2', null, '2026-11-26T14:30:00Z'),
        ],
        truncatedAlerts: 3,
      },
      { externalURL: EXTERNAL_URL },
    );
    expect(JSON.stringify(payload)).toBe(expected('webhook-resolved-truncated.json'));
  });

  it('matches the golden payload when every alert is resolved', () => {
    const payload = buildWebhookPayload(
      {
        receiver: 'hook',
        groupKey: '{}:{job="node"}',
        groupLabels: { job: 'node' },
        alerts: [diskFull('db-1', at('2026-11-26T15:10:00.5Z'), '2026-11-26T14:00:00Z')],
        truncatedAlerts: 0,
      },
      { externalURL: EXTERNAL_URL },
    );
    expect(JSON.stringify(payload)).toBe(expected('webhook-resolved.json'));
  });

  it('encodes the body like Go (HTML-safe escapes, trailing newline)', () => {
    const payload = JSON.parse(golden('webhook-firing.json')) as Parameters<typeof encodeWebhookPayload>[0];
    const body = encodeWebhookPayload(payload);
    expect(body.endsWith('}\n')).toBe(true);
    expect(body).toContain('"summary":"p99 \\u003e 1s \\u003cb\\u003eapi\\u003c/b\\u003e"');
    expect(body).toContain('latency?a=1\\u0026b=2');
    expect(body).toContain('"groupKey":"{}/{team=\\"ops\\"}:{alertname=\\"HighLatency\\"}"');
    expect(JSON.parse(body)).toEqual(payload);
  });
});

describe('encodeGoJSON', () => {
  it('escapes what Go escapes and nothing else', () => {
    expect(encodeGoJSON({ s: '<a & b> \u2028\u2029 é "q" \n' })).toBe(
      '{"s":"\\u003ca \\u0026 b\\u003e \\u2028\\u2029 é \\"q\\" \\n"}\n',
    );
  });
});
