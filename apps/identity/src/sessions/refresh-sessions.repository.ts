import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, IsNull, type Repository } from 'typeorm';
import type { RevocationReason } from './refresh-decision';
import { RefreshSessionEntity } from './refresh-session.entity';

export interface NewRefreshSession {
  familyId: string;
  userId: string;
  tokenHash: string;
  expiresAt: Date;
}

@Injectable()
export class RefreshSessionsRepository {
  private readonly sessions: Repository<RefreshSessionEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.sessions = dataSource.getRepository(RefreshSessionEntity);
  }

  /** The session with this token hash, with its user (absent when the user was deleted). */
  findByTokenHash(tokenHash: string): Promise<RefreshSessionEntity | null> {
    return this.sessions.findOne({ where: { tokenHash }, relations: { user: true } });
  }

  insert(session: NewRefreshSession): Promise<RefreshSessionEntity> {
    return this.sessions.save(
      this.sessions.create({ ...session, revokedAt: null, revokedReason: null, replacedBy: null }),
    );
  }

  /**
   * Revokes `currentId` as rotated and inserts its successor, atomically. Returns undefined — and changes
   * nothing — when `currentId` was revoked meanwhile (a concurrent refresh with the same token).
   */
  rotate(currentId: string, next: NewRefreshSession, at: Date): Promise<RefreshSessionEntity | undefined> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(RefreshSessionEntity);
      const successorId = randomUUID();
      // The conditional update takes the row lock: a concurrent rotation of the same token waits here,
      // then finds it revoked and affects nothing.
      const result = await repository.update(
        { id: currentId, revokedAt: IsNull() },
        { revokedAt: at, revokedReason: 'rotated', replacedBy: successorId },
      );
      if (result.affected !== 1) return undefined;
      return repository.save(
        repository.create({ ...next, id: successorId, revokedAt: null, revokedReason: null, replacedBy: null }),
      );
    });
  }

  /** Revokes every live token of the family; returns how many were live. */
  async revokeFamily(familyId: string, reason: RevocationReason, at: Date): Promise<number> {
    const result = await this.sessions.update(
      { familyId, revokedAt: IsNull() },
      { revokedAt: at, revokedReason: reason },
    );
    return result.affected ?? 0;
  }

  async revokeAllOfUser(userId: string, reason: RevocationReason, at: Date): Promise<number> {
    const result = await this.sessions.update(
      { userId, revokedAt: IsNull() },
      { revokedAt: at, revokedReason: reason },
    );
    return result.affected ?? 0;
  }
}
