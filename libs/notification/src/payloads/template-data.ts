// Alertmanager's template data (template.Data) and the default templates Keel reproduces in code
// (template/default.tmpl: __subject, __alertmanagerURL, __text_alert_list, KV.SortedPairs).
import type { AlertStatus } from '../alerts/alert';
import type { Notification, NotificationAlert } from '../dispatch/notification.types';
import { compareGoStrings, setLabel, type LabelSet } from '../labels/label-set';

export interface NotificationData {
  /** The receiver name passed through Go's regexp.QuoteMeta, as Alertmanager does (`team.ops` → `team\.ops`). */
  receiver: string;
  /** "firing" when any alert fires. */
  status: AlertStatus;
  alerts: NotificationAlert[];
  groupLabels: LabelSet;
  /** Labels with the same value on every alert. */
  commonLabels: LabelSet;
  commonAnnotations: LabelSet;
  externalURL: string;
}

/** Go's regexp.QuoteMeta. */
export function quoteMeta(text: string): string {
  return text.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** Go's url.QueryEscape (the `urlquery` template function): space → "+", only A-Z a-z 0-9 - _ . ~ kept. */
export function queryEscape(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

function common(sets: LabelSet[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (sets.length === 0) {
    return out;
  }
  for (const [name, value] of Object.entries(sets[0])) {
    if (sets.every((s) => Object.hasOwn(s, name) && s[name] === value)) {
      setLabel(out, name, value);
    }
  }
  return out;
}

/** template.Data for a notification: status, common labels and annotations over the alerts sent. */
export function notificationData(
  notification: Pick<Notification, 'receiver' | 'groupLabels' | 'alerts'>,
  externalURL: string,
): NotificationData {
  const { alerts } = notification;
  return {
    receiver: quoteMeta(notification.receiver),
    status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    alerts,
    groupLabels: notification.groupLabels,
    commonLabels: common(alerts.map((a) => a.labels)),
    commonAnnotations: common(alerts.map((a) => a.annotations)),
    externalURL,
  };
}

/** KV.SortedPairs: `alertname` first, then the other names sorted. */
export function sortedPairs(kv: LabelSet): [string, string][] {
  const names = Object.keys(kv).sort((a, b) =>
    a === 'alertname' ? -1 : b === 'alertname' ? 1 : compareGoStrings(a, b),
  );
  return names.map((name) => [name, kv[name]]);
}

/** `__subject`: `[FIRING:2] <group label values> (<other common label values>)`. */
export function defaultSubject(data: NotificationData): string {
  const firing = data.alerts.filter((a) => a.status === 'firing').length;
  const status = `${data.status.toUpperCase()}${data.status === 'firing' ? `:${firing}` : ''}`;
  const groupValues = sortedPairs(data.groupLabels).map(([, v]) => v);
  let extra = '';
  if (Object.keys(data.commonLabels).length > Object.keys(data.groupLabels).length) {
    const rest: Record<string, string> = {};
    for (const [name, value] of Object.entries(data.commonLabels)) {
      if (!Object.hasOwn(data.groupLabels, name)) {
        setLabel(rest, name, value);
      }
    }
    extra = `(${sortedPairs(rest)
      .map(([, v]) => v)
      .join(' ')})`;
  }
  return `[${status}] ${groupValues.join(' ')} ${extra}`;
}

/** `__alertmanagerURL`: `<externalURL>/#/alerts?receiver=<receiver, query-escaped>`. */
export function alertmanagerURL(data: NotificationData): string {
  return `${data.externalURL}/#/alerts?receiver=${queryEscape(data.receiver)}`;
}

/** `__text_alert_list` for a list of alerts. */
export function textAlertList(alerts: readonly NotificationAlert[]): string {
  let out = '';
  for (const alert of alerts) {
    out += 'Labels:\n';
    for (const [name, value] of sortedPairs(alert.labels)) {
      out += ` - ${name} = ${value}\n`;
    }
    out += 'Annotations:\n';
    for (const [name, value] of sortedPairs(alert.annotations)) {
      out += ` - ${name} = ${value}\n`;
    }
    out += `Source: ${alert.generatorURL}\n`;
  }
  return out;
}
