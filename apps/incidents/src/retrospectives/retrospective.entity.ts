import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

// Written with raw SQL by RetrospectiveRepository; this class keeps the migration checked.

/** The retrospective meeting of a period, or of a period and one service (one per period label and service). */
@Entity({ name: 'retrospectives' })
// Unique (period, coalesce(service, '')) (migration 1765800000000); TypeORM cannot describe an expression index.
@Index('retrospectives_period_service_key', { synchronize: false })
export class RetrospectiveEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'retrospectives_pkey' })
  id!: string;

  /** The canonical label of parsePeriod: 2026, 2026-Q3, 2026-09 or start/end. */
  @Column({ type: 'varchar', length: 100 })
  period!: string;

  /** Null: the meeting of the whole period. */
  @Column({ type: 'varchar', length: 63, nullable: true })
  service!: string | null;

  @Column({ type: 'timestamptz' })
  periodFrom!: Date;

  @Column({ type: 'timestamptz' })
  periodTo!: Date;

  @Column({ type: 'text', array: true, default: '{}' })
  improvements!: string[];

  @Column({ type: 'text', default: '' })
  notes!: string;

  /** Read as text (`follow_up_date::text`), never through a local-time Date. */
  @Column({ type: 'date' })
  followUpDate!: string;

  @Column({ type: 'varchar', length: 128 })
  heldById!: string;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
