import type { AlertInstance, Rule } from '@keel/rules';
import type { AlertingConfig } from '../config';
import type { LoadedGroup, RuleSourceKind } from '../rules/loaded-group';

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

/** What a rule's status shows of its definition (the part that needs no evaluation). */
export type RuleDefinition = Pick<
  RuleStatus,
  'name' | 'type' | 'query' | 'forMs' | 'keepFiringForMs' | 'labels' | 'annotations'
>;

export function ruleDefinition(rule: Rule): RuleDefinition {
  return {
    name: rule.name,
    type: rule.kind,
    query: rule.expr,
    forMs: rule.kind === 'alerting' ? rule.forMs : 0,
    keepFiringForMs: rule.kind === 'alerting' ? rule.keepFiringForMs : 0,
    labels: rule.labels,
    annotations: rule.kind === 'alerting' ? rule.annotations : {},
  };
}

/** The interval and query offset of groups that set none (the evaluator's defaults). */
export interface GroupDefaults {
  intervalMs: number;
  queryOffsetMs: number;
}

export function groupDefaultsOf(
  config: Pick<AlertingConfig, 'ALERTING_EVALUATION_INTERVAL_SECONDS' | 'ALERTING_QUERY_OFFSET_SECONDS'>,
): GroupDefaults {
  return {
    intervalMs: config.ALERTING_EVALUATION_INTERVAL_SECONDS * 1000,
    queryOffsetMs: config.ALERTING_QUERY_OFFSET_SECONDS * 1000,
  };
}

/**
 * A group in effect without a runner in this process (the process does not evaluate: evaluation disabled, or
 * another process holds the evaluator lease; or its runner has not started yet): its rules, never evaluated.
 */
export function notEvaluatedGroupStatus(loaded: LoadedGroup, defaults: GroupDefaults): GroupStatus {
  const g = loaded.group;
  return {
    key: loaded.key,
    name: g.name,
    file: loaded.file,
    source: loaded.source,
    intervalMs: g.intervalMs ?? defaults.intervalMs,
    queryOffsetMs: g.queryOffsetMs ?? defaults.queryOffsetMs,
    limit: g.limit,
    lastEvaluation: undefined,
    evaluationMs: 0,
    rules: g.rules.map((rule): RuleStatus => ({
      ...ruleDefinition(rule),
      health: 'unknown',
      lastError: undefined,
      lastEvaluation: undefined,
      evaluationMs: 0,
      alerts: [],
    })),
  };
}

/**
 * Every group in effect, in the order of the rule sources: its runner's status where this process evaluates it,
 * else the group not evaluated. What both the GraphQL API and GET /api/v1/rules list.
 */
export function groupStatusesInEffect(
  groups: readonly LoadedGroup[],
  statuses: readonly GroupStatus[],
  defaults: GroupDefaults,
): GroupStatus[] {
  const byKey = new Map(statuses.map((s) => [s.key, s]));
  return groups.map((loaded) => byKey.get(loaded.key) ?? notEvaluatedGroupStatus(loaded, defaults));
}
