import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { ManagedRuleGroupEntity } from './managed-rule-group.entity';

/** Why a managed group was not saved: it does not exist (a version was expected), exists (0 was), or changed. */
export type ManagedUpsertResult =
  | { ok: true; entity: ManagedRuleGroupEntity }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'exists' | 'conflict'; version?: number };

@Injectable()
export class ManagedRuleGroupRepository {
  private readonly groups: Repository<ManagedRuleGroupEntity>;

  constructor(@Inject(DataSource) dataSource: DataSource) {
    this.groups = dataSource.getRepository(ManagedRuleGroupEntity);
  }

  findAll(): Promise<ManagedRuleGroupEntity[]> {
    return this.groups.find({ order: { name: 'ASC' } });
  }

  /**
   * Creates the group, or replaces its source when `expectedVersion` matches the stored one (optimistic
   * versioning: two admins editing one group never silently overwrite each other). `expectedVersion` 0 means
   * "create, do not replace"; none means "create or replace whatever is stored".
   */
  async upsert(
    name: string,
    source: string,
    by: { id: string; name: string },
    expectedVersion: number | undefined,
  ): Promise<ManagedUpsertResult> {
    const existing = await this.groups.findOneBy({ name });
    if (!existing) {
      if (expectedVersion !== undefined && expectedVersion !== 0) return { ok: false, reason: 'not-found' };
      const created = await this.groups.save(
        this.groups.create({ name, source, updatedById: by.id, updatedByName: by.name }),
      );
      return { ok: true, entity: created };
    }
    if (expectedVersion === 0) return { ok: false, reason: 'exists', version: existing.version };
    if (expectedVersion !== undefined && expectedVersion !== existing.version) {
      return { ok: false, reason: 'conflict', version: existing.version };
    }
    const result = await this.groups
      .createQueryBuilder()
      .update()
      .set({
        source,
        updatedById: by.id,
        updatedByName: by.name,
        version: () => 'version + 1',
        updatedAt: () => 'now()',
      })
      .where('id = :id AND version = :version', { id: existing.id, version: existing.version })
      .execute();
    const updated = result.affected === 1 ? await this.groups.findOneBy({ id: existing.id }) : null;
    // Changed (or deleted) between the read and the update.
    return updated ? { ok: true, entity: updated } : { ok: false, reason: 'conflict' };
  }

  async deleteByName(name: string): Promise<boolean> {
    const result = await this.groups.delete({ name });
    return (result.affected ?? 0) > 0;
  }
}
