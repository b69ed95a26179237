import { randomUUID } from 'node:crypto';
import { auditTopic } from '@keel/contracts';
import { currentCorrelationId } from '@keel/context';
import type { EventPublisher } from '@keel/kafka';
import type { AuditRecord, AuditSink } from './audit-sink';

/** Writes audit records to `keel.audit.v1`, where the audit service chains them into its tamper-evident log. */
export class KafkaAuditSink implements AuditSink {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly service: string,
  ) {}

  async record(entry: AuditRecord): Promise<void> {
    const correlationId = currentCorrelationId();
    await this.publisher.publish(auditTopic, {
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      service: this.service,
      actor: entry.actor,
      action: entry.action,
      resource: entry.resource,
      outcome: entry.outcome,
      ...(entry.reason ? { reason: entry.reason } : {}),
      ...(correlationId ? { correlationId } : {}),
      details: entry.details,
    });
  }
}
