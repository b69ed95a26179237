import { type Labels, STALE_NAN } from '@keel/promql';
import type { RuleGroup } from '../rule-file/rule-file.types';
import { AlertingRuleEvaluator, toNotifierAlert } from './alerting-rule';
import type {
  AlertChange,
  AlertInstance,
  AlertTransition,
  NotifierAlert,
  RuleHealth,
  RuleQuerier,
  RuleSample,
} from './evaluation.types';
import { labelsKey, sameStrings } from './labels';
import { RecordingRuleEvaluator } from './recording-rule';
import type { Clock } from './rule-status';

export const DEFAULT_EVALUATION_INTERVAL_MS = 60_000;
/** Prometheus' --rules.alert.resend-delay default. */
export const DEFAULT_RESEND_DELAY_MS = 60_000;

export type RuleEvaluator = AlertingRuleEvaluator | RecordingRuleEvaluator;

export interface GroupEvaluatorOptions {
  /** The rule file of the group: with the name, the group's identity (see groupEvaluationTimestamp). */
  file?: string;
  /** Global evaluation interval for a group without `interval` (default 1m). */
  evaluationIntervalMs?: number;
  /** Global rule query offset for a group without `query_offset` (default 0). */
  queryOffsetMs?: number;
  externalLabels?: Record<string, string>;
  externalURL?: string;
  /** Minimum time between two sends of the same firing alert (default 1m). */
  resendDelayMs?: number;
  /** Wall clock for health timing (default Date.now). */
  now?: Clock;
}

/** One rule's output, handed to the sink before the next rule runs. */
export interface RuleOutput {
  rule: string;
  kind: 'alerting' | 'recording';
  /** Recording results, or `ALERTS` and `ALERTS_FOR_STATE` samples. */
  samples: RuleSample[];
  /** STALE_NAN for each series this rule wrote last time and not now (Prometheus marks them stale). */
  staleMarkers: RuleSample[];
}

/**
 * Receives each rule's output as soon as the rule is evaluated, so the next rules of the group see it at the
 * same timestamp (promtool writes it into its storage, the alerting service publishes it). A thrown error marks
 * the rule failed, as a failed storage commit does in Prometheus; the group goes on.
 */
export type RuleOutputSink = (output: RuleOutput) => void | Promise<void>;

export interface RuleEvaluationResult {
  name: string;
  kind: 'alerting' | 'recording';
  health: RuleHealth;
  lastError?: string;
  /** Samples the rule returned (stale markers not counted). */
  samples: number;
  durationMs: number;
}

export interface AlertToSend {
  rule: string;
  alert: AlertInstance;
  notification: NotifierAlert;
}

export interface GroupEvaluation {
  timestampMs: number;
  /** Everything the group writes, in order: every rule's samples followed by its stale markers. */
  samples: RuleSample[];
  alertsToSend: AlertToSend[];
  rules: RuleEvaluationResult[];
  /** State changes of alerts (new, pending→firing, resolved, deleted), one per alert at most. */
  transitions: AlertTransition[];
  /** Alerts whose persisted fields changed (new and transitioned alerts included; deleted ones are not). */
  changedAlerts: AlertChange[];
}

const ALERT_FIELDS: (keyof AlertInstance)[] = [
  'fingerprint',
  'labels',
  'annotations',
  'state',
  'value',
  'activeAtMs',
  'firedAtMs',
  'resolvedAtMs',
  'lastSentAtMs',
  'validUntilMs',
  'keepFiringSinceMs',
];

function changedFields(before: AlertInstance | undefined, after: AlertInstance): (keyof AlertInstance)[] {
  if (!before) {
    return [...ALERT_FIELDS];
  }
  return ALERT_FIELDS.filter((field) => {
    const a = before[field];
    const b = after[field];
    if (typeof a === 'object' && typeof b === 'object') {
      return !sameStrings(a, b);
    }
    return !Object.is(a, b);
  });
}

/**
 * Evaluates one rule group like Prometheus' Group.Eval: the rules in order at one timestamp, each rule's
 * failure recorded on that rule while the others go on, alerts to send worked out after each alerting rule,
 * and stale markers for series a rule stopped producing.
 */
export class GroupEvaluator {
  readonly name: string;
  readonly file: string;
  readonly intervalMs: number;
  readonly queryOffsetMs: number;
  readonly limit: number;
  readonly resendDelayMs: number;
  readonly rules: RuleEvaluator[];
  lastEvaluationMs: number | undefined;
  evaluationDurationMs = 0;
  /** The evaluation timestamp of the last run. */
  lastEvaluationTimestampMs: number | undefined;
  private readonly now: Clock;
  private readonly previousSeries: Map<string, Labels>[];

