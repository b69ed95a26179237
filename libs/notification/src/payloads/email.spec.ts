import { alertFingerprint } from '../alerts/alert';
import type { EmailConfig } from '../config/config.types';
import type { NotificationAlert } from '../dispatch/notification.types';
import { buildEmailMessage } from './email';

const config: EmailConfig = {
  to: 'oncall@keel.dev',
  from: 'alertmanager@keel.dev',
  hello: 'localhost',
  smarthost: { host: 'smtp.keel.dev', port: '587' },
  authUsername: 'am',
  authPassword: 'secret',
  requireTls: true,
  headers: {},
  sendResolved: true,
};

const alert = (instance: string, status: 'firing' | 'resolved'): NotificationAlert => {
  const labels = { alertname: 'Down', instance, job: 'db' };
  return {
    status,
    labels,
    annotations: { summary: `${instance} <unreachable>` },
    startsAt: 0,
    endsAt: status === 'firing' ? null : 1,
    generatorURL: 'http://prom/graph?g0.expr=up&x=1',
    fingerprint: alertFingerprint({ labels }),
  };
};

const notification = {
  receiver: 'oncall',
  groupLabels: { alertname: 'Down' },
  alerts: [alert('db-1', 'firing'), alert('db-2', 'resolved')],
};

describe('buildEmailMessage', () => {
  it('sets To, From and the default subject as headers', () => {
    const msg = buildEmailMessage(notification, config, { externalURL: 'http://am' });
    expect(msg.subject).toBe('[FIRING:1] Down (db)');
    expect(msg.headers).toEqual({ To: 'oncall@keel.dev', From: 'alertmanager@keel.dev', Subject: msg.subject });
    expect(msg).toMatchObject({
      to: 'oncall@keel.dev',
      from: 'alertmanager@keel.dev',
      smarthost: { host: 'smtp.keel.dev', port: '587' },
      authUsername: 'am',
      requireTls: true,
    });
  });

  it('lets configured headers override the defaults', () => {
    const msg = buildEmailMessage(
      notification,
      { ...config, headers: { Subject: 'DB down', 'X-Team': 'db' } },
      {
        externalURL: 'http://am',
      },
    );
    expect(msg.subject).toBe('DB down');
    expect(msg.headers).toEqual({
      To: 'oncall@keel.dev',
      From: 'alertmanager@keel.dev',
      Subject: 'DB down',
      'X-Team': 'db',
    });
  });

  it('writes a text body with the firing then the resolved alerts', () => {
    const msg = buildEmailMessage(notification, config, { externalURL: 'http://am' });
    expect(msg.text).toBe(
      [
        '2 alerts for alertname=Down',
        '',
        'View in Alertmanager: http://am/#/alerts?receiver=oncall',
        '',
        '[1] Firing',
        'Labels:',
        ' - alertname = Down',
        ' - instance = db-1',
        ' - job = db',
        'Annotations:',
        ' - summary = db-1 <unreachable>',
        'Source: http://prom/graph?g0.expr=up&x=1',
        '',
        '[1] Resolved',
        'Labels:',
        ' - alertname = Down',
        ' - instance = db-2',
        ' - job = db',
        'Annotations:',
        ' - summary = db-2 <unreachable>',
        'Source: http://prom/graph?g0.expr=up&x=1',
        '',
      ].join('\n'),
    );
  });

  it('writes an escaped HTML body listing both sections', () => {
    const { html } = buildEmailMessage(notification, config, { externalURL: 'http://am' });
    expect(html).toContain('<title>[FIRING:1] Down (db)</title>');
    expect(html).toContain('2 alerts for alertname=Down');
    expect(html).toContain('<strong>[1] Firing</strong>');
    expect(html).toContain('<strong>[1] Resolved</strong>');
    expect(html).toContain('summary = db-1 &lt;unreachable&gt;<br />');
    expect(html).toContain('<a href="http://prom/graph?g0.expr=up&amp;x=1">Source</a>');
    expect(html).toContain('<a href="http://am/#/alerts?receiver=oncall">View in Alertmanager</a>');
    expect(html.indexOf('[1] Firing')).toBeLessThan(html.indexOf('[1] Resolved'));
    expect(html).not.toContain('<unreachable>');
  });

  it('uses literal html and text from the config', () => {
    const msg = buildEmailMessage(
      notification,
      { ...config, html: '<p>x</p>', text: 'x' },
      { externalURL: 'http://am' },
    );
    expect([msg.html, msg.text]).toEqual(['<p>x</p>', 'x']);
  });
});
