import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export interface StoredMatcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
}

@Entity({ name: 'silences' })
@Index('silences_ends_at_idx', ['endsAt'])
export class SilenceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'jsonb' })
  matchers!: StoredMatcher[];

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'varchar', length: 128 })
  createdBy!: string;

  @Column({ type: 'text' })
  comment!: string;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
