import type { Rule } from '@keel/rules';
import { toLabelModels } from '../common/label.model';
import { toActiveAlertModel } from '../alerts/alerts.mapper';
import type { MutingSnapshot } from '../alerts/alert-muting';
import type { GroupStatus, RuleHealthValue, RuleStatus } from '../evaluation/group-status';
import { RuleGroupModel, RuleHealth, RuleModel, RuleSource, RuleType } from './rule-group.model';
import type { RuleSourcesService } from './rule-sources.service';

const HEALTH: Record<RuleHealthValue, RuleHealth> = {
  ok: RuleHealth.OK,
  err: RuleHealth.ERR,
  unknown: RuleHealth.UNKNOWN,
};

function toRuleModel(group: GroupStatus, rule: RuleStatus, muting: MutingSnapshot): RuleModel {
  return {
    name: rule.name,
    type: rule.type === 'alerting' ? RuleType.ALERTING : RuleType.RECORDING,
    query: rule.query,
    durationSeconds: rule.forMs / 1000,
    keepFiringForSeconds: rule.keepFiringForMs / 1000,
    labels: toLabelModels(rule.labels),
    annotations: toLabelModels(rule.annotations),
    health: HEALTH[rule.health],
    lastError: rule.lastError ?? null,
    lastEvaluation: rule.lastEvaluation ?? null,
    evaluationSeconds: rule.evaluationMs / 1000,
    alerts: rule.alerts.map((a) => toActiveAlertModel(group.name, rule.name, a, muting)),
  };
}

/** A rule without a runner here: this process does not evaluate, or its group's runner has not started yet. */
function toNotEvaluatedRuleModel(rule: Rule): RuleModel {
  return {
    name: rule.name,
    type: rule.kind === 'alerting' ? RuleType.ALERTING : RuleType.RECORDING,
    query: rule.expr,
    durationSeconds: rule.kind === 'alerting' ? rule.forMs / 1000 : 0,
    keepFiringForSeconds: rule.kind === 'alerting' ? rule.keepFiringForMs / 1000 : 0,
    labels: toLabelModels(rule.labels),
    annotations: toLabelModels(rule.kind === 'alerting' ? rule.annotations : {}),
    health: RuleHealth.UNKNOWN,
    lastError: null,
    lastEvaluation: null,
    evaluationSeconds: 0,
    alerts: [],
  };
}

/** The groups in effect, with their runners' status (or "not evaluated yet" where there is no runner). */
export function toRuleGroupModels(
  sources: RuleSourcesService,
  statuses: readonly GroupStatus[],
  muting: MutingSnapshot,
): RuleGroupModel[] {
  const byKey = new Map(statuses.map((s) => [s.key, s]));
  const versions = new Map(sources.managedGroups().map((m) => [m.entity.name, m.entity.version]));
  return sources.groups().map((loaded) => {
    const status = byKey.get(loaded.key);
    const rules = status?.rules ?? [];
    return {
      name: loaded.group.name,
      file: loaded.file,
      source: loaded.source === 'file' ? RuleSource.FILE : RuleSource.MANAGED,
      intervalSeconds: (status?.intervalMs ?? loaded.group.intervalMs ?? 0) / 1000,
      queryOffsetSeconds: (status?.queryOffsetMs ?? loaded.group.queryOffsetMs ?? 0) / 1000,
      limit: loaded.group.limit,
      health: rules.some((r) => r.health === 'err')
        ? RuleHealth.ERR
        : rules.length > 0 && rules.every((r) => r.health === 'ok')
          ? RuleHealth.OK
          : RuleHealth.UNKNOWN,
      lastEvaluation: status?.lastEvaluation ?? null,
      evaluationSeconds: (status?.evaluationMs ?? 0) / 1000,
      rules: status
        ? status.rules.map((r) => toRuleModel(status, r, muting))
        : loaded.group.rules.map(toNotEvaluatedRuleModel),
      version: loaded.source === 'managed' ? (versions.get(loaded.group.name) ?? null) : null,
    };
  });
}
