// The escalation's notion of "now", injected so the integration tests move time themselves. It is the Clock of
// @keel/notification (the alerting dispatcher's), of which escalation only needs now().
import { systemClock, type Clock } from '@keel/notification';

export const ESCALATION_CLOCK = Symbol('ESCALATION_CLOCK');

export type EscalationClock = Pick<Clock, 'now'>;

export const systemEscalationClock: EscalationClock = systemClock;