  constructor(group: RuleGroup, options: GroupEvaluatorOptions = {}) {
    this.name = group.name;
    this.file = options.file ?? group.position.file;
    this.intervalMs = group.intervalMs ?? options.evaluationIntervalMs ?? DEFAULT_EVALUATION_INTERVAL_MS;
    this.queryOffsetMs = group.queryOffsetMs ?? options.queryOffsetMs ?? 0;
    this.limit = group.limit;
    this.resendDelayMs = options.resendDelayMs ?? DEFAULT_RESEND_DELAY_MS;
    this.now = options.now ?? Date.now;
    const ruleOptions = {
      externalLabels: options.externalLabels,
      externalURL: options.externalURL,
      now: this.now,
    };
    // Group labels apply to every rule; a rule's own label of the same name wins.
    this.rules = group.rules.map((rule) => {
      const labels = { ...group.labels, ...rule.labels };
      return rule.kind === 'alerting'
        ? new AlertingRuleEvaluator({ ...rule, labels }, ruleOptions)
        : new RecordingRuleEvaluator({ ...rule, labels }, ruleOptions);
    });
    this.previousSeries = this.rules.map(() => new Map());
  }

  alertingRules(): AlertingRuleEvaluator[] {
    return this.rules.filter((r): r is AlertingRuleEvaluator => r.kind === 'alerting');
  }

  alertingRule(name: string): AlertingRuleEvaluator | undefined {
    return this.alertingRules().find((r) => r.name === name);
  }

  /** Loads persisted alerts per alerting rule name; rules not named keep their state. */
  restore(alertsByRule: Record<string, readonly AlertInstance[]>): void {
    for (const rule of this.alertingRules()) {
      const alerts = alertsByRule[rule.name];
      if (alerts) {
        rule.restore(alerts);
      }
    }
  }

  async eval(tsMs: number, querier: RuleQuerier, options: { sink?: RuleOutputSink } = {}): Promise<GroupEvaluation> {
    const started = this.now();
    this.lastEvaluationMs = started;
    const before = new Map(
      this.alertingRules().map((r) => [r.name, new Map(r.allAlerts().map((a) => [a.fingerprint, a]))]),
    );
    const result: GroupEvaluation = {
      timestampMs: tsMs,
      samples: [],
      alertsToSend: [],
      rules: [],
      transitions: [],
      changedAlerts: [],
    };

    for (const [i, rule] of this.rules.entries()) {
      let samples: RuleSample[] | undefined;
      try {
        samples = await rule.eval(tsMs, this.queryOffsetMs, querier, this.limit);
      } catch {
        // Recorded on the rule (health err, lastError); the other rules still run.
      }
      if (samples) {
        if (rule.kind === 'alerting') {
          for (const alert of rule.alertsToSend(tsMs, this.resendDelayMs, this.intervalMs)) {
            result.alertsToSend.push({
              rule: rule.name,
              alert,
              notification: toNotifierAlert(alert, rule.generatorURL()),
            });
          }
        }
        const returned = new Map(samples.map((s) => [labelsKey(s.labels), s.labels]));
        const staleMarkers: RuleSample[] = [];
        for (const [key, labels] of this.previousSeries[i]) {
          if (!returned.has(key)) {
            staleMarkers.push({ labels, timestampMs: tsMs - this.queryOffsetMs, value: STALE_NAN });
          }
        }
        try {
          await options.sink?.({ rule: rule.name, kind: rule.kind, samples, staleMarkers });
        } catch (error) {
          rule.setHealth(error instanceof Error ? error.message : String(error));
        }
        this.previousSeries[i] = returned;
        result.samples.push(...samples, ...staleMarkers);
      }
      result.rules.push({
        name: rule.name,
        kind: rule.kind,
        health: rule.health,
        ...(rule.lastError !== undefined ? { lastError: rule.lastError } : {}),
        samples: samples?.length ?? 0,
        durationMs: rule.evaluationDurationMs,
      });
    }

    for (const rule of this.alertingRules()) {
      this.collectChanges(rule, before.get(rule.name) ?? new Map(), result);
    }
    this.lastEvaluationTimestampMs = tsMs;
    this.evaluationDurationMs = Math.max(0, this.now() - started);
    return result;
  }

  private collectChanges(
    rule: AlertingRuleEvaluator,
    before: Map<string, AlertInstance>,
    result: GroupEvaluation,
  ): void {
    const after = new Map(rule.allAlerts().map((a) => [a.fingerprint, a]));
    for (const [fingerprint, old] of before) {
      if (!after.has(fingerprint)) {
        result.transitions.push({ rule: rule.name, alert: old, from: old.state, to: 'deleted' });
      }
    }
    for (const [fingerprint, alert] of after) {
      const old = before.get(fingerprint);
      const from = old?.state ?? 'inactive';
      if (alert.state !== from) {
        const to = alert.state === 'inactive' ? 'resolved' : alert.state;
        result.transitions.push({ rule: rule.name, alert, from, to });
      }
      // A resolved alert that came back is a new alert: compare it with nothing.
      const fields = changedFields(old?.state === 'inactive' && alert.state !== 'inactive' ? undefined : old, alert);
      if (fields.length > 0) {
        result.changedAlerts.push({ rule: rule.name, alert, fields });
      }
    }
  }
}
