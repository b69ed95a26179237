import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { IncidentEntity } from './incident.entity';
import type { ChecklistStepEvent } from './response-checklist';

// Rows of the incident core's child tables (migration 1764800000000); IncidentStateRepository reads and writes them
// with SQL, these classes keep the migrations checked.

/** A milestone (= `Milestone`): the value in effect, the captured value and the last edit. */
@Entity({ name: 'incident_milestones' })
@Check(
  'incident_milestones_name_check',
  `name IN ('impact_started', 'detected', 'acknowledged', 'mitigated', 'resolved', 'closed')`,
)
@Index('incident_milestones_name_value_idx', ['name', 'value'])
export class IncidentMilestoneEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'incident_milestones_pkey' })
  incidentId!: string;

  @PrimaryColumn({ type: 'varchar', length: 20, primaryKeyConstraintName: 'incident_milestones_pkey' })
  name!: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'incident_milestones_incident_id_fkey' })
  incident?: IncidentEntity;

  @Column({ type: 'timestamptz' })
  value!: Date;

  @Column({ type: 'timestamptz' })
  capturedValue!: Date;

  @Column({ type: 'timestamptz' })
  capturedAt!: Date;

  @Column({ type: 'varchar', length: 128 })
  capturedBy!: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  editedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  editedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  editReason!: string | null;
}

/** A dated role assignment (= `RoleAssignment`); a hand-off is two rows meeting at one instant. */
@Entity({ name: 'incident_role_assignments' })
@Index('incident_role_assignments_incident_idx', ['incidentId', 'startedAt'])
export class IncidentRoleAssignmentEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'incident_role_assignments_pkey',
  })
  id!: string;

  @Column({ type: 'uuid' })
  incidentId!: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'incident_role_assignments_incident_id_fkey' })
  incident?: IncidentEntity;

  @Column({ type: 'varchar', length: 48 })
  role!: string;

  @Column({ type: 'varchar', length: 128 })
  userId!: string;

  @Column({ type: 'timestamptz' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'varchar', length: 128 })
  assignedBy!: string;
}

/** A response checklist step (= `ChecklistStep`) with its completion and history. */
@Entity({ name: 'incident_checklist_steps' })
export class IncidentChecklistStepEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'incident_checklist_steps_pkey' })
  incidentId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'incident_checklist_steps_pkey' })
  stepId!: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'incident_checklist_steps_incident_id_fkey' })
  incident?: IncidentEntity;

  @Column({ type: 'varchar', length: 64 })
  templateId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'varchar', length: 20 })
  phase!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  completedBy!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ type: 'jsonb', default: '[]' })
  history!: ChecklistStepEvent[];
}
