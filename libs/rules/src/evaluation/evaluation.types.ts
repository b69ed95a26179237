import type { Labels } from '@keel/promql';

/** One sample of an instant query's result, as a rule sees it. */
export type InstantVector = { labels: Labels; value: number }[];

/**
 * Where rules read data from. `timeMs` is the evaluation time (already shifted by the query offset).
 * A scalar result is one sample with no labels; anything else than a vector or scalar is an error.
 */
export interface RuleQuerier {
  query(expr: string, timeMs: number): Promise<InstantVector>;
}

/** A sample a rule writes back: a recording rule's result, `ALERTS`/`ALERTS_FOR_STATE`, or a stale marker. */
export interface RuleSample {
  labels: Labels;
  timestampMs: number;
  /** A stale marker is `STALE_NAN` (see `isStaleNaN` of @keel/promql). */
  value: number;
}

export type AlertState = 'pending' | 'firing' | 'inactive';

export type RuleHealth = 'unknown' | 'ok' | 'err';

/**
 * One alert of an alerting rule: plain, JSON-friendly data the alerting service persists and restores.
 * Times are milliseconds since the epoch; an absent time is Go's zero time in Prometheus.
 */
export interface AlertInstance {
  /** Alertmanager's fingerprint of `labels` (FNV-1a 64, hex); the alert's identity within its rule. */
  fingerprint: string;
  /** Labels of the alert: the sample's labels without `__name__`, the rule's labels expanded, `alertname`. */
  labels: Labels;
  annotations: Record<string, string>;
  state: AlertState;
  /** The value of the sample that last produced the alert (NaN does not survive JSON: it becomes null). */
  value: number;
  /** When the alert became pending (the `for` timer starts here). */
  activeAtMs: number;
  firedAtMs?: number;
  resolvedAtMs?: number;
  lastSentAtMs?: number;
  validUntilMs?: number;
  /** Set while a firing alert is held by `keep_firing_for` after its expression stopped returning it. */
  keepFiringSinceMs?: number;
}

/** A change of an alert's state in one group evaluation. `from: 'inactive'` also stands for "did not exist". */
export interface AlertTransition {
  rule: string;
  /** The alert after the evaluation; for `deleted`, as it was before. */
  alert: AlertInstance;
  from: AlertState;
  to: 'pending' | 'firing' | 'resolved' | 'deleted';
}

/** An alert whose stored fields changed in one group evaluation (deleted alerts are reported as transitions). */
export interface AlertChange {
  rule: string;
  alert: AlertInstance;
  /** Which fields differ from the state before the evaluation (all of them for a new alert). */
  fields: (keyof AlertInstance)[];
}

/** What Alertmanager receives for an alert (Prometheus' notifier.Alert). */
export interface NotifierAlert {
  labels: Labels;
  annotations: Record<string, string>;
  /** `firedAt`. */
  startsAtMs?: number;
  /** `resolvedAt` once resolved, otherwise `validUntil`. */
  endsAtMs?: number;
  generatorURL: string;
}
