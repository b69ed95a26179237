import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { IncidentSeverity, IncidentStatus, incidentsTopic, type Actor, type IncidentEventType } from '@keel/contracts';
import { KAFKA_CLIENT, type KafkaClient } from '@keel/kafka';
import type { IncidentEntity } from './incident.entity';

/** Puts incident state changes on `keel.incidents.v1`, for the portal, alerting and audit. */
@Injectable()
export class IncidentEventsPublisher {
  constructor(@Inject(KAFKA_CLIENT) private readonly kafka: KafkaClient) {}

  async publish(type: IncidentEventType, incident: IncidentEntity, actor: Actor): Promise<void> {
    await this.kafka.publisher().publish(incidentsTopic, {
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      type,
      incident: {
        id: incident.id,
        title: incident.title,
        severity: IncidentSeverity.parse(incident.severity),
        status: IncidentStatus.parse(incident.status),
        services: incident.services,
      },
      actor,
    });
  }
}
