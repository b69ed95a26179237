import { Inject, Injectable } from '@nestjs/common';
import { DataSource, MoreThan, type Repository } from 'typeorm';
import { SilenceEntity, type StoredMatcher } from './silence.entity';

export interface NewSilence {
  matchers: StoredMatcher[];
  startsAt: Date;
  endsAt: Date;
  createdBy: string;
  comment: string;
}

@Injectable()
export class SilenceRepository {
  private readonly silences: Repository<SilenceEntity>;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.silences = dataSource.getRepository(SilenceEntity);
  }

  insert(silence: NewSilence): Promise<SilenceEntity> {
    return this.silences.save(this.silences.create(silence));
  }

  findById(id: string): Promise<SilenceEntity | null> {
    return this.silences.findOneBy({ id });
  }

  /** Silences that have not ended before `since` (pending, active, recently expired). */
  findEndingAfter(since: Date): Promise<SilenceEntity[]> {
    return this.silences.find({ where: { endsAt: MoreThan(since) }, order: { startsAt: 'DESC' } });
  }

  findAll(limit: number): Promise<SilenceEntity[]> {
    return this.silences.find({ order: { endsAt: 'DESC' }, take: limit });
  }

  /** Ends the silence now (when it is not over yet); undefined when someone else changed it first. */
  async expire(id: string, version: number, at: Date): Promise<SilenceEntity | undefined> {
    const result = await this.silences
      .createQueryBuilder()
      .update()
      .set({ endsAt: at, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    if (result.affected !== 1) return undefined;
    return (await this.silences.findOneBy({ id })) ?? undefined;
  }
}
