import { type Labels, labelsFingerprint } from '@keel/promql';
import type { AlertingRule } from '../rule-file/rule-file.types';
import { AlertTemplate, type QuerySample, TemplateParseError } from '../templates/template';
import type { AlertInstance, NotifierAlert, RuleQuerier, RuleSample } from './evaluation.types';
import { ALERT_NAME, METRIC_NAME, setLabel, sortedLabels } from './labels';
import { type Clock, RuleStatus } from './rule-status';

/** How long a resolved alert stays in the rule's state (and keeps being sent as resolved): Prometheus' 15 minutes. */
export const RESOLVED_RETENTION_MS = 15 * 60 * 1000;

export const ALERTS_METRIC = 'ALERTS';
export const ALERTS_FOR_STATE_METRIC = 'ALERTS_FOR_STATE';
const ALERT_STATE_LABEL = 'alertstate';

export interface AlertingRuleOptions {
  /** `$externalLabels` in templates. */
  externalLabels?: Record<string, string>;
  /** `$externalURL` in templates and the base of generator URLs. */
  externalURL?: string;
  now?: Clock;
}

export function copyAlert(a: AlertInstance): AlertInstance {
  return { ...a, labels: { ...a.labels }, annotations: { ...a.annotations } };
}

/**
 * Prometheus' AlertingRule: `eval` follows AlertingRule.Eval of Prometheus 3 (rules/alerting.go) step by step —
 * pending alerts for new results, `for` before firing, `keep_firing_for`, resolved alerts kept 15 minutes, the
 * group limit, and the `ALERTS` / `ALERTS_FOR_STATE` series. State lives in memory; `restore` loads it back.
 */
export class AlertingRuleEvaluator extends RuleStatus {
  readonly kind = 'alerting';
  readonly name: string;
  readonly expr: string;
  readonly forMs: number;
  readonly keepFiringForMs: number;
  /** The rule's labels as written (templates unexpanded); `ALERTS` starts from these, as in Prometheus. */
  private readonly labels: Record<string, string>;
  private readonly labelTemplates: [string, string][];
  private readonly annotationTemplates: [string, string][];
  private readonly templates = new Map<string, AlertTemplate | TemplateParseError>();
  private readonly externalLabels: Record<string, string>;
  private readonly externalURL: string;
  private readonly active = new Map<string, AlertInstance>();

