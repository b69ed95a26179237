import type { ContactMethodEntity } from './contact-method.entity';
import { shownAddress } from './contact-methods';
import type { EscalationPolicyEntity } from './escalation-policy.entity';
import {
  EscalationTargetKindEnum,
  type ContactMethodModel,
  type EscalationNotificationModel,
  type EscalationPolicyModel,
  type IncidentEscalationModel,
} from './escalation.model';
import type { EscalationNotificationEntity, IncidentEscalationEntity } from './incident-escalation.entity';

export function toEscalationPolicyModel(entity: EscalationPolicyEntity): EscalationPolicyModel {
  return {
    id: entity.id,
    name: entity.name,
    levels: entity.document.levels.map((level) => ({
      delayMinutes: level.delayMinutes,
      targets: level.targets.map((target) =>
        target.kind === 'user'
          ? { kind: EscalationTargetKindEnum.USER, user: { id: target.userId }, scheduleId: null }
          : { kind: EscalationTargetKindEnum.SCHEDULE, user: null, scheduleId: target.scheduleId },
      ),
    })),
    repeat: entity.document.repeat ?? 0,
    version: entity.version,
    updatedAt: entity.updatedAt,
  };
}

export function toContactMethodModel(entity: ContactMethodEntity): ContactMethodModel {
  return {
    id: entity.id,
    kind: entity.kind,
    address: shownAddress(entity.kind, entity.address),
    enabled: entity.enabled,
  };
}

export function toEscalationNotificationModel(entity: EscalationNotificationEntity): EscalationNotificationModel {
  const unresolved = entity.outcome === 'unresolved';
  return {
    level: entity.levelIndex + 1,
    pass: entity.pass + 1,
    firedAt: entity.stepAt,
    user: unresolved ? null : { id: entity.recipient },
    scheduleId: unresolved ? entity.recipient : null,
    channel: entity.channel,
    outcome: entity.outcome,
    attempts: entity.attempts,
    error: entity.error,
    attemptedAt: entity.attemptedAt,
  };
}

export function toIncidentEscalationModel(
  entity: IncidentEscalationEntity,
  notifications: readonly EscalationNotificationEntity[],
): IncidentEscalationModel {
  return {
    policyId: entity.policyId,
    policyVersion: entity.policyVersion,
    status: entity.status,
    triggeredAt: entity.triggeredAt,
    currentLevel: entity.levelIndex === null ? null : entity.levelIndex + 1,
    currentPass: entity.pass === null ? null : entity.pass + 1,
    nextDueAt: entity.nextDueAt,
    acknowledgedAt: entity.acknowledgedAt,
    acknowledgedBy: entity.acknowledgedById === null ? null : { id: entity.acknowledgedById },
    stoppedReason: entity.stoppedReason,
    notifications: notifications.map(toEscalationNotificationModel),
  };
}
