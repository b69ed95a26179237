import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { IncidentEntity } from '../incidents/incident.entity';
import type { EscalationPolicyDocument } from './escalation-policy.entity';

export const ESCALATION_RUN_STATUSES = ['running', 'acknowledged', 'exhausted', 'stopped'] as const;
export type EscalationRunStatus = (typeof ESCALATION_RUN_STATUSES)[number];

export const NOTIFICATION_OUTCOMES = ['sending', 'delivered', 'failed', 'no_contact_method', 'unresolved'] as const;
export type NotificationOutcome = (typeof NOTIFICATION_OUTCOMES)[number];

/**
 * A row of `incident_escalations`: the escalation of one incident, with the policy as it was when it started
 * (id, version, document), so editing the policy later does not change a running escalation.
 */
@Entity({ name: 'incident_escalations' })
@Check('incident_escalations_status_check', `status IN ('running', 'acknowledged', 'exhausted', 'stopped')`)
@Index('incident_escalations_due_idx', ['nextDueAt'], { where: `status = 'running'` })
@Index('incident_escalations_running_key', ['incidentId'], { unique: true, where: `status = 'running'` })
@Index('incident_escalations_incident_idx', ['incidentId', 'triggeredAt'])
export class IncidentEscalationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'incident_escalations_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  incidentId!: string;

  @ManyToOne(() => IncidentEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'incident_id', foreignKeyConstraintName: 'incident_escalations_incident_id_fkey' })
  incident?: IncidentEntity;

  @Column({ type: 'varchar', length: 128 })
  policyId!: string;

  /** Null when the policy did not exist (the escalation is then `stopped` with its reason). */
  @Column({ type: 'integer', nullable: true })
  policyVersion!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  policySnapshot!: EscalationPolicyDocument | null;

  @Column({ type: 'varchar', length: 20 })
  status!: EscalationRunStatus;

  @Column({ type: 'timestamptz' })
  triggeredAt!: Date;

  /** How many steps of the plan (escalationSteps) have been sent. */
  @Column({ type: 'integer', default: 0 })
  stepsFired!: number;

  /** The level and pass of the last step sent; null before the first. */
  @Column({ type: 'integer', nullable: true })
  levelIndex!: number | null;

  @Column({ type: 'integer', nullable: true })
  pass!: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  nextDueAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  acknowledgedById!: string | null;

  @Column({ type: 'text', nullable: true })
  stoppedReason!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** A row of `escalation_notifications`: one recipient × contact method of one step, and how it went. */
@Entity({ name: 'escalation_notifications' })
@Check(
  'escalation_notifications_outcome_check',
  `outcome IN ('sending', 'delivered', 'failed', 'no_contact_method', 'unresolved')`,
)
@Index('escalation_notifications_escalation_idx', ['escalationId', 'id'])
export class EscalationNotificationEntity {
  @PrimaryGeneratedColumn('identity', {
    type: 'bigint',
    generatedIdentity: 'BY DEFAULT',
    primaryKeyConstraintName: 'escalation_notifications_pkey',
  })
  id!: string;

  @Column({ type: 'uuid' })
  escalationId!: string;

  @ManyToOne(() => IncidentEscalationEntity, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'escalation_id', foreignKeyConstraintName: 'escalation_notifications_escalation_id_fkey' })
  escalation?: IncidentEscalationEntity;

  @Column({ type: 'uuid' })
  incidentId!: string;

  @Column({ type: 'integer' })
  levelIndex!: number;

  @Column({ type: 'integer' })
  pass!: number;

  @Column({ type: 'timestamptz' })
  stepAt!: Date;

  /** The user paged; for an `unresolved` schedule target, the schedule's id. */
  @Column({ type: 'varchar', length: 128 })
  recipient!: string;

  @Column({ type: 'uuid', nullable: true })
  contactMethodId!: string | null;

  /** webhook, slack, email; `none` when there was nothing to send to. */
  @Column({ type: 'varchar', length: 10 })
  channel!: string;

  @Column({ type: 'varchar', length: 20 })
  outcome!: NotificationOutcome;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'timestamptz' })
  attemptedAt!: Date;
}
