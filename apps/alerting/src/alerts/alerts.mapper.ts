import { formatFloat, type AlertInstance } from '@keel/rules';
import { toLabelModels } from '../common/label.model';
import type { AlertHistoryEntry } from '../evaluation/alert-state.repository';
import { ActiveAlertModel, AlertHistoryEntryModel, AlertStateEnum } from './alert.model';
import type { MutingSnapshot } from './alert-muting';

const STATE: Record<AlertInstance['state'], AlertStateEnum> = {
  pending: AlertStateEnum.PENDING,
  firing: AlertStateEnum.FIRING,
  inactive: AlertStateEnum.RESOLVED,
};

const date = (ms: number | undefined): Date | null => (ms === undefined ? null : new Date(ms));

export function toActiveAlertModel(
  ruleGroup: string,
  ruleName: string,
  a: AlertInstance,
  muting: MutingSnapshot,
): ActiveAlertModel {
  return {
    fingerprint: a.fingerprint,
    ruleGroup,
    ruleName,
    state: STATE[a.state],
    labels: toLabelModels(a.labels),
    annotations: toLabelModels(a.annotations),
    value: formatFloat(a.value, 'e', -1),
    activeAt: new Date(a.activeAtMs),
    firedAt: date(a.firedAtMs),
    resolvedAt: date(a.resolvedAtMs),
    keepFiringSince: date(a.keepFiringSinceMs),
    silencedBy: a.state === 'inactive' ? [] : muting.silencedBy(a.labels),
    inhibited: a.state === 'inactive' ? false : muting.inhibited(a.labels),
  };
}

export function toHistoryModel(h: AlertHistoryEntry & { id: string }): AlertHistoryEntryModel {
  return {
    id: h.id,
    occurredAt: h.occurredAt,
    ruleGroup: h.groupKey.slice(h.groupKey.lastIndexOf(';') + 1),
    ruleName: h.ruleName,
    fingerprint: h.fingerprint,
    labels: toLabelModels(h.labels),
    annotations: toLabelModels(h.annotations),
    fromState: h.fromState,
    toState: h.toState,
    value: formatFloat(h.value, 'e', -1),
  };
}
