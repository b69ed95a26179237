import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ContactMethodKind } from './contact-methods';

/** A row of `oncall_contact_methods`: one way of paging a user, in the user's order (`position`). */
@Entity({ name: 'oncall_contact_methods' })
@Unique('oncall_contact_methods_user_id_position_key', ['userId', 'position'])
@Check('oncall_contact_methods_kind_check', `kind IN ('webhook', 'slack', 'email')`)
export class ContactMethodEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'oncall_contact_methods_pkey' })
  id!: string;

  @Column({ type: 'varchar', length: 128 })
  userId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 10 })
  kind!: ContactMethodKind;

  /** An email address, or the URL of a webhook / Slack incoming webhook (a secret: never shown whole). */
  @Column({ type: 'text' })
  address!: string;

  @Column({ type: 'boolean' })
  enabled!: boolean;

  @Column({ type: 'varchar', length: 128 })
  updatedById!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
