import type { Logger } from '@nestjs/common';
import { isStaleNaN } from '@keel/promql';
import {
  alertGeneratorURL,
  GroupEvaluator,
  groupEvaluationTimestamp,
  type AlertInstance,
  type AlertTransition,
  type GroupEvaluation,
  type RuleQuerier,
} from '@keel/rules';
import type { AlertingMetrics } from '../alerting-metrics';
import type { LoadedGroup } from '../rules/loaded-group';
import type { AlertEventsPublisher, AlertStateChange } from './alert-events.publisher';
import type { AlertStateChanges, AlertStateRepository, StoredAlert } from './alert-state.repository';
import { ruleDefinition, type GroupStatus, type RuleStatus } from './group-status';
import type { RuleSamplesPublisher } from './rule-samples.publisher';

/** An alert as the rule manager hands it to the notifier (Alertmanager's postable alert). */
export interface OutgoingAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: Date;
  endsAt: Date;
  generatorURL: string;
}

export interface GroupRunnerDeps {
  querier: RuleQuerier;
  states: AlertStateRepository;
  events: AlertEventsPublisher;
  samples: RuleSamplesPublisher;
  /** Hands alerts to the notification pipeline (the same path as POST /api/v2/alerts). */
  notify: (alerts: OutgoingAlert[]) => void;
  metrics: AlertingMetrics;
  logger: Logger;
  externalLabels: Record<string, string>;
  externalUrl: string;
  defaultIntervalMs: number;
  defaultQueryOffsetMs: number;
  resendDelayMs: number;
  now?: () => number;
}

/**
 * Runs one rule group: every interval, at timestamps aligned as Prometheus aligns them, its rules in order at
 * one timestamp. After each evaluation the changed alert state is written to PostgreSQL (with a history entry
 * per state change) before anything is announced, then state changes go to keel.alerts.v1, recording results
 * and ALERTS series to the ingest path, and due alerts to the notifier.
 */
export class GroupRunner {
  readonly evaluator: GroupEvaluator;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  readonly intervalMs: number;
  readonly queryOffsetMs: number;
  private readonly now: () => number;

  constructor(
    readonly loaded: LoadedGroup,
    private readonly deps: GroupRunnerDeps,
    restored: readonly StoredAlert[],
    previous?: GroupEvaluator,
  ) {
    this.intervalMs = loaded.group.intervalMs ?? deps.defaultIntervalMs;
    this.queryOffsetMs = loaded.group.queryOffsetMs ?? deps.defaultQueryOffsetMs;
    this.now = deps.now ?? Date.now;
    this.evaluator = new GroupEvaluator(loaded.group, {
      file: loaded.file,
      evaluationIntervalMs: this.intervalMs,
      queryOffsetMs: this.queryOffsetMs,
      externalLabels: deps.externalLabels,
      externalURL: deps.externalUrl,
      resendDelayMs: deps.resendDelayMs,
    });
    // A changed group takes over the alerts of its rules by name (Prometheus' Group.CopyState); after a restart
    // the persisted alerts come back the same way.
    const byRule: Record<string, AlertInstance[]> = {};
    for (const rule of previous?.alertingRules() ?? []) byRule[rule.name] = rule.allAlerts();
    for (const s of restored) (byRule[s.ruleName] ??= []).push(s.alert);
    this.evaluator.restore(byRule);
    deps.metrics.groupRules.set({ rule_group: loaded.key }, loaded.group.rules.length);
  }

  start(): void {
    this.schedule();
  }

