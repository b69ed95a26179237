import { alertFingerprint, AlertStore, type Alert } from '../alerts/alert';
import { parseMatchers } from '../matchers/matcher';
import type { Silence } from '../silences/silence';
import { alert, config, T0 } from '../testing/factories';
import { FakeClock } from './clock';
import { Dispatcher, type DispatchFailure } from './dispatcher';
import { InMemoryNotificationLog, type NotificationLog } from './notification-log';
import type { Notification } from './notification.types';

const S = 1000;
const MIN = 60 * S;

const RECEIVERS = [
  'receivers:',
  '  - name: hook',
  '    webhook_configs: [{ url: "http://hook.test/a" }]',
  '  - name: chat',
  '    slack_configs: [{ api_url: "https://slack.test/x" }]',
  '  - name: both',
  '    webhook_configs: [{ url: "http://hook.test/b", max_alerts: 2 }]',
  '    slack_configs: [{ api_url: "https://slack.test/y", send_resolved: true }]',
];

function setup(routeLines: string[], extra: string[] = [], log: NotificationLog = new InMemoryNotificationLog()) {
  const clock = new FakeClock(T0);
  const store = new AlertStore();
  const sent: Notification[] = [];
  const failures: DispatchFailure[] = [];
  const silences: Silence[] = [];
  let deliver: (n: Notification) => Promise<void> = async () => undefined;
  const dispatcher = new Dispatcher({
    config: config(...routeLines, ...RECEIVERS, ...extra),
    store,
    clock,
    notificationLog: log,
    notify: (n) => {
      sent.push(n);
      return deliver(n);
    },
    silences: () => silences,
    onError: (f) => failures.push(f),
  });
  dispatcher.start();
  return {
    clock,
    store,
    sent,
    failures,
    silences,
    dispatcher,
    log,
    setDeliver(fn: (n: Notification) => Promise<void>) {
      deliver = fn;
    },
    /** Posts alerts now; endsAt defaults to 1h after now. */
    post(...alerts: Partial<Alert>[]) {
      const now = clock.now();
      store.put(
        alerts.map((a) => alert(a.labels ?? {}, { startsAt: now, endsAt: now + 60 * MIN, updatedAt: now, ...a })),
        now,
      );
    },
    resolve(labels: Record<string, string>) {
      const now = clock.now();
      store.put([alert(labels, { startsAt: T0, endsAt: now, updatedAt: now })], now);
    },
    names: (n: Notification) => n.alerts.map((a) => `${a.labels.alertname}${a.labels.instance ?? ''}:${a.status}`),
  };
}

const ROOT = [
  'route:',
  '  receiver: hook',
  '  group_by: [alertname]',
  '  group_wait: 30s',
  '  group_interval: 5m',
  '  repeat_interval: 10m',
];

