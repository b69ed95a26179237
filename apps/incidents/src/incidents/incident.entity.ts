import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

@Entity({ name: 'incidents' })
@Check('incidents_severity_check', `severity IN ('P0', 'P1', 'P2', 'P3')`)
@Check('incidents_triage_outcome_check', `triage_outcome IN ('accepted', 'declined', 'merged')`)
@Index('incidents_status_severity_created_at_idx', ['status', 'severity', 'createdAt'])
// (created_at) INCLUDE the columns a period's scans read (migration 1765700000000); TypeORM cannot describe INCLUDE.
@Index('incidents_created_at_idx', { synchronize: false })
// A GIN index (made by the migration; TypeORM cannot describe its method, so it leaves it alone).
@Index('incidents_services_idx', { synchronize: false })
export class IncidentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'varchar', length: 2 })
  severity!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: string;

  @Column({ type: 'text', array: true, default: '{}' })
  services!: string[];

  /** Incident type (`database`, `security`, …): picks the checklist and runbooks; null when not classified. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  type!: string | null;

  @Column({ type: 'text', array: true, default: '{}' })
  tags!: string[];

  /** How triage ended: accepted, declined or merged; null while in triage or when declared past it. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  triageOutcome!: string | null;

  @Column({ type: 'uuid', nullable: true })
  mergedIntoId!: string | null;

  @ManyToOne(() => IncidentEntity, { nullable: true })
  @JoinColumn({ name: 'merged_into_id', foreignKeyConstraintName: 'incidents_merged_into_id_fkey' })
  mergedInto?: IncidentEntity | null;

  /** acknowledged − detected in ms (null until both are set); kept with the milestones, read by retrospectives. */
  @Column({ type: 'bigint', nullable: true })
  timeToAcknowledgeMs!: string | null;

  /** resolved − detected in ms (null until both are set). */
  @Column({ type: 'bigint', nullable: true })
  timeToResolveMs!: string | null;

  @Column({ type: 'varchar', length: 128 })
  declaredById!: string;

  @Column({ type: 'varchar', length: 128 })
  declaredByName!: string;

  /** Optimistic concurrency: two people editing one incident never lose an update (issue 5 builds on it). */
  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
