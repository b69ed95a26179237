import type { AlertStatus } from '../alerts/alert';
import type { EmailConfig, ReceiverConfig, SlackConfig, WebhookConfig } from '../config/config.types';
import type { LabelSet } from '../labels/label-set';
import type { NotifyReason } from './dedup';

/** One configured integration of a receiver; `index` counts within its type, as Alertmanager numbers them. */
export type Integration =
  | { type: 'webhook'; index: number; config: WebhookConfig }
  | { type: 'email'; index: number; config: EmailConfig }
  | { type: 'slack'; index: number; config: SlackConfig };

/** A receiver's integrations in Alertmanager's order (webhook, email, …, slack). */
export function receiverIntegrations(receiver: ReceiverConfig): Integration[] {
  return [
    ...receiver.webhookConfigs.map((config, index): Integration => ({ type: 'webhook', index, config })),
    ...receiver.emailConfigs.map((config, index): Integration => ({ type: 'email', index, config })),
    ...receiver.slackConfigs.map((config, index): Integration => ({ type: 'slack', index, config })),
  ];
}

/** An alert as a notification carries it (template.Alert): firing alerts have `endsAt: null` (Go's zero time). */
export interface NotificationAlert {
  status: AlertStatus;
  labels: LabelSet;
  annotations: LabelSet;
  startsAt: number;
  endsAt: number | null;
  generatorURL: string;
  fingerprint: string;
}

/** What the dispatcher asks the sender to deliver: one aggregation group to one receiver integration. */
export interface Notification {
  receiver: string;
  integration: Integration;
  groupKey: string;
  route: { id: string; key: string };
  groupLabels: LabelSet;
  /** Sorted like Alertmanager (job, instance, then labels); resolved ones dropped without send_resolved; max_alerts applied. */
  alerts: NotificationAlert[];
  /** How many alerts max_alerts cut off (webhook only). */
  truncatedAlerts: number;
  reason: NotifyReason;
  /** The flush time (epoch ms). */
  timestamp: number;
  /** Alertmanager gives a flush's notifications until max(group_interval, 10s) after the flush. */
  deadline: number;
  /** Aborted when the dispatcher stops. */
  signal: AbortSignal;
}
