import type { RecordingRule } from '../rule-file/rule-file.types';
import type { RuleQuerier, RuleSample } from './evaluation.types';
import { labelsKey, METRIC_NAME, setLabel, sortedLabels } from './labels';
import { type Clock, RuleStatus } from './rule-status';

export interface RecordingRuleOptions {
  now?: Clock;
}

/** Prometheus' RecordingRule.Eval: the query's result renamed to `record`, with the rule's labels applied. */
export class RecordingRuleEvaluator extends RuleStatus {
  readonly kind = 'recording';
  readonly name: string;
  readonly expr: string;
  private readonly labels: Record<string, string>;

  constructor(rule: RecordingRule, options: RecordingRuleOptions = {}) {
    super(options.now ?? Date.now);
    this.name = rule.name;
    this.expr = rule.expr;
    this.labels = { ...rule.labels };
  }

  protected async evaluate(
    tsMs: number,
    queryOffsetMs: number,
    querier: RuleQuerier,
    limit: number,
  ): Promise<RuleSample[]> {
    const queryTime = tsMs - queryOffsetMs;
    const result = await querier.query(this.expr, queryTime);
    const seen = new Set<string>();
    const out: RuleSample[] = [];
    for (const sample of result) {
      const labels = { ...sample.labels };
      setLabel(labels, METRIC_NAME, this.name);
      for (const name of Object.keys(this.labels).sort()) {
        setLabel(labels, name, this.labels[name]);
      }
      const key = labelsKey(labels);
      if (seen.has(key)) {
        throw new Error('vector contains metrics with the same labelset after applying rule labels');
      }
      seen.add(key);
      out.push({ labels: sortedLabels(labels), timestampMs: queryTime, value: sample.value });
    }
    if (limit > 0 && out.length > limit) {
      throw new Error(`exceeded limit of ${limit} with ${out.length} series`);
    }
    return out;
  }
}
