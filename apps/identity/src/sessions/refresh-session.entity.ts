import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from '../users/user.entity';
import type { RevocationReason } from './refresh-decision';

/**
 * One refresh token. Tokens of one sign-in form a family (`familyId`): each refresh revokes the presented
 * token (`rotated`) and issues its successor, so at most one token of a family is live.
 */
@Entity({ name: 'refresh_sessions' })
@Check('refresh_sessions_revocation_check', `(revoked_at IS NULL) = (revoked_reason IS NULL)`)
@Check(
  'refresh_sessions_revoked_reason_check',
  `revoked_reason IN ('rotated', 'logout', 'reuse_detected', 'user_disabled', 'password_changed')`,
)
@Check('refresh_sessions_expiry_check', `expires_at > created_at`)
export class RefreshSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  familyId!: string;

  @Index()
  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  /** SHA-256 of the opaque token; the token itself is never stored. */
  @Column({ type: 'text', unique: true })
  tokenHash!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Index()
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  revokedReason!: RevocationReason | null;

  /** The token that replaced this one when it was rotated. */
  @Column({ type: 'uuid', nullable: true })
  replacedBy!: string | null;
}
