import type { OncallScheduleEntity } from './oncall-schedule.entity';
import { type OncallScheduleModel, type OnCallShiftModel, ShiftSourceKindEnum } from './oncall-schedule.model';
import type { Instant, Shift } from './index';

const toDate = (instant: Instant): Date => new Date(instant);

export function toOncallScheduleModel(entity: OncallScheduleEntity): OncallScheduleModel {
  const { timeZone, layers, overrides } = entity.document;
  return {
    id: entity.id,
    name: entity.name,
    timeZone,
    layers: layers.map((layer) => ({
      id: layer.id,
      participants: layer.participants.map((id) => ({ id })),
      rotation: layer.rotation,
      shiftLengthHours: layer.shiftLengthHours ?? null,
      handoffTime: layer.handoffTime,
      handoffWeekday: layer.handoffWeekday ?? null,
      start: toDate(layer.start),
      restrictions: layer.restrictions ?? [],
    })),
    overrides: (overrides ?? []).map((o) => ({
      id: o.id,
      user: { id: o.userId },
      start: toDate(o.start),
      end: toDate(o.end),
    })),
    version: entity.version,
    updatedAt: entity.updatedAt,
  };
}

export function toOnCallShiftModel(shift: Shift): OnCallShiftModel {
  return {
    user: { id: shift.userId },
    start: new Date(shift.start),
    end: new Date(shift.end),
    sourceKind: shift.source.kind === 'layer' ? ShiftSourceKindEnum.LAYER : ShiftSourceKindEnum.OVERRIDE,
    sourceId: shift.source.kind === 'layer' ? shift.source.layerId : shift.source.overrideId,
  };
}
