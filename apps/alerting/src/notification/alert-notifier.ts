import type { OutgoingAlert } from '../evaluation/group-runner';

/** Where the rule evaluator hands alerts that are due to be sent (the notification pipeline). */
export interface AlertNotifier {
  accept(alerts: OutgoingAlert[]): void;
}

export const ALERT_NOTIFIER = Symbol('ALERT_NOTIFIER');
