import { z } from 'zod';
import { Actor } from '../../shared/actor';
import { CorrelationId, EventId, IsoDateTime, NonEmptyString } from '../../shared/primitives';
import { defineTopic } from '../../topic-contract';

/** `<domain>.<noun>.<verb>` and deeper, lower snake case: `identity.user.created`. */
export const AUDIT_ACTION_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

export const AuditOutcome = z.enum(['success', 'failure']);
export type AuditOutcome = z.output<typeof AuditOutcome>;

export const AuditResource = z.object({
  type: NonEmptyString,
  id: NonEmptyString,
});
export type AuditResource = z.output<typeof AuditResource>;

export const AuditEvent = z.object({
  eventId: EventId,
  occurredAt: IsoDateTime,
  /** The service that performed the action and published the event. */
  service: NonEmptyString,
  actor: Actor,
  action: z.string().regex(AUDIT_ACTION_PATTERN, {
    error: `must be a dotted lower-case action such as "identity.user.created" (${AUDIT_ACTION_PATTERN.source})`,
  }),
  resource: AuditResource,
  outcome: AuditOutcome,
  /** Why it failed, or why it was allowed when that is not obvious. */
  reason: z.string().optional(),
  correlationId: CorrelationId.optional(),
  details: z.record(z.string(), z.unknown()).default({}),
});
export type AuditEvent = z.output<typeof AuditEvent>;
export type AuditEventInput = z.input<typeof AuditEvent>;

export const auditTopic = defineTopic({
  topic: 'keel.audit.v1',
  version: 1,
  description: 'Who did what to which resource, from every service; consumed by the audit trail.',
  schema: AuditEvent,
  key: (event) => `${event.resource.type}:${event.resource.id}`,
});
