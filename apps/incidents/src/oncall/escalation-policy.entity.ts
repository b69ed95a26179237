import { Column, CreateDateColumn, Entity, PrimaryColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { EscalationPolicy } from './escalation';

/** What `document` holds: a validated EscalationPolicy (schedule targets by the schedule's id). */
export type EscalationPolicyDocument = EscalationPolicy;

/** A row of `escalation_policies`; the id is chosen by the admin (`default` is the one P0/P1 page). */
@Entity({ name: 'escalation_policies' })
@Unique('escalation_policies_name_key', ['name'])
export class EscalationPolicyEntity {
  @PrimaryColumn({ type: 'varchar', length: 128, primaryKeyConstraintName: 'escalation_policies_pkey' })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'jsonb' })
  document!: EscalationPolicyDocument;

  /** Optimistic concurrency: every change is `UPDATE … WHERE id = $1 AND version = $2`. */
  @VersionColumn()
  version!: number;

  @Column({ type: 'varchar', length: 128 })
  updatedById!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
