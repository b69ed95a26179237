import { Logger } from '@nestjs/common';
import {
  buildEmailMessage,
  buildSlackPayload,
  buildWebhookPayload,
  encodeSlackPayload,
  encodeWebhookPayload,
  type Notification,
} from '@keel/notification';
import type { AlertingMetrics } from '../alerting-metrics';
import { EncodedJson, RetryingDelivery, type DeliveryTarget } from '@keel/delivery';
import type { NotificationLogRepository } from './notification-log.repository';

const ENVELOPE_HEADERS = new Set(['To', 'From', 'Subject']);

export interface SenderOptions {
  externalURL: string;
  /** Timeout of one delivery attempt, unless the integration sets its own `timeout`. */
  timeoutMs: number;
  maxAttempts: number;
}

/**
 * Turns one notification (one aggregation group for one receiver integration) into its payload — Alertmanager's
 * webhook version 4, a Slack incoming-webhook body or an email — and delivers it with retries and backoff. Webhook
 * and Slack bodies are the bytes Alertmanager posts (Go's JSON encoding); a webhook or Slack config's `timeout`
 * bounds each of its attempts. Every outcome goes to the delivery log; a failure rejects, so the notification log
 * is not updated and the next group interval tries again.
 */
export class NotificationSender {
  private readonly logger = new Logger(NotificationSender.name);
  private readonly delivery: RetryingDelivery;

  constructor(
    private readonly options: SenderOptions,
    private readonly log: NotificationLogRepository,
    private readonly metrics: AlertingMetrics,
  ) {
    this.delivery = new RetryingDelivery({
      maxAttempts: options.maxAttempts,
      initialBackoffMs: 500,
      maxBackoffMs: 30_000,
      timeoutMs: options.timeoutMs,
    });
  }

  async send(n: Notification): Promise<void> {
    const { target, body } = this.render(n);
    const integration = n.integration.type;
    this.metrics.notifications.inc({ integration });
    const result = await this.delivery.deliver(target, body, n.signal);
    this.metrics.notificationLatency.observe({ integration }, result.durationMs / 1000);
    const firing = n.alerts.filter((a) => a.status === 'firing').length;
    await this.log
      .recordDelivery({
        sentAt: new Date(),
        groupKey: n.groupKey,
        receiver: n.receiver,
        integration: `${integration}/${n.integration.index}`,
        status: result.ok ? 'sent' : 'failed',
        attempts: result.attempts,
        firingCount: firing,
        resolvedCount: n.alerts.length - firing,
        durationMs: Math.round(result.durationMs),
        error: result.ok ? null : result.error,
      })
      .catch((error: unknown) => this.logger.warn(`could not log a delivery: ${(error as Error).message}`));
    if (!result.ok) {
      this.metrics.notificationsFailed.inc({ integration });
      this.logger.warn(
        `notification to ${n.receiver}/${integration}/${n.integration.index} for ${n.groupKey} failed after ` +
          `${result.attempts} attempts: ${result.error}`,
      );
      throw new Error(result.error);
    }
  }

  private render(n: Notification): { target: DeliveryTarget; body?: EncodedJson } {
    const payloadOptions = { externalURL: this.options.externalURL };
    switch (n.integration.type) {
      case 'webhook': {
        const { url, timeoutMs } = n.integration.config;
        return {
          target: { kind: 'webhook', url, ...(timeoutMs > 0 ? { timeoutMs } : {}) },
          body: new EncodedJson(encodeWebhookPayload(buildWebhookPayload(n, payloadOptions))),
        };
      }
      case 'slack': {
        const { apiUrl, sendResolved: _sendResolved, timeoutMs, ...rest } = n.integration.config;
        return {
          target: { kind: 'webhook', url: apiUrl, ...(timeoutMs > 0 ? { timeoutMs } : {}) },
          body: new EncodedJson(encodeSlackPayload(buildSlackPayload(n, rest, payloadOptions))),
        };
      }
      case 'email': {
        const m = buildEmailMessage(n, n.integration.config, payloadOptions);
        const headers = Object.fromEntries(Object.entries(m.headers).filter(([name]) => !ENVELOPE_HEADERS.has(name)));
        return {
          target: {
            kind: 'email',
            smarthost: `${m.smarthost.host}:${m.smarthost.port}`,
            from: m.from,
            to: m.to
              .split(',')
              .map((a) => a.trim())
              .filter((a) => a !== ''),
            ...(m.authUsername ? { username: m.authUsername } : {}),
            ...(m.authPassword ? { password: m.authPassword } : {}),
            requireTls: m.requireTls,
            subject: m.subject,
            text: m.text,
            html: m.html,
            headers,
          },
        };
      }
    }
  }
}
