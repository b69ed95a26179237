import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { IncidentEntity } from '../incidents/incident.entity';

// Written with raw SQL by IncidentRepeatRepository; this class keeps the migration checked.

/** That an incident repeats an earlier one (`findRepeat`), recorded when an alert linked to it. */
@Entity({ name: 'incident_repeats' })
@Index('incident_repeats_earlier_incident_id_idx', ['earlierIncidentId'])
export class IncidentRepeatEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'incident_repeats_pkey' })
  incidentId!: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'incident_repeats_incident_id_fkey' })
  incident?: IncidentEntity;

  @Column({ type: 'uuid' })
  earlierIncidentId!: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'earlier_incident_id', foreignKeyConstraintName: 'incident_repeats_earlier_incident_id_fkey' })
  earlierIncident?: IncidentEntity;

  /** The services both incidents list. */
  @Column({ type: 'text', array: true })
  services!: string[];

  /** The alert rule names both were set off by. */
  @Column({ type: 'text', array: true })
  triggers!: string[];

  /** When the earlier incident's last action item was closed. */
  @Column({ type: 'timestamptz' })
  actionItemsDoneAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  recordedAt!: Date;
}
