import { canonicalHeaderKey, parseAlertmanagerConfig, splitHostPort } from './parse-alertmanager-config';

function errorsOf(text: string, env?: Record<string, string>): string[] {
  const result = parseAlertmanagerConfig(text, 'am.yml', env ? { env } : {});
  if (result.ok) {
    throw new Error('expected the config to be rejected');
  }
  return result.errors.map((e) => e.message);
}

function parse(text: string, env?: Record<string, string>) {
  const result = parseAlertmanagerConfig(text, 'am.yml', env ? { env } : {});
  if (!result.ok) {
    throw new Error(result.errors.map((e) => e.message).join('\n'));
  }
  return result.config;
}

const FULL = `
global:
  resolve_timeout: 2m
  smtp_from: alerts@keel.dev
  smtp_smarthost: smtp.keel.dev:587
  smtp_auth_username: keel
  smtp_auth_password: secret
  slack_api_url: https://hooks.slack.com/services/T/B/X
route:
  receiver: default
  group_by: [alertname, job]
  group_wait: 10s
  routes:
    - matchers: ['team="db"', 'severity=~"critical|page"']
      receiver: dba
      continue: true
    - match: { team: web }
      match_re: { env: prod|staging }
      group_by: ['...']
      repeat_interval: 1h
receivers:
  - name: default
    webhook_configs:
      - url: http://hooks.keel.dev/am
        max_alerts: 10
  - name: dba
    email_configs:
      - to: dba@keel.dev
        headers: { x-team: dba }
    slack_configs:
      - channel: '#db'
        send_resolved: true
inhibit_rules:
  - source_matchers: [severity="critical"]
    target_matchers: [severity="warning"]
    equal: [alertname, cluster]
  - source_match: { alertname: NodeDown }
    target_match_re: { alertname: '.+' }
`;

