import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, LessThan, type Repository } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';

export type NewApiKey = Pick<
  ApiKeyEntity,
  'id' | 'name' | 'role' | 'scopes' | 'secretHash' | 'createdBy' | 'expiresAt'
>;

@Injectable()
export class ApiKeysRepository {
  private readonly keys: Repository<ApiKeyEntity>;

  constructor(dataSource: DataSource) {
    this.keys = dataSource.getRepository(ApiKeyEntity);
  }

  findById(id: string): Promise<ApiKeyEntity | null> {
    return this.keys.findOneBy({ id });
  }

  /** Newest first. */
  list(): Promise<ApiKeyEntity[]> {
    return this.keys.find({ order: { createdAt: 'DESC', id: 'ASC' } });
  }

  insert(key: NewApiKey): Promise<ApiKeyEntity> {
    return this.keys.save(this.keys.create({ ...key, revokedAt: null, lastUsedAt: null }));
  }

  /** Sets revokedAt unless already set; returns the key as it now is, or null when unknown. */
  async revoke(id: string, at: Date): Promise<ApiKeyEntity | null> {
    await this.keys.update({ id, revokedAt: IsNull() }, { revokedAt: at });
    return this.findById(id);
  }

  /** Records a use, unless one was recorded since `notBefore` (several gateways may exchange the same key). */
  async recordUse(id: string, at: Date, notBefore: Date): Promise<void> {
    await this.keys.update(
      [
        { id, lastUsedAt: IsNull() },
        { id, lastUsedAt: LessThan(notBefore) },
      ],
      { lastUsedAt: at },
    );
  }
}
