import { Inject, Injectable } from '@nestjs/common';
import { RetryingDelivery, type DeliveryResult, type DeliveryTarget } from '@keel/delivery';
import { INCIDENTS_CONFIG, type IncidentsConfig } from '../config';
import type { ContactMethodKind } from './contact-methods';
import { escalationEmail, escalationSlackBody, escalationWebhookBody, type EscalationPage } from './escalation-message';

/** Sends one page to one contact method through @keel/delivery (retries with backoff, URLs never in errors). */
@Injectable()
export class EscalationDelivery {
  private readonly delivery: RetryingDelivery;

  constructor(@Inject(INCIDENTS_CONFIG) private readonly config: IncidentsConfig) {
    this.delivery = new RetryingDelivery({
      maxAttempts: config.INCIDENTS_ESCALATION_DELIVERY_ATTEMPTS,
      initialBackoffMs: 500,
      maxBackoffMs: 5000,
      timeoutMs: config.INCIDENTS_ESCALATION_DELIVERY_TIMEOUT_MS,
    });
  }

  /** Never rejects: a failure is a result, recorded by the caller. */
  async send(
    method: { kind: ContactMethodKind; address: string },
    page: EscalationPage,
    signal?: AbortSignal,
  ): Promise<DeliveryResult> {
    const target = this.target(method, page);
    if ('error' in target) return { ok: false, attempts: 0, retryable: false, error: target.error, durationMs: 0 };
    return this.delivery.deliver(target.target, target.body, signal);
  }

  private target(
    method: { kind: ContactMethodKind; address: string },
    page: EscalationPage,
  ): { target: DeliveryTarget; body?: unknown } | { error: string } {
    switch (method.kind) {
      case 'webhook':
        return { target: { kind: 'webhook', url: method.address }, body: escalationWebhookBody(page) };
      case 'slack':
        return { target: { kind: 'webhook', url: method.address }, body: escalationSlackBody(page) };
      case 'email': {
        const smarthost = this.config.INCIDENTS_ESCALATION_SMTP_SMARTHOST;
        const from = this.config.INCIDENTS_ESCALATION_SMTP_FROM;
        if (!smarthost || !from) {
          return {
            error:
              'email pages are not configured: set INCIDENTS_ESCALATION_SMTP_SMARTHOST and INCIDENTS_ESCALATION_SMTP_FROM',
          };
        }
        const { subject, text } = escalationEmail(page);
        return {
          target: {
            kind: 'email',
            smarthost,
            from,
            to: [method.address],
            ...(this.config.INCIDENTS_ESCALATION_SMTP_USERNAME
              ? {
                  username: this.config.INCIDENTS_ESCALATION_SMTP_USERNAME,
                  password: this.config.INCIDENTS_ESCALATION_SMTP_PASSWORD,
                }
              : {}),
            requireTls: this.config.INCIDENTS_ESCALATION_SMTP_REQUIRE_TLS,
            subject,
            text,
          },
        };
      }
    }
  }
}
