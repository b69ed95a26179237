import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One catalog entry (table `services`); `name` is the slug incidents, alerts and runbooks use. */
@Entity({ name: 'services' })
@Check('services_tier_check', `tier IN ('tier_1', 'tier_2', 'tier_3')`)
@Check('services_source_check', `source IN ('manual', 'alert')`)
export class ServiceEntity {
  @PrimaryColumn({ type: 'varchar', length: 63 })
  name!: string;

  @Column({ type: 'varchar', length: 200 })
  displayName!: string;

  /** Null until someone names the owner (always for a service an alert brought in). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  ownerTeam!: string | null;

  @Column({ type: 'varchar', length: 6, nullable: true })
  tier!: string | null;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** `manual` (registerService) or `alert` (the alert intake met it first). */
  @Column({ type: 'varchar', length: 6 })
  source!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
