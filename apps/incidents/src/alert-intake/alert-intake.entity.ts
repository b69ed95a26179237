import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IncidentEntity } from '../incidents/incident.entity';

/** A row of `incident_alerts` (= `IncidentAlertLink`); kept here so the migrations can be checked against it. */
@Entity({ name: 'incident_alerts' })
@Index('incident_alerts_group_key_idx', ['groupKey'])
@Index('incident_alerts_fingerprint_idx', ['fingerprint'])
@Index('incident_alerts_alertname_idx', ['alertname', 'incidentId'])
export class IncidentAlertEntity {
  @PrimaryColumn({ type: 'uuid' })
  incidentId!: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'incident_alerts_incident_id_fkey' })
  incident?: IncidentEntity;

  @PrimaryColumn({ type: 'varchar', length: 128 })
  fingerprint!: string;

  @Column({ type: 'text' })
  alertname!: string;

  @Column({ type: 'text' })
  groupKey!: string;

  @Column({ type: 'varchar', length: 63, nullable: true })
  service!: string | null;

  @Column({ type: 'jsonb' })
  labels!: Record<string, string>;

  @Column({ type: 'jsonb' })
  annotations!: Record<string, string>;

  @Column({ type: 'timestamptz' })
  firstFiringAt!: Date;

  @Column({ type: 'timestamptz' })
  lastFiringAt!: Date;

  @Column({ type: 'varchar', length: 10 })
  lastState!: string;

  @Column({ type: 'timestamptz' })
  lastStateAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  generatorUrl!: string | null;
}

/** A row of `alert_intake_processed` (= `ProcessedAlertEvent` plus the incident it touched). */
@Entity({ name: 'alert_intake_processed' })
export class AlertIntakeProcessedEntity {
  @PrimaryColumn({ type: 'varchar', length: 180 })
  dedupeKey!: string;

  @Column({ type: 'uuid' })
  eventId!: string;

  @Column({ type: 'varchar', length: 128 })
  fingerprint!: string;

  @Column({ type: 'varchar', length: 20 })
  outcome!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  ignoreReason!: string | null;

  @Column({ type: 'uuid', nullable: true })
  incidentId!: string | null;

  @Column({ type: 'timestamptz' })
  processedAt!: Date;
}
