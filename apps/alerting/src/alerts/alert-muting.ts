/** Whether silences or inhibition rules mute an alert's label set, at one moment. */
export interface MutingSnapshot {
  silencedBy(labels: Record<string, string>): string[];
  inhibited(labels: Record<string, string>): boolean;
}

/** Implemented by the notification pipeline, which owns silences and inhibition rules. */
export abstract class AlertMuting {
  abstract now(): MutingSnapshot;
}
