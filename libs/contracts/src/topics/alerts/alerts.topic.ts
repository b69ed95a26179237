import { z } from 'zod';
import { EventId, IsoDateTime, NonEmptyString } from '../../shared/primitives';
import { defineTopic } from '../../topic-contract';
import { LabelName, LabelValue } from '../metrics/metrics.topic';
import { SampleValue } from '../metrics/sample-value';

/** States an alert can be published in; `inactive` only appears as the state it left. */
export const AlertState = z.enum(['pending', 'firing', 'resolved']);
export type AlertState = z.output<typeof AlertState>;

export const PreviousAlertState = z.enum(['inactive', 'pending', 'firing']);
export type PreviousAlertState = z.output<typeof PreviousAlertState>;

export const Alert = z.object({
  /** Stable hash of the alert's label set; identical alerts share it across evaluations. */
  fingerprint: NonEmptyString.max(128, { error: 'must be at most 128 characters' }),
  ruleGroup: NonEmptyString.optional(),
  ruleName: NonEmptyString,
  labels: z.record(LabelName, LabelValue),
  annotations: z.record(z.string().min(1, { error: 'annotation name must not be empty' }), z.string()),
  state: AlertState,
  activeAt: IsoDateTime.optional(),
  firedAt: IsoDateTime.optional(),
  resolvedAt: IsoDateTime.optional(),
  /** The rule expression's value when the state changed; NaN and ±Inf travel as Prometheus spells them. */
  value: SampleValue.optional(),
  generatorUrl: z.string().min(1, { error: 'must not be empty' }).optional(),
});
export type Alert = z.output<typeof Alert>;

export const AlertEvent = z.object({
  eventId: EventId,
  occurredAt: IsoDateTime,
  alert: Alert,
  previousState: PreviousAlertState.optional(),
});
export type AlertEvent = z.output<typeof AlertEvent>;
export type AlertEventInput = z.input<typeof AlertEvent>;

export const alertsTopic = defineTopic({
  topic: 'keel.alerts.v1',
  version: 1,
  description: 'Alert state changes (pending, firing, resolved) from the alerting service; consumed by incidents.',
  schema: AlertEvent,
  key: (event) => event.alert.fingerprint,
});
