import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { IncidentEntity } from '../incidents/incident.entity';
import type { PostMortemDocument } from './post-mortem.document';

// Rows of migration 1765100000000; PostMortemRepository reads and writes them with SQL (also inside the incident
// core's transactions), these classes keep the migrations checked.

/** A post-mortem: its columns, and the rest of the PostMortem (without action items) in `document`. */
@Entity({ name: 'post_mortems' })
@Unique('post_mortems_incident_id_key', ['incidentId'])
@Check('post_mortems_status_check', `status IN ('draft', 'in_review', 'published')`)
@Index('post_mortems_status_updated_at_idx', ['status', 'updatedAt'])
export class PostMortemEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'post_mortems_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  incidentId!: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'post_mortems_incident_id_fkey' })
  incident?: IncidentEntity;

  @Column({ type: 'varchar', length: 20 })
  status!: string;

  @Column({ type: 'jsonb' })
  document!: PostMortemDocument;

  @Column({ type: 'varchar', length: 128 })
  ownerId!: string;

  @Column({ type: 'varchar', length: 128 })
  createdById!: string;

  /** Optimistic concurrency: every write is `UPDATE … WHERE id = $1 AND version = $2`. */
  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  publishedById!: string | null;
}

/** An action item (= `ActionItem`), in its post-mortem's order (`position`), versioned on its own. */
@Entity({ name: 'action_items' })
@Unique('action_items_post_mortem_id_position_key', ['postMortemId', 'position'])
@Check('action_items_type_check', `type IN ('prevent', 'mitigate', 'detect', 'process')`)
@Check('action_items_status_check', `status IN ('open', 'in_progress', 'done', 'wont_do')`)
@Index('action_items_open_due_idx', ['dueDate'], { where: `status IN ('open', 'in_progress')` })
@Index('action_items_incident_id_idx', ['incidentId'])
export class ActionItemEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'action_items_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  postMortemId!: string;

  @ManyToOne(() => PostMortemEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'post_mortem_id', foreignKeyConstraintName: 'action_items_post_mortem_id_fkey' })
  postMortem?: PostMortemEntity;

  @Column({ type: 'uuid' })
  incidentId!: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'action_items_incident_id_fkey' })
  incident?: IncidentEntity;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 10 })
  type!: string;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  ownerId!: string | null;

  /** A calendar day (`YYYY-MM-DD`); read as text, never through a local-time Date. */
  @Column({ type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ type: 'varchar', length: 20 })
  status!: string;

  @Column({ type: 'boolean', default: false })
  required!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  statusReason!: string | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
