// The webhook notifier's body, version 4 (notify/webhook Message: template.Data + version, groupKey,
// truncatedAlerts), field for field and in Go's struct order; label maps in sorted key order.
import { formatGoTime } from '../alerts/go-time';
import type { AlertStatus } from '../alerts/alert';
import type { Notification } from '../dispatch/notification.types';
import { sortedLabelSet } from '../labels/label-set';
import { encodeGoJSON } from './go-json';
import { notificationData } from './template-data';

export interface WebhookAlert {
  status: AlertStatus;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

export interface WebhookPayload {
  receiver: string;
  status: AlertStatus;
  alerts: WebhookAlert[];
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  version: '4';
  groupKey: string;
  truncatedAlerts: number;
}

export interface PayloadOptions {
  /** Alertmanager's --web.external-url (no trailing slash). */
  externalURL: string;
}

/** Builds the version 4 webhook payload for a notification (its alerts are already truncated by max_alerts). */
export function buildWebhookPayload(
  notification: Pick<Notification, 'receiver' | 'groupKey' | 'groupLabels' | 'alerts' | 'truncatedAlerts'>,
  options: PayloadOptions,
): WebhookPayload {
  const data = notificationData(notification, options.externalURL);
  return {
    receiver: data.receiver,
    status: data.status,
    alerts: data.alerts.map((a) => ({
      status: a.status,
      labels: sortedLabelSet(a.labels),
      annotations: sortedLabelSet(a.annotations),
      startsAt: formatGoTime(a.startsAt),
      endsAt: formatGoTime(a.endsAt),
      generatorURL: a.generatorURL,
      fingerprint: a.fingerprint,
    })),
    groupLabels: sortedLabelSet(data.groupLabels),
    commonLabels: sortedLabelSet(data.commonLabels),
    commonAnnotations: sortedLabelSet(data.commonAnnotations),
    externalURL: data.externalURL,
    version: '4',
    groupKey: notification.groupKey,
    truncatedAlerts: notification.truncatedAlerts,
  };
}

/** The exact request body Alertmanager would post (Go JSON encoding, trailing newline). */
export function encodeWebhookPayload(payload: WebhookPayload): string {
  return encodeGoJSON(payload);
}
