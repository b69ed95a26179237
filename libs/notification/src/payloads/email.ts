// The email notifier's message: headers (To, From and Subject = Alertmanager's `email.default.subject`, i.e.
// `__subject`, unless the config sets them), a plain-text body built from `__text_alert_list`, and a simple HTML
// body with the same content as `email.default.html` (alert count and group labels, a link to Alertmanager,
// firing then resolved alerts with labels, annotations and source link) without its inline styling.
import type { EmailConfig, HostPort } from '../config/config.types';
import type { Notification, NotificationAlert } from '../dispatch/notification.types';
import { setLabel } from '../labels/label-set';
import type { PayloadOptions } from './webhook';
import {
  alertmanagerURL,
  defaultSubject,
  notificationData,
  sortedPairs,
  textAlertList,
  type NotificationData,
} from './template-data';

export interface EmailMessage {
  /** Envelope and header addresses, as configured (address lists as one string, e.g. "a@x, b@y"). */
  from: string;
  to: string;
  smarthost: HostPort;
  hello: string;
  authUsername?: string;
  authPassword?: string;
  authIdentity?: string;
  requireTls: boolean;
  /** Canonical header names; includes To, From and Subject. */
  headers: Record<string, string>;
  subject: string;
  text: string;
  html: string;
}

// html/template's escaping of text and attribute values.
function escapeHtml(text: string): string {
  return text.replace(/[&<>"'\0]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&#34;';
      case "'":
        return '&#39;';
      default:
        return '\uFFFD';
    }
  });
}

function heading(data: NotificationData): string {
  const n = data.alerts.length;
  const labels = sortedPairs(data.groupLabels)
    .map(([name, value]) => `${name}=${value}`)
    .join(' ');
  return `${n} alert${n > 1 ? 's' : ''} for ${labels}`;
}

function defaultText(data: NotificationData): string {
  const firing = data.alerts.filter((a) => a.status === 'firing');
  const resolved = data.alerts.filter((a) => a.status === 'resolved');
  let out = `${heading(data)}\n\nView in Alertmanager: ${alertmanagerURL(data)}\n`;
  if (firing.length > 0) {
    out += `\n[${firing.length}] Firing\n${textAlertList(firing)}`;
  }
  if (resolved.length > 0) {
    out += `\n[${resolved.length}] Resolved\n${textAlertList(resolved)}`;
  }
  return out;
}

function htmlAlerts(alerts: readonly NotificationAlert[]): string {
  return alerts
    .map((alert) => {
      const pairs = (kv: readonly [string, string][]): string =>
        kv.map(([name, value]) => `${escapeHtml(name)} = ${escapeHtml(value)}<br />`).join('');
      const annotations = sortedPairs(alert.annotations);
      return (
        '<tr><td style="padding: 0 0 20px;">' +
        `<strong>Labels</strong><br />${pairs(sortedPairs(alert.labels))}` +
        (annotations.length > 0 ? `<strong>Annotations</strong><br />${pairs(annotations)}` : '') +
        `<a href="${escapeHtml(alert.generatorURL)}">Source</a><br />` +
        '</td></tr>\n'
      );
    })
    .join('');
}

function defaultHtml(data: NotificationData, subject: string): string {
  const firing = data.alerts.filter((a) => a.status === 'firing');
  const resolved = data.alerts.filter((a) => a.status === 'resolved');
  return [
    '<!DOCTYPE html>',
    '<html>',
    `<head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" /><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: Helvetica, Arial, sans-serif; font-size: 14px;">',
    '<table width="100%" cellpadding="0" cellspacing="0">',
    `<tr><td style="background-color: #E6522C; color: #fff; padding: 20px;">${escapeHtml(heading(data))}</td></tr>`,
    `<tr><td style="padding: 10px 0 20px;"><a href="${escapeHtml(alertmanagerURL(data))}">View in Alertmanager</a></td></tr>`,
    firing.length > 0 ? `<tr><td style="padding: 0 0 20px;"><strong>[${firing.length}] Firing</strong></td></tr>` : '',
    htmlAlerts(firing),
    resolved.length > 0 && firing.length > 0 ? '<tr><td><hr /></td></tr>' : '',
    resolved.length > 0
      ? `<tr><td style="padding: 0 0 20px;"><strong>[${resolved.length}] Resolved</strong></td></tr>`
      : '',
    htmlAlerts(resolved),
    '</table>',
    `<p style="color: #999; font-size: 12px;"><a href="${escapeHtml(data.externalURL)}">Sent by Alertmanager</a></p>`,
    '</body>',
    '</html>',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** Builds the email for a notification; `html` / `text` / headers set in the config (literal) win. */
export function buildEmailMessage(
  notification: Pick<Notification, 'receiver' | 'groupLabels' | 'alerts'>,
  config: EmailConfig,
  options: PayloadOptions,
): EmailMessage {
  const data = notificationData(notification, options.externalURL);
  const headers: Record<string, string> = {};
  setLabel(headers, 'To', config.to);
  setLabel(headers, 'From', config.from);
  setLabel(headers, 'Subject', defaultSubject(data));
  for (const [name, value] of Object.entries(config.headers)) {
    setLabel(headers, name, value);
  }
  const subject = headers.Subject;
  return {
    from: config.from,
    to: config.to,
    smarthost: config.smarthost,
    hello: config.hello,
    authUsername: config.authUsername,
    authPassword: config.authPassword,
    authIdentity: config.authIdentity,
    requireTls: config.requireTls,
    headers,
    subject,
    text: config.text ?? defaultText(data),
    html: config.html ?? defaultHtml(data, subject),
  };
}
