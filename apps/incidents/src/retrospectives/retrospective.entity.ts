import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

// Written with raw SQL by RetrospectiveRepository; this class keeps the migration checked.

/** The retrospective meeting of a period (one per canonical period label). */
@Entity({ name: 'retrospectives' })
@Unique('retrospectives_period_key', ['period'])
export class RetrospectiveEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'retrospectives_pkey' })
  id!: string;

  /** The canonical label of parsePeriod: 2026, 2026-Q3, 2026-09 or start/end. */
  @Column({ type: 'varchar', length: 100 })
  period!: string;

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
