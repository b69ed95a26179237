import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type Repository } from 'typeorm';
import { OncallScheduleEntity, type ScheduleDocument } from './oncall-schedule.entity';

/** Why a schedule was not written: missing, already there (a create), or changed since the caller read it. */
export type ScheduleWriteResult =
  | { ok: true; entity: OncallScheduleEntity }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'exists' | 'conflict'; version?: number };

const NAME_KEY = 'oncall_schedules_name_key';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isNameTaken(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const driver = (error as Error & { driverError?: { code?: unknown; constraint?: unknown } }).driverError;
  return driver?.code === '23505' && driver.constraint === NAME_KEY;
}

@Injectable()
export class OncallScheduleRepository {
  private readonly schedules: Repository<OncallScheduleEntity>;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.schedules = dataSource.getRepository(OncallScheduleEntity);
  }

  findAll(): Promise<OncallScheduleEntity[]> {
    return this.schedules.find({ order: { name: 'ASC' } });
  }

  findByName(name: string): Promise<OncallScheduleEntity | null> {
    return this.schedules.findOneBy({ name });
  }

  /** The schedules with these ids (those that exist), for escalation targets. */
  findByIds(ids: readonly string[]): Promise<OncallScheduleEntity[]> {
    const uuids = ids.filter((id) => UUID.test(id));
    return uuids.length === 0 ? Promise.resolve([]) : this.schedules.findBy({ id: In(uuids) });
  }

  /** Creates the schedule at version 1; a name already taken (even by a concurrent create) is `exists`. */
  async create(name: string, document: ScheduleDocument, byId: string): Promise<ScheduleWriteResult> {
    try {
      const created = await this.schedules.save(this.schedules.create({ name, document, updatedById: byId }));
      return { ok: true, entity: created };
    } catch (error) {
      if (!isNameTaken(error)) throw error;
      const existing = await this.findByName(name);
      return { ok: false, reason: 'exists', ...(existing ? { version: existing.version } : {}) };
    }
  }

  /**
   * Replaces the document only at `expectedVersion` (`UPDATE … WHERE name = $1 AND version = $2`); zero rows
   * updated is a conflict naming the current version, or not-found when the schedule is gone.
   */
  async replace(
    name: string,
    expectedVersion: number,
    document: ScheduleDocument,
    byId: string,
  ): Promise<ScheduleWriteResult> {
    const result = await this.schedules
      .createQueryBuilder()
      .update()
      .set({ document, updatedById: byId, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('name = :name AND version = :version', { name, version: expectedVersion })
      .execute();
    const current = await this.findByName(name);
    if (result.affected === 1 && current) return { ok: true, entity: current };
    return this.missed(current);
  }

  /** Deletes the schedule only at `expectedVersion`. */
  async delete(name: string, expectedVersion: number): Promise<ScheduleWriteResult> {
    const existing = await this.findByName(name);
    const result = await this.schedules.delete({ name, version: expectedVersion });
    if ((result.affected ?? 0) === 1 && existing) return { ok: true, entity: existing };
    return this.missed(await this.findByName(name));
  }

  private missed(current: OncallScheduleEntity | null): ScheduleWriteResult {
    return current ? { ok: false, reason: 'conflict', version: current.version } : { ok: false, reason: 'not-found' };
  }
}
