import type { Role } from '@keel/contracts';
import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An API key for an external system. Its id is public; only a SHA-256 of its secret is kept. */
@Entity({ name: 'api_keys' })
@Check('api_keys_id_check', `id ~ '^[a-z0-9]{12}$'`)
@Check('api_keys_role_check', `role IN ('viewer', 'responder', 'admin', 'auditor')`)
@Check(
  'api_keys_scopes_check',
  `cardinality(scopes) > 0 AND scopes <@ ARRAY['graphql:read', 'graphql:write', 'metrics:write', 'metrics:read', 'alerts:write']::text[]`,
)
@Check('api_keys_expiry_check', `expires_at IS NULL OR expires_at > created_at`)
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 12 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Column({ type: 'text', array: true })
  scopes!: string[];

  @Column({ type: 'text' })
  secretHash!: string;

  /** `<identity type>:<identity id>` of whoever created the key. */
  @Column({ type: 'varchar', length: 200 })
  createdBy!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;
}
