import { formatMatcher, silenceState } from '@keel/notification';
import type { SilenceEntity } from './silence.entity';
import { SilenceModel, SilenceStateEnum } from './silence.model';
import { toSilence } from './silences.service';

const STATE = { pending: SilenceStateEnum.PENDING, active: SilenceStateEnum.ACTIVE, expired: SilenceStateEnum.EXPIRED };

export function toSilenceModel(e: SilenceEntity, now = Date.now()): SilenceModel {
  const silence = toSilence(e);
  return {
    id: e.id,
    matchers: silence.matchers.map((m, i) => ({ ...e.matchers[i], text: formatMatcher(m) })),
    startsAt: e.startsAt,
    endsAt: e.endsAt,
    createdBy: e.createdBy,
    comment: e.comment,
    state: STATE[silenceState(silence, now)],
    updatedAt: e.updatedAt,
    version: e.version,
  };
}