  /** Stops the timer and waits for an evaluation in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    const now = this.now();
    let next = groupEvaluationTimestamp(now, this.intervalMs, { file: this.loaded.file, name: this.loaded.group.name });
    if (next <= now) next += this.intervalMs;
    this.timer = setTimeout(() => {
      this.running = this.evaluate(next)
        .then(() => undefined)
        .finally(() => {
          this.running = undefined;
          this.schedule();
        });
    }, next - now);
    this.timer.unref();
  }

  /** One evaluation at `tsMs`; also what tests and the benchmark call directly. */
  async evaluate(tsMs: number): Promise<GroupEvaluation | undefined> {
    const started = performance.now();
    const key = this.loaded.key;
    try {
      const result = await this.evaluator.eval(tsMs, this.deps.querier);
      this.deps.metrics.evaluations.inc({ rule_group: key }, result.rules.length);
      for (const r of result.rules) this.deps.metrics.ruleEvaluationSeconds.observe(r.durationMs / 1000);
      const failures = result.rules.filter((r) => r.health === 'err').length;
      if (failures > 0) this.deps.metrics.evaluationFailures.inc({ rule_group: key }, failures);

      // State first: what is announced or sent must survive a crash right after.
      const at = new Date(tsMs);
      await this.deps.states.apply(this.stateChanges(result, at));
      const announced = result.transitions.flatMap((t) => this.announcement(t, at));
      await Promise.all([
        this.deps.events.publish(announced),
        // Stale markers do not survive JSON (a NaN is a NaN); the series simply ends.
        this.deps.samples.publish(result.samples.filter((s) => !isStaleNaN(s.value))),
      ]);
      if (result.alertsToSend.length > 0) {
        this.deps.notify(
          result.alertsToSend.map(({ notification: n }) => ({
            labels: { ...this.deps.externalLabels, ...n.labels },
            annotations: n.annotations,
            startsAt: new Date(n.startsAtMs ?? tsMs),
            endsAt: new Date(n.endsAtMs ?? tsMs),
            generatorURL: n.generatorURL,
          })),
        );
      }
      return result;
    } catch (error) {
      this.deps.logger.error(
        `evaluation of rule group ${key} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      return undefined;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      this.deps.metrics.groupLastDuration.set({ rule_group: key }, seconds);
      this.deps.metrics.groupLastEvaluation.set({ rule_group: key }, tsMs / 1000);
      if (seconds * 1000 > this.intervalMs) {
        this.deps.metrics.groupIterationsMissed.inc(
          { rule_group: key },
          Math.floor((seconds * 1000) / this.intervalMs),
        );
      }
    }
  }

  /**
   * One keel.alerts.v1 event per state change. A pending alert that went away before firing is announced as
   * resolved (so a portal stops showing it); the end of a resolved alert's 15-minute retention is no change.
   */
  private announcement(t: AlertTransition, at: Date): AlertStateChange[] {
    if (t.to === 'deleted' && t.from !== 'pending') return [];
    return [
      {
        groupName: this.loaded.group.name,
        ruleName: t.rule,
        alert: t.alert,
        from: t.from,
        to: t.to === 'deleted' ? 'resolved' : t.to,
        at,
        generatorUrl: alertGeneratorURL(this.deps.externalUrl, this.exprOf(t.rule)),
      },
    ];
  }

  private exprOf(ruleName: string): string {
    return this.loaded.group.rules.find((r) => r.name === ruleName)?.expr ?? '';
  }

  /** Writes only changes that matter after a restart: never the value (or annotations) alone. */
  private stateChanges(result: GroupEvaluation, at: Date): AlertStateChanges {
    const key = this.loaded.key;
    return {
      upserts: result.changedAlerts
        .filter((c) => c.fields.some((f) => f !== 'value' && f !== 'annotations'))
        .map(({ rule, alert }) => ({ groupKey: key, ruleName: rule, alert })),
      deletes: result.transitions
        .filter((t) => t.to === 'deleted')
        .map((t) => ({ groupKey: key, ruleName: t.rule, fingerprint: t.alert.fingerprint })),
      history: result.transitions
        .filter((t) => t.to !== 'deleted' || t.from === 'pending')
        .map((t) => ({
          occurredAt: at,
          groupKey: key,
          ruleName: t.rule,
          fingerprint: t.alert.fingerprint,
          labels: t.alert.labels,
          annotations: t.alert.annotations,
          fromState: t.from,
          toState: t.to === 'deleted' ? 'resolved' : t.to,
          value: t.alert.value,
        })),
    };
  }

  status(): GroupStatus {
    const g = this.loaded.group;
    return {
      key: this.loaded.key,
      name: g.name,
      file: this.loaded.file,
      source: this.loaded.source,
      intervalMs: this.intervalMs,
      queryOffsetMs: this.queryOffsetMs,
      limit: g.limit,
      lastEvaluation: ms(this.evaluator.lastEvaluationMs),
      evaluationMs: this.evaluator.evaluationDurationMs,
      rules: g.rules.map((rule, i): RuleStatus => {
        const s = this.evaluator.rules[i];
        return {
          ...ruleDefinition(rule),
          health: s.health,
          lastError: s.lastError,
          lastEvaluation: ms(s.lastEvaluationMs),
          evaluationMs: s.evaluationDurationMs,
          alerts: s.kind === 'alerting' ? s.allAlerts() : [],
        };
      }),
    };
  }
}

function ms(value: number | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value);
}
