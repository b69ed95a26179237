import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { IncidentEntity } from './incident.entity';
import type { TimelineDetail } from './timeline';

/** A row of `incident_timeline` (= `TimelineEntry`); kept here so the migrations can be checked against it. */
@Entity({ name: 'incident_timeline' })
@Index('incident_timeline_incident_occurred_idx', ['incidentId', 'occurredAt', 'id'])
export class IncidentTimelineEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'incident_timeline_pkey',
  })
  id!: string;

  @Column({ type: 'uuid' })
  incidentId!: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'incident_timeline_incident_id_fkey' })
  incident?: IncidentEntity;

  @Column({ type: 'varchar', length: 30 })
  kind!: string;

  @Column({ type: 'varchar', length: 20 })
  actorType!: string;

  @Column({ type: 'varchar', length: 128 })
  actorId!: string;

  @Column({ type: 'varchar', length: 128 })
  actorName!: string;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;

  @Column({ type: 'boolean' })
  keyEvent!: boolean;

  @Column({ type: 'jsonb' })
  detail!: TimelineDetail;
}
