import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Actor } from '@keel/contracts';
import {
  formatMatcher,
  isSilenced,
  MatcherParseError,
  newMatcher,
  parseMatcher,
  silenceState,
  validateSilence,
  type Matcher,
  type Silence,
} from '@keel/notification';
import type { SilenceEntity, StoredMatcher } from './silence.entity';
import { SilenceErrorCode, SilenceException } from './silence.exception';
import { SilenceRepository } from './silence.repository';

const REFRESH_MS = 5_000;

export interface CreateSilence {
  matchers: string[];
  startsAt?: Date;
  endsAt: Date;
  comment: string;
}

function toMatcher(m: StoredMatcher): Matcher {
  const type = m.isRegex ? (m.isEqual ? '=~' : '!~') : m.isEqual ? '=' : '!=';
  return newMatcher(type, m.name, m.value);
}

function toStored(m: Matcher): StoredMatcher {
  return {
    name: m.name,
    value: m.value,
    isRegex: m.type === '=~' || m.type === '!~',
    isEqual: m.type === '=' || m.type === '=~',
  };
}

export function toSilence(e: SilenceEntity): Silence {
  return {
    id: e.id,
    matchers: e.matchers.map(toMatcher),
    startsAt: e.startsAt.getTime(),
    endsAt: e.endsAt.getTime(),
    updatedAt: e.updatedAt.getTime(),
    createdBy: e.createdBy,
    comment: e.comment,
  };
}

export { formatMatcher, silenceState };

/**
 * Silences (Alertmanager's model) in PostgreSQL. Every process keeps the silences that can still matter in
 * memory, refreshed every few seconds and at once after its own changes, so muting decisions cost no query.
 */
@Injectable()
export class SilencesService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SilencesService.name);
  private current: Silence[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly repository: SilenceRepository) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => {
      this.refresh().catch((error: unknown) => this.logger.warn(`silence refresh failed: ${(error as Error).message}`));
    }, REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    this.current = (await this.repository.findEndingAfter(new Date())).map(toSilence);
  }

  /** The ids of the silences muting `labels` now. */
  silencedBy(labels: Record<string, string>, now = Date.now()): string[] {
    return isSilenced(labels, this.current, now);
  }

  active(): Silence[] {
    return this.current;
  }

  async list(limit: number): Promise<SilenceEntity[]> {
    return this.repository.findAll(limit);
  }

  async create(input: CreateSilence, actor: Actor): Promise<SilenceEntity> {
    let matchers: Matcher[];
    try {
      matchers = input.matchers.map((text) => parseMatcher(text));
    } catch (error) {
      if (error instanceof MatcherParseError)
        throw new SilenceException(SilenceErrorCode.INVALID_SILENCE, error.message);
      throw error;
    }
    const startsAt = input.startsAt ?? new Date();
    const candidate = {
      matchers,
      startsAt: startsAt.getTime(),
      endsAt: input.endsAt.getTime(),
      createdBy: actor.name ?? actor.id ?? actor.type,
      comment: input.comment.trim(),
    };
    const problems = validateSilence(candidate);
    if (input.endsAt.getTime() <= Date.now()) problems.push('end time must not be in the past');
    if (problems.length > 0) throw new SilenceException(SilenceErrorCode.INVALID_SILENCE, problems.join('; '));
    const saved = await this.repository.insert({
      matchers: matchers.map(toStored),
      startsAt,
      endsAt: input.endsAt,
      createdBy: candidate.createdBy,
      comment: candidate.comment,
    });
    await this.refresh();
    return saved;
  }

  async expire(id: string): Promise<SilenceEntity> {
    const existing = await this.repository.findById(id);
    if (!existing) throw new SilenceException(SilenceErrorCode.SILENCE_NOT_FOUND, `no silence ${id}`);
    const now = new Date();
    if (existing.endsAt <= now) {
      throw new SilenceException(SilenceErrorCode.SILENCE_ALREADY_EXPIRED, `silence ${id} has already expired`);
    }
    const expired = await this.repository.expire(id, existing.version, now);
    if (!expired) {
      throw new SilenceException(
        SilenceErrorCode.SILENCE_VERSION_CONFLICT,
        `silence ${id} was changed meanwhile; retry`,
      );
    }
    await this.refresh();
    return expired;
  }
}
