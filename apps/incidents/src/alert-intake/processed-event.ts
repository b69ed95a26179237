import type { AlertEvent } from '@keel/contracts';
import type { IntakeDecision, ProcessedAlertEvent } from './alert-intake.types';

/**
 * The processed-events row of an applied decision: store it in the same transaction as the decision's effect, so
 * a redelivery finds its key exactly when the effect is there. Ignored events may be stored too (harmless).
 */
export function processedAlertEvent(
  event: Pick<AlertEvent, 'eventId' | 'alert'>,
  decision: IntakeDecision,
  processedAt: Date,
): ProcessedAlertEvent {
  return {
    dedupeKey: decision.dedupeKey,
    eventId: event.eventId,
    fingerprint: event.alert.fingerprint,
    outcome: decision.kind,
    ignoreReason: decision.kind === 'ignore' ? decision.reason : null,
    processedAt,
  };
}
