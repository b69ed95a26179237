import { toLabelModels } from '../common/label.model';
import { toActiveAlertModel } from '../alerts/alerts.mapper';
import type { MutingSnapshot } from '../alerts/alert-muting';
import {
  groupStatusesInEffect,
  type GroupDefaults,
  type GroupStatus,
  type RuleHealthValue,
  type RuleStatus,
} from '../evaluation/group-status';
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

/**
 * The groups in effect, with their runners' status, or with their rules not evaluated where this process has no
 * runner (the same list GET /api/v1/rules serves).
 */
export function toRuleGroupModels(
  sources: RuleSourcesService,
  statuses: readonly GroupStatus[],
  defaults: GroupDefaults,
  muting: MutingSnapshot,
): RuleGroupModel[] {
  const versions = new Map(sources.managedGroups().map((m) => [m.entity.name, m.entity.version]));
  return groupStatusesInEffect(sources.groups(), statuses, defaults).map((status) => ({
    name: status.name,
    file: status.file,
    source: status.source === 'file' ? RuleSource.FILE : RuleSource.MANAGED,
    intervalSeconds: status.intervalMs / 1000,
    queryOffsetSeconds: status.queryOffsetMs / 1000,
    limit: status.limit,
    health: status.rules.some((r) => r.health === 'err')
      ? RuleHealth.ERR
      : status.rules.length > 0 && status.rules.every((r) => r.health === 'ok')
        ? RuleHealth.OK
        : RuleHealth.UNKNOWN,
    lastEvaluation: status.lastEvaluation ?? null,
    evaluationSeconds: status.evaluationMs / 1000,
    rules: status.rules.map((r) => toRuleModel(status, r, muting)),
    version: status.source === 'managed' ? (versions.get(status.name) ?? null) : null,
  }));
}
