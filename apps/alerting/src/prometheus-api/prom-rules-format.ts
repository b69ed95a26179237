import { formatGoTime } from '@keel/notification';
import { formatFloat } from '@keel/rules';
import { ruleState, type GroupStatus, type RuleStatus } from '../evaluation/group-status';

/** Go's time.Time JSON form; the zero time when never set. */
const goTime = (ms: number | undefined): string => formatGoTime(ms ?? null);

export interface RulesFilter {
  type?: 'alert' | 'record';
  ruleNames?: string[];
  ruleGroups?: string[];
  files?: string[];
  excludeAlerts?: boolean;
}

type Json = Record<string, unknown>;

function promAlert(a: RuleStatus['alerts'][number]): Json {
  return {
    labels: a.labels,
    annotations: a.annotations,
    state: a.state,
    activeAt: goTime(a.activeAtMs),
    ...(a.keepFiringSinceMs === undefined ? {} : { keepFiringSince: goTime(a.keepFiringSinceMs) }),
    value: formatFloat(a.value, 'e', -1),
  };
}

/** Prometheus' list of active alerts leaves out resolved ones (they are only kept to be re-sent). */
export function activeOnly(rule: RuleStatus): RuleStatus['alerts'] {
  return rule.alerts.filter((a) => a.state !== 'inactive');
}

function promRule(rule: RuleStatus, excludeAlerts: boolean): Json {
  const common = {
    name: rule.name,
    query: rule.query,
    ...(rule.type === 'alerting' ? {} : { labels: rule.labels }),
    health: rule.health,
    ...(rule.lastError ? { lastError: rule.lastError } : {}),
    evaluationTime: rule.evaluationMs / 1000,
    lastEvaluation: goTime(rule.lastEvaluation?.getTime()),
  };
  if (rule.type === 'recording') return { ...common, type: 'recording' };
  return {
    state: ruleState(rule),
    name: rule.name,
    query: rule.query,
    duration: rule.forMs / 1000,
    keepFiringFor: rule.keepFiringForMs / 1000,
    labels: rule.labels,
    annotations: rule.annotations,
    ...(excludeAlerts ? {} : { alerts: activeOnly(rule).map(promAlert) }),
    health: rule.health,
    ...(rule.lastError ? { lastError: rule.lastError } : {}),
    evaluationTime: rule.evaluationMs / 1000,
    lastEvaluation: goTime(rule.lastEvaluation?.getTime()),
    type: 'alerting',
  };
}

/** The `data` of GET /api/v1/rules, with Prometheus' filters (type, rule_name[], rule_group[], file[], exclude_alerts). */
export function rulesData(groups: readonly GroupStatus[], filter: RulesFilter): Json {
  const out: Json[] = [];
  for (const g of groups) {
    if (filter.ruleGroups?.length && !filter.ruleGroups.includes(g.name)) continue;
    if (filter.files?.length && !filter.files.includes(g.file)) continue;
    const rules = g.rules.filter(
      (r) =>
        (!filter.type || (filter.type === 'alert') === (r.type === 'alerting')) &&
        (!filter.ruleNames?.length || filter.ruleNames.includes(r.name)),
    );
    // Prometheus drops groups left empty by a filter, but keeps a group that has no rules at all.
    if (rules.length === 0 && g.rules.length > 0) continue;
    out.push({
      name: g.name,
      file: g.file,
      rules: rules.map((r) => promRule(r, filter.excludeAlerts === true)),
      interval: g.intervalMs / 1000,
      limit: g.limit,
      evaluationTime: g.evaluationMs / 1000,
      lastEvaluation: goTime(g.lastEvaluation?.getTime()),
    });
  }
  return { groups: out };
}

/** The `data` of GET /api/v1/alerts: every pending and firing alert. */
export function alertsData(groups: readonly GroupStatus[]): Json {
  return {
    alerts: groups.flatMap((g) =>
      g.rules.filter((r) => r.type === 'alerting').flatMap((r) => activeOnly(r).map(promAlert)),
    ),
  };
}
