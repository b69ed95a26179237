import type { AlertInstance } from '@keel/rules';
import type { RuleSourceKind } from '../rules/loaded-group';

export type RuleHealthValue = 'ok' | 'err' | 'unknown';

/** What the evaluator knows of one rule: its definition, its last evaluation and (alerting rules) its alerts. */
export interface RuleStatus {
  name: string;
  type: 'alerting' | 'recording';
  query: string;
  forMs: number;
  keepFiringForMs: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  health: RuleHealthValue;
  lastError: string | undefined;
  lastEvaluation: Date | undefined;
  evaluationMs: number;
  alerts: AlertInstance[];
}

export interface GroupStatus {
  key: string;
  name: string;
  file: string;
  source: RuleSourceKind;
  intervalMs: number;
  queryOffsetMs: number;
  limit: number;
  lastEvaluation: Date | undefined;
  evaluationMs: number;
  rules: RuleStatus[];
}

/** An alerting rule's state as Prometheus reports it: the most severe of its alerts. */
export function ruleState(rule: RuleStatus): 'firing' | 'pending' | 'inactive' {
  if (rule.alerts.some((a) => a.state === 'firing')) return 'firing';
  if (rule.alerts.some((a) => a.state === 'pending')) return 'pending';
  return 'inactive';
}
