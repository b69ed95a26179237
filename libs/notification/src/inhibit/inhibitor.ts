// Alertmanager's inhibitor: a target alert is muted while a firing source alert exists with the same values
// for the `equal` labels (absent on both sides counts as equal). When an alert matches both the source and the
// target side of a rule, source alerts that also match the target side are ignored, so an alert never
// inhibits itself (nor its peers of the same kind).
import { alertFingerprint, isResolved, type Alert, type AlertStore } from '../alerts/alert';
import type { LabelSet } from '../labels/label-set';
import { matchesLabels, type Matcher } from '../matchers/matcher';

export interface InhibitRule {
  /** Legacy source_match / source_match_re are already converted to matchers. */
  sourceMatchers: Matcher[];
  targetMatchers: Matcher[];
  equal: string[];
}

function labelValue(labels: LabelSet, name: string): string {
  return Object.hasOwn(labels, name) ? labels[name] : '';
}

/**
 * InhibitRule.hasEqual over a set of candidate source alerts: the fingerprint of a firing source whose
 * `equal` labels match, or undefined.
 */
function inhibitingSource(
  rule: InhibitRule,
  sources: Iterable<Alert>,
  labels: LabelSet,
  excludeTwoSided: boolean,
  now: number,
): string | undefined {
  for (const source of sources) {
    if (isResolved(source, now)) {
      continue;
    }
    if (!rule.equal.every((name) => labelValue(source.labels, name) === labelValue(labels, name))) {
      continue;
    }
    if (excludeTwoSided && matchesLabels(rule.targetMatchers, source.labels)) {
      continue;
    }
    return alertFingerprint(source);
  }
  return undefined;
}

/** Pure form: the fingerprint of the alert inhibiting `labels` under `rules` at `now`, or undefined. */
export function inhibitedBy(
  rules: readonly InhibitRule[],
  alerts: readonly Alert[],
  labels: LabelSet,
  now: number,
): string | undefined {
  for (const rule of rules) {
    if (!matchesLabels(rule.targetMatchers, labels)) {
      continue;
    }
    const sources = alerts.filter((a) => matchesLabels(rule.sourceMatchers, a.labels));
    const by = inhibitingSource(rule, sources, labels, matchesLabels(rule.sourceMatchers, labels), now);
    if (by !== undefined) {
      return by;
    }
  }
  return undefined;
}

/**
 * The inhibitor as a subscriber of the alert store: each rule keeps a cache of the alerts matching its
 * source side (resolved ones are skipped when checking and dropped from the cache).
 */
export class Inhibitor {
  private readonly caches: Map<string, Alert>[];
  private unsubscribe: (() => void) | undefined;

  constructor(
    readonly rules: readonly InhibitRule[],
    store?: AlertStore,
  ) {
    this.caches = rules.map(() => new Map<string, Alert>());
    if (store) {
      this.unsubscribe = store.subscribe((alert) => this.observe(alert));
    }
  }

  /** Feeds one stored alert (the store subscription does this). */
  observe(alert: Alert): void {
    this.rules.forEach((rule, i) => {
      if (matchesLabels(rule.sourceMatchers, alert.labels)) {
        this.caches[i].set(alertFingerprint(alert), alert);
      }
    });
  }

  /** Inhibitor.Mutes: the fingerprint of the inhibiting alert, or undefined when `labels` is not muted. */
  mutes(labels: LabelSet, now: number): string | undefined {
    for (let i = 0; i < this.rules.length; i++) {
      const rule = this.rules[i];
      if (!matchesLabels(rule.targetMatchers, labels)) {
        continue;
      }
      const cache = this.caches[i];
      for (const [fp, alert] of cache) {
        if (isResolved(alert, now)) {
          cache.delete(fp);
        }
      }
      const by = inhibitingSource(rule, cache.values(), labels, matchesLabels(rule.sourceMatchers, labels), now);
      if (by !== undefined) {
        return by;
      }
    }
    return undefined;
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