describe('parseAlertmanagerConfig', () => {
  it('reads the supported subset with Alertmanager defaults', () => {
    const config = parse(FULL);
    expect(config.global).toEqual({
      resolveTimeoutMs: 120_000,
      smtpFrom: 'alerts@keel.dev',
      smtpHello: 'localhost',
      smtpSmarthost: { host: 'smtp.keel.dev', port: '587' },
      smtpAuthUsername: 'keel',
      smtpAuthPassword: 'secret',
      smtpAuthIdentity: undefined,
      smtpRequireTls: true,
      slackApiUrl: 'https://hooks.slack.com/services/T/B/X',
    });
    expect(config.route).toMatchObject({
      receiver: 'default',
      groupBy: ['alertname', 'job'],
      groupByAll: false,
      groupWaitMs: 10_000,
      groupIntervalMs: undefined,
      position: { file: 'am.yml', line: 10, column: 3 },
    });
    const [db, web] = config.route.routes;
    expect(db).toMatchObject({
      receiver: 'dba',
      continue: true,
      matchers: [
        { type: '=', name: 'team', value: 'db' },
        { type: '=~', name: 'severity', value: 'critical|page' },
      ],
    });
    expect(web).toMatchObject({
      receiver: undefined,
      groupBy: undefined,
      groupByAll: true,
      match: { team: 'web' },
      matchRe: { env: 'prod|staging' },
      repeatIntervalMs: 3_600_000,
    });
    expect(config.receivers[0].webhookConfigs).toEqual([
      { url: 'http://hooks.keel.dev/am', sendResolved: true, maxAlerts: 10, timeoutMs: 0 },
    ]);
    expect(config.receivers[1].emailConfigs).toEqual([
      {
        to: 'dba@keel.dev',
        from: 'alerts@keel.dev',
        hello: 'localhost',
        smarthost: { host: 'smtp.keel.dev', port: '587' },
        authUsername: 'keel',
        authPassword: 'secret',
        authIdentity: undefined,
        requireTls: true,
        headers: { 'X-Team': 'dba' },
        html: undefined,
        text: undefined,
        sendResolved: false,
      },
    ]);
    expect(config.receivers[1].slackConfigs[0]).toMatchObject({
      apiUrl: 'https://hooks.slack.com/services/T/B/X',
      channel: '#db',
      sendResolved: true,
    });
    expect(config.inhibitRules).toEqual([
      {
        sourceMatchers: [{ type: '=', name: 'severity', value: 'critical' }],
        targetMatchers: [{ type: '=', name: 'severity', value: 'warning' }],
        equal: ['alertname', 'cluster'],
      },
      {
        sourceMatchers: [{ type: '=', name: 'alertname', value: 'NodeDown' }],
        targetMatchers: [{ type: '=~', name: 'alertname', value: '.+' }],
        equal: [],
      },
    ]);
  });

  it('defaults send_resolved per integration and resolve_timeout to 5m', () => {
    const config = parse(
      [
        'route: { receiver: r }',
        'receivers:',
        '  - name: r',
        '    webhook_configs: [{ url: "https://x.example/hook" }]',
        '    email_configs: [{ to: a@b.c, from: x@y.z, smarthost: "mail:25" }]',
        '    slack_configs: [{ api_url: "https://hooks.slack.com/x" }]',
      ].join('\n'),
    );
    expect(config.global.resolveTimeoutMs).toBe(300_000);
    expect(config.receivers[0].webhookConfigs[0].sendResolved).toBe(true);
    expect(config.receivers[0].emailConfigs[0].sendResolved).toBe(false);
    expect(config.receivers[0].slackConfigs[0].sendResolved).toBe(false);
  });

  it('reads the per-integration timeout of webhook and Slack configs (0 when unset)', () => {
    const config = parse(
      [
        'route: { receiver: r }',
        'receivers:',
        '  - name: r',
        '    webhook_configs: [{ url: "https://x.example/a", timeout: 2s }, { url: "https://x.example/b" }]',
        '    slack_configs: [{ api_url: "https://hooks.slack.com/x", timeout: 1m30s }, { api_url: "https://h/y" }]',
      ].join('\n'),
    );
    expect(config.receivers[0].webhookConfigs.map((c) => c.timeoutMs)).toEqual([2000, 0]);
    expect(config.receivers[0].slackConfigs.map((c) => c.timeoutMs)).toEqual([90_000, 0]);
  });

  it.each([
    [
      'route:\n  receiver: r\n  bogus: 1\nreceivers: [{ name: r }]',
      'am.yml:3:3: field bogus not found in type config.Route',
    ],
    [
      'route:\n  receiver: r\n  mute_time_intervals: [x]\nreceivers: [{ name: r }]',
      'am.yml:3:3: field mute_time_intervals of config.Route is not supported by Keel',
    ],
    [
      'templates: [a.tmpl]\nroute: { receiver: r }\nreceivers: [{ name: r }]',
      'am.yml:1:1: field templates of config.Config is not supported by Keel',
    ],
    ['route:\n  receiver: nobody\nreceivers: [{ name: r }]', 'am.yml:2:13: undefined receiver "nobody" used in route'],
    [
      'route:\n  receiver: r\n  routes:\n    - receiver: ghost\nreceivers: [{ name: r }]',
      'am.yml:4:17: undefined receiver "ghost" used in route',
    ],
    ['route:\n  group_wait: 1m\nreceivers: [{ name: r }]', 'am.yml:2:3: root route must specify a default receiver'],
    [
      'route:\n  receiver: r\n  matchers: [a="b"]\nreceivers: [{ name: r }]',
      'am.yml:3:3: root route must not have any matchers',
    ],
    ['receivers: [{ name: r }]', 'am.yml:1:1: no routes provided'],
    [
      'route: { receiver: r }\nreceivers: [{ name: r }, { name: r }]',
      'am.yml:2:34: notification config name "r" is not unique',
    ],
    ['route: { receiver: r }\nreceivers: [{ webhook_configs: [] }]', 'am.yml:2:13: missing name in receiver'],
    [
      'route:\n  receiver: r\n  routes: [{ matchers: [\'a=~"("\'] }]\nreceivers: [{ name: r }]',
      'am.yml:3:25: matchers: error parsing regexp: missing closing ): `(`',
    ],
    [
      "route:\n  receiver: r\n  routes: [{ matchers: ['a=\"b'] }]\nreceivers: [{ name: r }]",
      'am.yml:3:25: matchers: matcher value contains unescaped double quote: "b',
    ],
    [
      'route:\n  receiver: r\n  routes: [{ match: { 1bad: x } }]\nreceivers: [{ name: r }]',
      'am.yml:3:23: invalid label name "1bad"',
    ],
    [
      'route:\n  receiver: r\n  routes: [{ match_re: { job: "(" } }]\nreceivers: [{ name: r }]',
      'am.yml:3:31: error parsing regexp: missing closing ): `(`',
    ],
    [
      'route:\n  receiver: r\n  group_by: [a, "...", b]\nreceivers: [{ name: r }]',
      'am.yml:3:13: cannot have wildcard group_by (`...`) and other other labels at the same time',
    ],
    [
      'route:\n  receiver: r\n  group_by: [a, a]\nreceivers: [{ name: r }]',
      'am.yml:3:17: duplicated label "a" in group_by',
    ],
    [
      'route:\n  receiver: r\n  group_by: [a-b]\nreceivers: [{ name: r }]',
      'am.yml:3:14: invalid label name "a-b" in group_by list',
    ],
    [
      'route:\n  receiver: r\n  group_interval: 0s\nreceivers: [{ name: r }]',
      'am.yml:3:19: group_interval cannot be zero',
    ],
    [
      'route:\n  receiver: r\n  repeat_interval: 0\nreceivers: [{ name: r }]',
      'am.yml:3:20: repeat_interval cannot be zero',
    ],
    [
      'route:\n  receiver: r\n  group_wait: 5 minutes\nreceivers: [{ name: r }]',
      'am.yml:3:15: group_wait: not a valid duration string: "5 minutes"',
    ],
    [
      'route: { receiver: r }\nreceivers:\n  - name: r\n    webhook_configs: [{ send_resolved: false }]',
      'am.yml:4:23: one of url or url_file must be configured',
    ],
    [
      'route: { receiver: r }\nreceivers:\n  - name: r\n    webhook_configs: [{ url: "ftp://x/y" }]',
      'am.yml:4:30: unsupported scheme "ftp" for URL',
    ],
    [
      'route: { receiver: r }\nreceivers:\n  - name: r\n    webhook_configs: [{ url: "http://x/y", max_alerts: -1 }]',
      'am.yml:4:56: max_alerts must be a non-negative integer',
    ],
    [
      'route: { receiver: r }\nreceivers:\n  - name: r\n    email_configs: [{ to: a@b.c }]',
      'am.yml:4:21: no global SMTP smarthost set',
    ],
    [
      'global: { smtp_smarthost: "m:25" }\nroute: { receiver: r }\nreceivers:\n  - name: r\n    email_configs: [{ to: a@b.c }]',
      'am.yml:5:21: no global SMTP from set',
    ],
    [
      'global: { smtp_smarthost: "m:25", smtp_from: a@b.c }\nroute: { receiver: r }\nreceivers:\n  - name: r\n    email_configs: [{ from: x@y.z }]',
      'am.yml:5:21: missing to address in email config',
    ],
    [
      'global: { smtp_smarthost: "m:25", smtp_from: a@b.c }\nroute: { receiver: r }\nreceivers:\n  - name: r\n    email_configs: [{ to: x@y.z, headers: { subject: a, Subject: b } }]',
      'am.yml:5:57: duplicate header "Subject" in email config',
    ],
    [
      'global: { smtp_smarthost: "mailhost" }\nroute: { receiver: r }\nreceivers: [{ name: r }]',
      'am.yml:1:27: smtp_smarthost: address mailhost: missing port in address',
    ],
    [
      'route: { receiver: r }\nreceivers:\n  - name: r\n    slack_configs: [{ channel: "#x" }]',
      'am.yml:4:21: no global Slack API URL set',
    ],
    [
      'route: { receiver: r }\nreceivers:\n  - name: r\n    slack_configs: [{ api_url: "https://h/x", title: "{{ .Status }}" }]',
      'am.yml:4:54: title: Go templates are not supported by Keel; write the literal text',
    ],
    [
      'route: { receiver: r }\nreceivers:\n  - name: r\n    pagerduty_configs: [{ routing_key: x }]',
      'am.yml:4:5: field pagerduty_configs of config.Receiver is not supported by Keel',
    ],
    [
      'route: { receiver: r }\nreceivers: [{ name: r }]\ninhibit_rules:\n  - source_matchers: [a="b"]\n    equal: [bad-name]',
      'am.yml:5:13: invalid label name "bad-name" in equal list',
    ],
    ['route: { receiver: r\nreceivers: []', 'am.yml:2:1: invalid YAML:'],
    [
      'route: { receiver: r, receiver: s }\nreceivers: [{ name: r }]',
      'am.yml:1:23: invalid YAML: Map keys must be unique',
    ],
  ])('rejects %j with file:line:column', (text, expected) => {
    expect(errorsOf(text).join('\n')).toContain(expected);
  });

  it('reports every error, sorted by position', () => {
    const errors = errorsOf('route:\n  receiver: ghost\n  oops: 1\nreceivers: [{ name: r, extra: 2 }]');
    expect(errors).toEqual([
      'am.yml:2:13: undefined receiver "ghost" used in route',
      'am.yml:3:3: field oops not found in type config.Route',
      'am.yml:4:24: field extra not found in type config.Receiver',
    ]);
  });

  describe('${ENV} expansion in secrets', () => {
    const text = [
      'global: { smtp_smarthost: "m:25", smtp_from: a@b.c, smtp_auth_password: "${SMTP_PASSWORD}" }',
      'route: { receiver: r }',
      'receivers:',
      '  - name: r',
      '    webhook_configs: [{ url: "https://hooks.keel.dev/${HOOK_TOKEN}" }]',
      '    email_configs: [{ to: x@y.z }]',
    ].join('\n');

    it('expands only when an env is given', () => {
      const config = parse(text, { SMTP_PASSWORD: 'pw', HOOK_TOKEN: 't0k' });
      expect(config.global.smtpAuthPassword).toBe('pw');
      expect(config.receivers[0].emailConfigs[0].authPassword).toBe('pw');
      expect(config.receivers[0].webhookConfigs[0].url).toBe('https://hooks.keel.dev/t0k');
      expect(parse(text).global.smtpAuthPassword).toBe('${SMTP_PASSWORD}');
    });

    it('reports an unset variable at its field', () => {
      expect(errorsOf(text, { SMTP_PASSWORD: 'pw' })).toEqual([
        'am.yml:5:30: url: environment variable HOOK_TOKEN is not set',
      ]);
    });
  });
});

describe('helpers', () => {
  it('canonicalises header names like textproto', () => {
    expect(canonicalHeaderKey('x-my-HEADER')).toBe('X-My-Header');
    expect(canonicalHeaderKey('subject')).toBe('Subject');
    expect(canonicalHeaderKey('bad header')).toBe('bad header');
  });

  it('splits host and port like net.SplitHostPort', () => {
    expect(splitHostPort('smtp.example.org:587')).toEqual({ host: 'smtp.example.org', port: '587' });
    expect(splitHostPort('[::1]:25')).toEqual({ host: '::1', port: '25' });
    expect(splitHostPort('a:b:c')).toBe('address a:b:c: too many colons in address');
    expect(splitHostPort('host:')).toBe('address "host:": port cannot be empty');
  });
});
