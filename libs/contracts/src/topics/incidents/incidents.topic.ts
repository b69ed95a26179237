import { z } from 'zod';
import { IncidentSeverity } from '../../enums/incident-severity';
import { IncidentStatus } from '../../enums/incident-status';
import { Actor } from '../../shared/actor';
import { CorrelationId, EventId, IsoDateTime, NonEmptyString, Uuid } from '../../shared/primitives';
import { defineTopic } from '../../topic-contract';

export const IncidentEventType = z.enum([
  'incident.opened',
  'incident.updated',
  'incident.status_changed',
  'incident.severity_changed',
  'incident.resolved',
  'incident.closed',
]);
export type IncidentEventType = z.output<typeof IncidentEventType>;

/** The incident as it stands after the change; consumers need not call back to the incidents service. */
export const IncidentSnapshot = z.object({
  id: Uuid,
  title: NonEmptyString.max(500, { error: 'must be at most 500 characters' }),
  severity: IncidentSeverity,
  status: IncidentStatus,
  services: z.array(NonEmptyString),
});
export type IncidentSnapshot = z.output<typeof IncidentSnapshot>;

export const IncidentEvent = z.object({
  eventId: EventId,
  occurredAt: IsoDateTime,
  type: IncidentEventType,
  incident: IncidentSnapshot,
  actor: Actor,
  correlationId: CorrelationId.optional(),
});
export type IncidentEvent = z.output<typeof IncidentEvent>;
export type IncidentEventInput = z.input<typeof IncidentEvent>;

export const incidentsTopic = defineTopic({
  topic: 'keel.incidents.v1',
  version: 1,
  description: 'Incident lifecycle events (opened, updated, status and severity changes, resolved, closed).',
  schema: IncidentEvent,
  key: (event) => event.incident.id,
});
