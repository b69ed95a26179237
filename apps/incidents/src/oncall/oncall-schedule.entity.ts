import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { Schedule } from './schedule.types';

/** What `document` holds: a validated schedule without its id (the row's id is the schedule's id). */
export type ScheduleDocument = Omit<Schedule, 'id'>;

@Entity({ name: 'oncall_schedules' })
@Unique('oncall_schedules_name_key', ['name'])
export class OncallScheduleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'jsonb' })
  document!: ScheduleDocument;

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
