import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, type Repository } from 'typeorm';
import { ContactMethodEntity } from './contact-method.entity';
import type { ContactMethodCommand } from './contact-methods';

@Injectable()
export class ContactMethodRepository {
  private readonly methods: Repository<ContactMethodEntity>;

  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {
    this.methods = dataSource.getRepository(ContactMethodEntity);
  }

  /** The user's contact methods in their order. */
  forUser(userId: string): Promise<ContactMethodEntity[]> {
    return this.methods.find({ where: { userId }, order: { position: 'ASC' } });
  }

  /** The enabled contact methods of each user, in their order. */
  async enabledFor(userIds: readonly string[]): Promise<Map<string, ContactMethodEntity[]>> {
    const byUser = new Map<string, ContactMethodEntity[]>();
    if (userIds.length === 0) return byUser;
    const rows = await this.methods.find({
      where: { userId: In([...userIds]), enabled: true },
      order: { userId: 'ASC', position: 'ASC' },
    });
    for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
    return byUser;
  }

  /** Replaces the user's whole list in one transaction (a concurrent replace of the same user waits on the lock). */
  replaceForUser(
    userId: string,
    methods: readonly ContactMethodCommand[],
    byId: string,
  ): Promise<ContactMethodEntity[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('oncall_contact_methods:' || $1))`, [userId]);
      const repository = manager.getRepository(ContactMethodEntity);
      await repository.delete({ userId });
      if (methods.length > 0) {
        await repository.insert(
          methods.map((method, position) => ({
            userId,
            position,
            kind: method.kind,
            address: method.address.trim(),
            enabled: method.enabled,
            updatedById: byId,
          })),
        );
      }
      return repository.find({ where: { userId }, order: { position: 'ASC' } });
    });
  }
}
