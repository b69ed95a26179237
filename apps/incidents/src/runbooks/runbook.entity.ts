import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IncidentEntity } from '../incidents/incident.entity';
import type { RunbookMetadata } from './runbook.types';

/** A row of `runbooks`: the runbook's current version and, in columns, that version's front matter. */
@Entity({ name: 'runbooks' })
// GIN indexes for the list filters (`alerts @> ARRAY[$1]`); the migration owns them.
@Index('runbooks_alerts_idx', { synchronize: false })
@Index('runbooks_services_idx', { synchronize: false })
@Index('runbooks_incident_types_idx', { synchronize: false })
export class RunbookEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'integer' })
  currentVersion!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 200 })
  owner!: string;

  @Column({ type: 'text', array: true, default: '{}' })
  alerts!: string[];

  @Column({ type: 'text', array: true, default: '{}' })
  services!: string[];

  @Column({ type: 'text', array: true, default: '{}' })
  incidentTypes!: string[];

  /** `YYYY-MM-DD` (pg returns a date column as text here, see the repository). */
  @Column({ type: 'date', nullable: true })
  lastReviewed!: string | null;

  @Column({ type: 'boolean', default: false })
  archived!: boolean;

  @Column({ type: 'varchar', length: 128 })
  updatedById!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}

/** What `runbook_versions.front_matter` holds: the parsed metadata and the title the runbook shows. */
export type RunbookFrontMatter = RunbookMetadata & { resolvedTitle: string };

/** A row of `runbook_versions`: one saved version, never updated. */
@Entity({ name: 'runbook_versions' })
export class RunbookVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  name!: string;

  @ManyToOne(() => RunbookEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'name', foreignKeyConstraintName: 'runbook_versions_name_fkey' })
  runbook?: RunbookEntity;

  @PrimaryColumn({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  markdown!: string;

  @Column({ type: 'jsonb' })
  frontMatter!: RunbookFrontMatter;

  @Column({ type: 'varchar', length: 128 })
  authorId!: string;

  @Column({ type: 'varchar', length: 128 })
  authorName!: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}

/** A row of `incident_runbooks`: a runbook an incident activated (once per incident and runbook). */
@Entity({ name: 'incident_runbooks' })
@Index('incident_runbooks_runbook_name_idx', ['runbookName'])
export class IncidentRunbookEntity {
  @PrimaryColumn({ type: 'uuid' })
  incidentId!: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'incident_runbooks_incident_id_fkey' })
  incident?: IncidentEntity;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  runbookName!: string;

  @ManyToOne(() => RunbookEntity, { nullable: false })
  @JoinColumn({ name: 'runbook_name', foreignKeyConstraintName: 'incident_runbooks_runbook_name_fkey' })
  runbook?: RunbookEntity;

  /** The runbook's version when it was activated. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'timestamptz' })
  activatedAt!: Date;

  @Column({ type: 'varchar', length: 20 })
  activatedByType!: string;

  @Column({ type: 'varchar', length: 128 })
  activatedById!: string;

  @Column({ type: 'varchar', length: 128 })
  activatedByName!: string;

  /** Activated by the incident's opening (matchRunbook), not by a person. */
  @Column({ type: 'boolean' })
  automatic!: boolean;
}
