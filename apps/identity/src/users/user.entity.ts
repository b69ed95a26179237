import type { Role } from '@keel/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'users' })
// Case-insensitive uniqueness is an expression index (lower(username)) that TypeORM cannot describe: the
// migration owns it, and synchronize: false keeps schema tools from touching it.
@Index('users_username_lower_key', { synchronize: false })
@Check('users_username_check', `username ~ '^[a-z0-9._-]{3,64}$'`)
@Check(
  'users_roles_check',
  `cardinality(roles) > 0 AND roles <@ ARRAY['viewer', 'responder', 'admin', 'auditor']::text[]`,
)
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  username!: string;

  @Column({ type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ type: 'text' })
  passwordHash!: string;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;
}
