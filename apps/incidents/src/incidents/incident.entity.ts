import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

@Entity({ name: 'incidents' })
@Check('incidents_severity_check', `severity IN ('P0', 'P1', 'P2', 'P3')`)
@Index('incidents_status_created_at_idx', ['status', 'createdAt'])
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