describe('Dispatcher', () => {
  it('waits group_wait, then sends one notification per group with the alerts sorted', async () => {
    const t = setup(ROOT);
    t.post({ labels: { alertname: 'A', instance: 'b', job: 'api' } });
    await t.clock.advance(10 * S);
    t.post({ labels: { alertname: 'A', instance: 'a', job: 'api' } }, { labels: { alertname: 'B' } });
    await t.clock.advance(19 * S);
    expect(t.sent).toHaveLength(0);
    await t.clock.advance(1 * S);
    expect(t.sent.map((n) => [n.groupKey, t.names(n)])).toEqual([['{}:{alertname="A"}', ['Aa:firing', 'Ab:firing']]]);
    const [first] = t.sent;
    expect(first).toMatchObject({
      receiver: 'hook',
      integration: { type: 'webhook', index: 0 },
      route: { id: '{}', key: '{}' },
      groupLabels: { alertname: 'A' },
      truncatedAlerts: 0,
      reason: 'first notification',
      timestamp: T0 + 30 * S,
      deadline: T0 + 30 * S + 5 * MIN,
    });
    expect(first.alerts[0].endsAt).toBeNull();
    await t.clock.advance(10 * S);
    expect(t.sent.map((n) => n.groupKey)).toEqual(['{}:{alertname="A"}', '{}:{alertname="B"}']);
    expect(t.failures).toEqual([]);
  });

  it('sends new alerts at the next group_interval and repeats after repeat_interval', async () => {
    const t = setup(ROOT);
    t.post({ labels: { alertname: 'A', instance: '1' } });
    await t.clock.advance(30 * S);
    expect(t.sent).toHaveLength(1);
    // Nothing new at the next tick: nothing sent.
    await t.clock.advance(5 * MIN);
    expect(t.sent).toHaveLength(1);
    t.post({ labels: { alertname: 'A', instance: '2' } });
    await t.clock.advance(4 * MIN);
    expect(t.sent).toHaveLength(1);
    await t.clock.advance(1 * MIN); // T0 + 10m30s
    expect(t.sent.map((n) => [n.reason, t.names(n)])).toEqual([
      ['first notification', ['A1:firing']],
      ['new alerts added', ['A1:firing', 'A2:firing']],
    ]);
    // The last notification was at 10m30s; repeat_interval 10m elapses strictly after 20m30s: sent at 25m30s.
    await t.clock.advance(10 * MIN);
    expect(t.sent).toHaveLength(2);
    await t.clock.advance(5 * MIN);
    expect(t.sent.map((n) => n.reason)).toEqual(['first notification', 'new alerts added', 'repeat interval elapsed']);
    expect(t.sent[2].timestamp).toBe(T0 + 25 * MIN + 30 * S);
  });

  it('flushes at once a group whose first alert is older than group_wait', async () => {
    const t = setup(ROOT);
    t.post({ labels: { alertname: 'Old' }, startsAt: T0 - 10 * MIN });
    await t.clock.advance(0);
    expect(t.sent.map((n) => n.groupKey)).toEqual(['{}:{alertname="Old"}']);
  });

  it('sends resolved alerts with send_resolved, then drops the group', async () => {
    const t = setup(ROOT);
    t.post({ labels: { alertname: 'A', instance: '1' } }, { labels: { alertname: 'A', instance: '2' } });
    await t.clock.advance(30 * S);
    t.resolve({ alertname: 'A', instance: '1' });
    await t.clock.advance(5 * MIN);
    expect(t.names(t.sent[1])).toEqual(['A1:resolved', 'A2:firing']);
    expect(t.sent[1].reason).toBe('some alerts resolved');
    expect(t.sent[1].alerts[0].endsAt).toBe(T0 + 30 * S);
    expect(t.dispatcher.alertGroups()[0].alerts.map((a) => a.labels.instance)).toEqual(['2']);
    t.resolve({ alertname: 'A', instance: '2' });
    await t.clock.advance(5 * MIN);
    expect(t.sent[2]).toMatchObject({ reason: 'all alerts resolved' });
    expect(t.names(t.sent[2])).toEqual(['A2:resolved']);
    expect(t.dispatcher.alertGroups()).toEqual([]);
    // A new alert for the same labels starts a new group that waits group_wait again.
    t.post({ labels: { alertname: 'A', instance: '3' } });
    await t.clock.advance(29 * S);
    expect(t.sent).toHaveLength(3);
    await t.clock.advance(1 * S);
    // The log's last entry has no firing alert, so this counts as a first notification again.
    expect(t.sent[3].reason).toBe('first notification');
  });

  it('without send_resolved sends no resolved alerts and nothing when all resolved, but logs it', async () => {
    const t = setup(['route: { receiver: chat, group_by: [alertname], group_wait: 30s, group_interval: 5m }']);
    t.post({ labels: { alertname: 'A', instance: '1' } }, { labels: { alertname: 'A', instance: '2' } });
    await t.clock.advance(30 * S);
    t.resolve({ alertname: 'A', instance: '1' });
    await t.clock.advance(5 * MIN);
    // Firing set unchanged and resolved alerts ignored: nothing to send.
    expect(t.sent).toHaveLength(1);
    t.resolve({ alertname: 'A', instance: '2' });
    await t.clock.advance(5 * MIN);
    expect(t.sent).toHaveLength(1);
    const entry = await t.log.get('{}:{alertname="A"}', { groupName: 'chat', integration: 'slack', index: 0 });
    expect(entry).toMatchObject({ firingAlerts: [], timestamp: T0 + 10 * MIN + 30 * S });
    // Instance 1 left the group after the flush that saw it resolved (nothing needed sending then).
    expect(entry?.resolvedAlerts).toEqual([alertFingerprint({ labels: { alertname: 'A', instance: '2' } })]);
    expect(t.dispatcher.alertGroups()).toEqual([]);
  });

  it('sends nothing for alerts that fired and resolved before the first flush', async () => {
    const t = setup(ROOT);
    t.post({ labels: { alertname: 'Blip' } });
    await t.clock.advance(10 * S);
    t.resolve({ alertname: 'Blip' });
    await t.clock.advance(30 * S);
    expect(t.sent).toEqual([]);
    expect(t.dispatcher.alertGroups()).toEqual([]);
  });

  it('does not send inhibited alerts', async () => {
    const t = setup(ROOT, [
      'inhibit_rules:',
      '  - source_matchers: [severity="critical"]',
      '    target_matchers: [severity="warning"]',
      '    equal: [cluster]',
    ]);
    t.post(
      { labels: { alertname: 'Down', severity: 'critical', cluster: 'eu' } },
      { labels: { alertname: 'Slow', severity: 'warning', cluster: 'eu' } },
      { labels: { alertname: 'Slow', severity: 'warning', cluster: 'us', instance: '2' } },
    );
    await t.clock.advance(30 * S);
    expect(t.sent.map((n) => t.names(n))).toEqual([['Down:firing'], ['Slow2:firing']]);
  });

  it('does not send silenced alerts and does not log a fully silenced group', async () => {
    const t = setup(ROOT);
    t.silences.push({
      id: 's1',
      matchers: parseMatchers('instance="1"'),
      startsAt: T0,
      endsAt: T0 + 10 * MIN,
      updatedAt: T0,
      createdBy: 'ops',
      comment: 'maintenance',
    });
    t.post({ labels: { alertname: 'A', instance: '1' } }, { labels: { alertname: 'B', instance: '1' } });
    t.post({ labels: { alertname: 'A', instance: '2' } });
    await t.clock.advance(30 * S);
    expect(t.sent.map((n) => t.names(n))).toEqual([['A2:firing']]);
    expect(
      await t.log.get('{}:{alertname="B"}', { groupName: 'hook', integration: 'webhook', index: 0 }),
    ).toBeUndefined();
    // When the silence expires, the muted alerts are new to the firing set and go out.
    await t.clock.advance(10 * MIN);
    expect(t.sent.map((n) => t.names(n))).toEqual([['A2:firing'], ['A1:firing', 'A2:firing'], ['B1:firing']]);
  });

  it('reports a failed delivery, keeps the log unchanged and retries at the next group_interval', async () => {
    const t = setup(ROOT);
    t.setDeliver(async () => {
      throw new Error('connection refused');
    });
    t.post({ labels: { alertname: 'A' } });
    await t.clock.advance(30 * S);
    expect(t.sent).toHaveLength(1);
    expect(t.failures).toMatchObject([{ stage: 'notify', receiver: 'hook', groupKey: '{}:{alertname="A"}' }]);
    expect((t.failures[0].error as Error).message).toBe('connection refused');
    expect(t.failures[0].notification).toBe(t.sent[0]);
    expect(
      await t.log.get('{}:{alertname="A"}', { groupName: 'hook', integration: 'webhook', index: 0 }),
    ).toBeUndefined();
    t.setDeliver(async () => undefined);
    await t.clock.advance(5 * MIN);
    expect(t.sent.map((n) => n.reason)).toEqual(['first notification', 'first notification']);
    expect(
      await t.log.get('{}:{alertname="A"}', { groupName: 'hook', integration: 'webhook', index: 0 }),
    ).toBeDefined();
  });

  it('keeps resolved alerts in the group while their delivery fails', async () => {
    const t = setup(ROOT);
    t.post({ labels: { alertname: 'A' } });
    await t.clock.advance(30 * S);
    t.setDeliver(async () => {
      throw new Error('down');
    });
    t.resolve({ alertname: 'A' });
    await t.clock.advance(5 * MIN);
    expect(t.dispatcher.alertGroups()).toHaveLength(1);
    t.setDeliver(async () => undefined);
    await t.clock.advance(5 * MIN);
    expect(t.sent.map((n) => n.reason)).toEqual(['first notification', 'all alerts resolved', 'all alerts resolved']);
    expect(t.dispatcher.alertGroups()).toEqual([]);
  });

  it('notifies the integrations of a receiver concurrently and applies max_alerts to the webhook', async () => {
    const t = setup(['route: { receiver: both, group_wait: 30s }']);
    const pending: (() => void)[] = [];
    t.setDeliver(
      (n) =>
        new Promise<void>((resolve, reject) => {
          if (n.integration.type === 'webhook') {
            pending.push(resolve);
          } else {
            reject(new Error('slack down'));
          }
        }),
    );
    t.post({ labels: { alertname: 'A' } }, { labels: { alertname: 'B' } }, { labels: { alertname: 'C' } });
    await t.clock.advance(30 * S);
    // The webhook has not answered, yet Slack was already called.
    expect(t.sent.map((n) => n.integration.type)).toEqual(['webhook', 'slack']);
    expect(t.sent[0]).toMatchObject({ truncatedAlerts: 1 });
    expect(t.names(t.sent[0])).toEqual(['A:firing', 'B:firing']);
    expect(t.names(t.sent[1])).toEqual(['A:firing', 'B:firing', 'C:firing']);
    expect(t.failures.map((f) => [f.stage, f.integration?.type])).toEqual([['notify', 'slack']]);
    pending.forEach((resolve) => resolve());
    await t.dispatcher.idle();
    const webhookEntry = await t.log.get('{}:{}', { groupName: 'both', integration: 'webhook', index: 0 });
    // The log records the whole firing set, not only the alerts that fitted in max_alerts.
    expect(webhookEntry?.firingAlerts).toHaveLength(3);
    expect(await t.log.get('{}:{}', { groupName: 'both', integration: 'slack', index: 0 })).toBeUndefined();
  });

  it('sends an alert to every matching route with continue', async () => {
    const t = setup([
      'route:',
      '  receiver: hook',
      '  group_wait: 30s',
      '  routes:',
      '    - { matchers: [team="db"], receiver: chat, group_by: [team], continue: true }',
      '    - { matchers: [\'severity=~"crit.*"\'], receiver: hook, group_by: [alertname] }',
    ]);
    t.post({ labels: { alertname: 'Down', team: 'db', severity: 'critical' } });
    await t.clock.advance(30 * S);
    expect(t.sent.map((n) => [n.receiver, n.groupKey, n.route.id])).toEqual([
      ['chat', '{}/{team="db"}:{team="db"}', '{}/{team="db"}/0'],
      ['hook', '{}/{severity=~"crit.*"}:{alertname="Down"}', '{}/{severity=~"crit.*"}/1'],
    ]);
    expect(t.dispatcher.receiversFor({ team: 'db', severity: 'critical' })).toEqual(['chat', 'hook']);
  });

  it('reports a notification log failure without sending', async () => {
    const broken: NotificationLog = {
      get: async () => {
        throw new Error('db down');
      },
      put: async () => undefined,
    };
    const t = setup(ROOT, [], broken);
    t.post({ labels: { alertname: 'A' } });
    await t.clock.advance(30 * S);
    expect(t.sent).toEqual([]);
    expect(t.failures.map((f) => f.stage)).toEqual(['notification-log']);
  });

  it('runs a flush that comes due while the previous one is still delivering right after it', async () => {
    const t = setup(['route: { receiver: hook, group_wait: 30s, group_interval: 1m }']);
    let release: () => void = () => undefined;
    t.setDeliver(() => new Promise<void>((resolve) => (release = resolve)));
    t.post({ labels: { alertname: 'A' } });
    await t.clock.advance(30 * S);
    t.post({ labels: { alertname: 'B' } });
    await t.clock.advance(2 * MIN);
    expect(t.sent).toHaveLength(1);
    t.setDeliver(async () => undefined);
    release();
    await t.dispatcher.idle();
    expect(t.sent.map((n) => t.names(n))).toEqual([['A:firing'], ['A:firing', 'B:firing']]);
  });

  it('stops timers and aborts the signal on stop', async () => {
    const t = setup(ROOT);
    t.post({ labels: { alertname: 'A' } });
    await t.clock.advance(30 * S);
    const signal = t.sent[0].signal;
    t.dispatcher.stop();
    expect(signal.aborted).toBe(true);
    t.post({ labels: { alertname: 'B' } });
    await t.clock.advance(60 * MIN);
    expect(t.sent).toHaveLength(1);
    expect(t.clock.pendingTimers()).toBe(0);
  });

  it('routes the alerts already in the store when it starts (configuration reload)', async () => {
    const t = setup(ROOT);
    t.post({ labels: { alertname: 'A' } });
    await t.clock.advance(30 * S);
    t.dispatcher.stop();
    const reloaded = new Dispatcher({
      config: config(...ROOT, ...RECEIVERS),
      store: t.store,
      clock: t.clock,
      notificationLog: t.log,
      notify: async (n) => {
        t.sent.push(n);
      },
    });
    reloaded.start();
    await t.clock.advance(30 * S);
    // Same group key, already in the notification log: nothing is sent twice.
    expect(t.sent).toHaveLength(1);
    expect(reloaded.alertGroups().map((g) => g.groupKey)).toEqual(['{}:{alertname="A"}']);
    reloaded.stop();
  });
});