  constructor(rule: AlertingRule, options: AlertingRuleOptions = {}) {
    super(options.now ?? Date.now);
    this.name = rule.name;
    this.expr = rule.expr;
    this.forMs = rule.forMs;
    this.keepFiringForMs = rule.keepFiringForMs;
    this.labels = { ...rule.labels };
    this.labelTemplates = Object.entries(rule.labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.annotationTemplates = Object.entries(rule.annotations).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.externalLabels = { ...(options.externalLabels ?? {}) };
    this.externalURL = options.externalURL ?? '';
  }

  /** Alerts not resolved (pending or firing), like Prometheus' ActiveAlerts. */
  activeAlerts(): AlertInstance[] {
    return [...this.active.values()].filter((a) => a.resolvedAtMs === undefined).map(copyAlert);
  }

  /** Every alert the rule holds, resolved ones kept for the retention period included. */
  allAlerts(): AlertInstance[] {
    return [...this.active.values()].map(copyAlert);
  }

  /** Loads persisted alerts (replacing the current state); fingerprints are recomputed from the labels. */
  restore(alerts: readonly AlertInstance[]): void {
    this.active.clear();
    for (const a of alerts) {
      const labels = sortedLabels(a.labels);
      const fingerprint = labelsFingerprint(labels);
      this.active.set(fingerprint, { ...copyAlert(a), labels, fingerprint });
    }
  }

  protected async evaluate(
    tsMs: number,
    queryOffsetMs: number,
    querier: RuleQuerier,
    limit: number,
  ): Promise<RuleSample[]> {
    const result = await querier.query(this.expr, tsMs - queryOffsetMs);
    // Templates' `query` runs at the evaluation time itself, as Prometheus' template expander does.
    const templateQuery = async (q: string): Promise<QuerySample[]> => querier.query(q, tsMs);

    const fresh = new Map<string, AlertInstance>();
    for (const sample of result) {
      const data = {
        labels: sample.labels,
        externalLabels: this.externalLabels,
        externalURL: this.externalURL,
        value: sample.value,
      };
      const expand = async (text: string): Promise<string> => {
        const template = this.template(text);
        if (template instanceof TemplateParseError) {
          return `<error expanding template: error parsing template __alert_${this.name}: ${template.message}>`;
        }
        const expanded = await template.expand(data, { query: templateQuery });
        return expanded.ok ? expanded.text : `<error expanding template: ${expanded.error}>`;
      };

      const labels: Labels = { ...sample.labels };
      delete labels[METRIC_NAME];
      for (const [name, text] of this.labelTemplates) {
        setLabel(labels, name, await expand(text));
      }
      labels[ALERT_NAME] = this.name;
      const annotations: Record<string, string> = {};
      for (const [name, text] of this.annotationTemplates) {
        annotations[name] = await expand(text);
      }

      const sorted = sortedLabels(labels);
      const fingerprint = labelsFingerprint(sorted);
      if (fresh.has(fingerprint)) {
        throw new Error('vector contains metrics with the same labelset after applying alert labels');
      }
      fresh.set(fingerprint, {
        fingerprint,
        labels: sorted,
        annotations,
        state: 'pending',
        value: sample.value,
        activeAtMs: tsMs,
      });
    }

    for (const [fingerprint, alert] of fresh) {
      // An alert already pending or firing keeps its timers; only value and annotations follow the new result.
      const existing = this.active.get(fingerprint);
      if (existing && existing.state !== 'inactive') {
        existing.value = alert.value;
        existing.annotations = alert.annotations;
        continue;
      }
      this.active.set(fingerprint, alert);
    }

    let activeOrPending = 0;
    const out: RuleSample[] = [];
    for (const [fingerprint, alert] of this.active) {
      if (!fresh.has(fingerprint)) {
        let keepFiring = false;
        if (alert.state === 'firing' && this.keepFiringForMs > 0) {
          alert.keepFiringSinceMs ??= tsMs;
          keepFiring = tsMs - alert.keepFiringSinceMs < this.keepFiringForMs;
        }
        if (
          alert.state === 'pending' ||
          (alert.resolvedAtMs !== undefined && tsMs - alert.resolvedAtMs > RESOLVED_RETENTION_MS)
        ) {
          this.active.delete(fingerprint);
        }
        if (alert.state !== 'inactive' && !keepFiring) {
          alert.state = 'inactive';
          alert.resolvedAtMs = tsMs;
        }
        if (!keepFiring) {
          continue;
        }
      } else {
        alert.keepFiringSinceMs = undefined;
      }
      activeOrPending++;
      if (alert.state === 'pending' && tsMs - alert.activeAtMs >= this.forMs) {
        alert.state = 'firing';
        alert.firedAtMs = tsMs;
      }
      out.push(this.alertsSample(alert, tsMs - queryOffsetMs), this.forStateSample(alert, tsMs - queryOffsetMs));
    }

    if (limit > 0 && activeOrPending > limit) {
      this.active.clear();
      throw new Error(`exceeded limit of ${limit} with ${activeOrPending} alerts`);
    }
    return out;
  }

  /**
   * Prometheus' sendAlerts/needsSending: firing alerts not sent for longer than `resendDelayMs`, and alerts
   * resolved since they were last sent. Marks them sent at `tsMs`, valid until `tsMs + 4 * max(resendDelay,
   * interval)` (room for two failed evaluations or sends), and returns copies.
   */
  alertsToSend(tsMs: number, resendDelayMs: number, intervalMs: number): AlertInstance[] {
    const out: AlertInstance[] = [];
    for (const alert of this.active.values()) {
      if (!needsSending(alert, tsMs, resendDelayMs)) {
        continue;
      }
      alert.lastSentAtMs = tsMs;
      alert.validUntilMs = tsMs + 4 * Math.max(resendDelayMs, intervalMs);
      out.push(copyAlert(alert));
    }
    return out;
  }

  /** The link Prometheus puts in `generatorURL`: the expression in the external URL's graph page. */
  generatorURL(): string {
    return alertGeneratorURL(this.externalURL, this.expr);
  }

  private template(text: string): AlertTemplate | TemplateParseError {
    let template = this.templates.get(text);
    if (template === undefined) {
      try {
        template = AlertTemplate.parse(text, `__alert_${this.name}`);
      } catch (error) {
        if (!(error instanceof TemplateParseError)) {
          throw error;
        }
        template = error;
      }
      this.templates.set(text, template);
    }
    return template;
  }

  private alertsSample(alert: AlertInstance, timestampMs: number): RuleSample {
    const labels: Labels = { ...this.labels };
    for (const [name, value] of Object.entries(alert.labels)) {
      setLabel(labels, name, value);
    }
    labels[METRIC_NAME] = ALERTS_METRIC;
    labels[ALERT_NAME] = this.name;
    labels[ALERT_STATE_LABEL] = alert.state;
    return { labels: sortedLabels(labels), timestampMs, value: 1 };
  }

  private forStateSample(alert: AlertInstance, timestampMs: number): RuleSample {
    const labels: Labels = { ...this.labels };
    for (const [name, value] of Object.entries(alert.labels)) {
      setLabel(labels, name, value);
    }
    labels[METRIC_NAME] = ALERTS_FOR_STATE_METRIC;
    labels[ALERT_NAME] = this.name;
    // Go's Time.Unix(): whole seconds, rounded down.
    return { labels: sortedLabels(labels), timestampMs, value: Math.floor(alert.activeAtMs / 1000) };
  }
}

function needsSending(alert: AlertInstance, tsMs: number, resendDelayMs: number): boolean {
  if (alert.state === 'pending') {
    return false;
  }
  // Resolved since the last send: send the resolution.
  if (
    alert.resolvedAtMs !== undefined &&
    (alert.lastSentAtMs === undefined || alert.resolvedAtMs > alert.lastSentAtMs)
  ) {
    return true;
  }
  return alert.lastSentAtMs === undefined || alert.lastSentAtMs + resendDelayMs < tsMs;
}

/** Go's url.QueryEscape: everything but letters, digits and `-_.~` percent-encoded, spaces as `+`. */
export function goQueryEscape(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    const c = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.~]/.test(c)) {
      out += c;
    } else if (c === ' ') {
      out += '+';
    } else {
      out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
  }
  return out;
}

/** Prometheus' generator URL for an alert: `<externalURL>/graph?g0.expr=<expr>&g0.tab=1`. */
export function alertGeneratorURL(externalURL: string, expr: string): string {
  return `${externalURL}/graph?g0.expr=${goQueryEscape(expr)}&g0.tab=1`;
}

/** The notifier's view of an alert (cmd/prometheus sendAlerts): starts when it fired, ends when resolved or
 * when its validity runs out. */
export function toNotifierAlert(alert: AlertInstance, generatorURL: string): NotifierAlert {
  return {
    labels: { ...alert.labels },
    annotations: { ...alert.annotations },
    startsAtMs: alert.firedAtMs,
    endsAtMs: alert.resolvedAtMs ?? alert.validUntilMs,
    generatorURL,
  };
}
