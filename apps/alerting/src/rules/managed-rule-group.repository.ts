import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { ManagedRuleGroupEntity } from './managed-rule-group.entity';

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
   * versioning: two admins editing one group never silently overwrite each other). Undefined when the stored
   * version differs.
   */
  async upsert(
    name: string,
    source: string,
    by: { id: string; name: string },
    expectedVersion: number | undefined,
  ): Promise<ManagedRuleGroupEntity | undefined> {
    const existing = await this.groups.findOneBy({ name });
    if (!existing) {
      if (expectedVersion !== undefined && expectedVersion !== 0) return undefined;
      return this.groups.save(this.groups.create({ name, source, updatedById: by.id, updatedByName: by.name }));
    }
    if (expectedVersion !== undefined && expectedVersion !== existing.version) return undefined;
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
    if (result.affected !== 1) return undefined;
    return (await this.groups.findOneBy({ id: existing.id })) ?? undefined;
  }

  async deleteByName(name: string): Promise<boolean> {
    const result = await this.groups.delete({ name });
    return (result.affected ?? 0) > 0;
  }
}
