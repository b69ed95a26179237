import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In, type Repository } from 'typeorm';
import type { SqlRunner } from '../incidents/incident-hooks';
import type { TimelineContext } from '../incidents/timeline';
import { type NewTimelineEntry, TimelineRepository } from '../incidents/timeline.repository';
import type { EscalationPolicy } from './escalation';
import {
  EscalationNotificationEntity,
  IncidentEscalationEntity,
  type NotificationOutcome,
} from './incident-escalation.entity';

/** A running escalation whose next step is due, locked for the worker's claim transaction. */
export interface DueEscalation {
  id: string;
  incidentId: string;
  policyId: string;
  policy: EscalationPolicy;
  triggeredAt: Date;
  stepsFired: number;
  incident: { title: string; severity: string; status: string; createdAt: Date };
}

export interface NewNotification {
  levelIndex: number;
  pass: number;
  stepAt: Date;
  recipient: string;
  contactMethodId: string | null;
  channel: string;
  outcome: NotificationOutcome;
  error: string | null;
}

export interface ClaimedNotification extends NewNotification {
  id: string;
}

export interface NotificationOutcomeUpdate {
  id: string;
  outcome: 'delivered' | 'failed';
  attempts: number;
  error: string | null;
}

export type StartResult = 'started' | 'already-running' | 'policy-missing';

interface DueRow {
  id: string;
  incident_id: string;
  policy_id: string;
  policy_snapshot: EscalationPolicy;
  triggered_at: Date;
  steps_fired: number;
  title: string;
  severity: string;
  incident_status: string;
  incident_created_at: Date;
}

/**
 * Rows changed by an UPDATE run through `query`: TypeORM's PostgreSQL driver answers an UPDATE or DELETE with
 * `[rows, rowCount]` rather than the rows.
 */
function updatedRows(result: unknown): number {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[1];
  }
  throw new Error('expected [rows, rowCount] from an UPDATE');
}

function toDueEscalation(row: DueRow): DueEscalation {
  return {
    id: row.id,
    incidentId: row.incident_id,
    policyId: row.policy_id,
    policy: row.policy_snapshot,
    triggeredAt: row.triggered_at,
    stepsFired: row.steps_fired,
    incident: {
      title: row.title,
      severity: row.severity,
      status: row.incident_status,
      createdAt: row.incident_created_at,
    },
  };
}

/** The worker's view of one claim transaction: the due rows it locked, and what it may write about them. */
export class EscalationClaim {
  constructor(private readonly manager: EntityManager) {}

  /**
   * Locks up to `limit` running escalations due at `now`, oldest due first. `SKIP LOCKED`: rows another worker
   * holds are left to it; a row it advanced meanwhile is re-checked by PostgreSQL and no longer due.
   */
  async lockDue(now: Date, limit: number): Promise<DueEscalation[]> {
    const rows = await this.manager.query<DueRow[]>(
      `SELECT e.id, e.incident_id, e.policy_id, e.policy_snapshot, e.triggered_at, e.steps_fired,
              i.title, i.severity, i.status AS incident_status, i.created_at AS incident_created_at
         FROM incident_escalations e
         JOIN incidents i ON i.id = e.incident_id
        WHERE e.status = 'running' AND e.next_due_at <= $1
        ORDER BY e.next_due_at
        LIMIT $2
          FOR UPDATE OF e SKIP LOCKED`,
      [now, limit],
    );
    return rows.map(toDueEscalation);
  }

  /** Records the notifications of the steps being sent (outcome `sending` until delivered or failed). */
  async addNotifications(
    escalation: Pick<DueEscalation, 'id' | 'incidentId'>,
    notifications: readonly NewNotification[],
    at: Date,
  ): Promise<ClaimedNotification[]> {
    const claimed: ClaimedNotification[] = [];
    for (const n of notifications) {
      const rows = await this.manager.query<Array<{ id: string }>>(
        `INSERT INTO escalation_notifications
           (escalation_id, incident_id, level_index, pass, step_at, recipient, contact_method_id, channel, outcome,
            attempts, error, attempted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10, $11)
         RETURNING id::text AS id`,
        [
          escalation.id,
          escalation.incidentId,
          n.levelIndex,
          n.pass,
          n.stepAt,
          n.recipient,
          n.contactMethodId,
          n.channel,
          n.outcome,
          n.error,
          at,
        ],
      );
      claimed.push({ ...n, id: rows[0]?.id ?? '' });
    }
    return claimed;
  }

  /** Moves the escalation on; guarded by the steps already fired, so a stale claim changes nothing. */
  async advance(
    id: string,
    expectedStepsFired: number,
    next: {
      status: 'running' | 'exhausted';
      stepsFired: number;
      levelIndex: number | null;
      pass: number | null;
      nextDueAt: Date | null;
    },
    at: Date,
  ): Promise<boolean> {
    const result = await this.manager.query<unknown>(
      `UPDATE incident_escalations
          SET status = $3, steps_fired = $4, level_index = $5, pass = $6, next_due_at = $7, updated_at = $8
        WHERE id = $1 AND steps_fired = $2 AND status = 'running'`,
      [id, expectedStepsFired, next.status, next.stepsFired, next.levelIndex, next.pass, next.nextDueAt, at],
    );
    return updatedRows(result) === 1;
  }

  async stop(id: string, reason: string, at: Date): Promise<void> {
    await this.manager.query(
      `UPDATE incident_escalations SET status = 'stopped', stopped_reason = $2, next_due_at = NULL, updated_at = $3
        WHERE id = $1 AND status = 'running'`,
      [id, reason, at],
    );
  }
}

@Injectable()
export class IncidentEscalationRepository {
  private readonly escalations: Repository<IncidentEscalationEntity>;
  private readonly notifications: Repository<EscalationNotificationEntity>;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly timeline: TimelineRepository,
  ) {
    this.escalations = dataSource.getRepository(IncidentEscalationEntity);
    this.notifications = dataSource.getRepository(EscalationNotificationEntity);
  }

  // --- inside an incident's transaction (the hooks) -------------------------------------------------------------

  /**
   * Starts an escalation of the incident with the policy as it is now (read FOR SHARE, so it cannot be deleted
   * meanwhile), due at `triggeredAt`. Nothing when one is already running (the partial unique index also guards a
   * concurrent start). A missing policy still leaves a row, `stopped` with `reasonIfMissing`, so the incident
   * shows why nobody was paged.
   */
  async start(
    db: SqlRunner,
    start: { incidentId: string; policyId: string; triggeredAt: Date; reasonIfMissing: string },
  ): Promise<StartResult> {
    const policies = await db.query<Array<{ version: number; document: EscalationPolicy }>>(
      `SELECT version, document FROM escalation_policies WHERE id = $1 FOR SHARE`,
      [start.policyId],
    );
    const policy = policies[0];
    if (!policy) {
      if (await this.hasRunning(db, start.incidentId)) return 'already-running';
      await db.query(
        `INSERT INTO incident_escalations (incident_id, policy_id, status, triggered_at, stopped_reason, updated_at)
         VALUES ($1, $2, 'stopped', $3, $4, $3)`,
        [start.incidentId, start.policyId, start.triggeredAt, start.reasonIfMissing],
      );
      return 'policy-missing';
    }
    const inserted = await db.query<Array<{ id: string }>>(
      `INSERT INTO incident_escalations
         (incident_id, policy_id, policy_version, policy_snapshot, status, triggered_at, next_due_at, updated_at)
       VALUES ($1, $2, $3, $4, 'running', $5, $5, $5)
       ON CONFLICT (incident_id) WHERE status = 'running' DO NOTHING
       RETURNING id`,
      [start.incidentId, start.policyId, policy.version, JSON.stringify(policy.document), start.triggeredAt],
    );
    return inserted.length === 1 ? 'started' : 'already-running';
  }

  async hasRunning(db: SqlRunner, incidentId: string): Promise<boolean> {
    const rows = await db.query<unknown[]>(
      `SELECT 1 FROM incident_escalations WHERE incident_id = $1 AND status = 'running'`,
      [incidentId],
    );
    return rows.length > 0;
  }

  /** Ends the running escalation as acknowledged; returns whether one was running. */
  async acknowledge(db: SqlRunner, incidentId: string, at: Date, byId: string): Promise<boolean> {
    const result = await db.query<unknown>(
      `UPDATE incident_escalations
          SET status = 'acknowledged', acknowledged_at = $2, acknowledged_by_id = $3, next_due_at = NULL, updated_at = $2
        WHERE incident_id = $1 AND status = 'running'`,
      [incidentId, at, byId],
    );
    return updatedRows(result) > 0;
  }

  /** Ends the running escalation as stopped with its reason; returns whether one was running. */
  async stopRunning(db: SqlRunner, incidentId: string, reason: string, at: Date): Promise<boolean> {
    const result = await db.query<unknown>(
      `UPDATE incident_escalations
          SET status = 'stopped', stopped_reason = $2, next_due_at = NULL, updated_at = $3
        WHERE incident_id = $1 AND status = 'running'`,
      [incidentId, reason, at],
    );
    return updatedRows(result) > 0;
  }

  // --- the worker ---------------------------------------------------------------------------------------------

  /** Runs `work` in one transaction: the claim (lock due rows, record what is sent, advance them). */
  claim<T>(work: (claim: EscalationClaim) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new EscalationClaim(manager)));
  }

  /**
   * Takes pages left `sending` since before `staleBefore` (their worker died between claiming and recording) and
   * leases them again at `now`, with `SKIP LOCKED` so two workers never take the same one: the worker sends them
   * again, so a page is delivered at least once. Each comes with what its page needs, grouped by escalation.
   */
  reclaimStale(
    staleBefore: Date,
    now: Date,
    limit: number,
  ): Promise<Array<{ escalation: DueEscalation; notifications: ClaimedNotification[] }>> {
    return this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query<
        [
          Array<{
            id: string;
            escalation_id: string;
            level_index: number;
            pass: number;
            step_at: Date;
            recipient: string;
            contact_method_id: string | null;
            channel: string;
          }>,
          number,
        ]
      >(
        `UPDATE escalation_notifications n SET attempted_at = $2
           FROM (SELECT id FROM escalation_notifications
                  WHERE outcome = 'sending' AND attempted_at < $1
                  ORDER BY attempted_at LIMIT $3 FOR UPDATE SKIP LOCKED) stale
          WHERE n.id = stale.id
          RETURNING n.id::text AS id, n.escalation_id, n.level_index, n.pass, n.step_at, n.recipient,
                    n.contact_method_id, n.channel`,
        [staleBefore, now, limit],
      );
      if (rows.length === 0) return [];
      const escalations = await manager.query<DueRow[]>(
        `SELECT e.id, e.incident_id, e.policy_id, e.policy_snapshot, e.triggered_at, e.steps_fired,
                i.title, i.severity, i.status AS incident_status, i.created_at AS incident_created_at
           FROM incident_escalations e JOIN incidents i ON i.id = e.incident_id
          WHERE e.id = ANY($1::uuid[])`,
        [[...new Set(rows.map((r) => r.escalation_id))]],
      );
      return escalations.map((row) => ({
        escalation: toDueEscalation(row),
        notifications: rows
          .filter((r) => r.escalation_id === row.id)
          .map((r) => ({
            id: r.id,
            levelIndex: r.level_index,
            pass: r.pass,
            stepAt: r.step_at,
            recipient: r.recipient,
            contactMethodId: r.contact_method_id,
            channel: r.channel,
            outcome: 'sending' as const,
            error: null,
          })),
      }));
    });
  }

  /** Stores the outcome of each delivery and the incident's timeline entries about them, in one transaction. */
  recordOutcomes(
    outcomes: readonly NotificationOutcomeUpdate[],
    entries: readonly NewTimelineEntry[],
    context: TimelineContext,
  ): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      for (const o of outcomes) {
        await manager.query(
          `UPDATE escalation_notifications SET outcome = $2, attempts = $3, error = $4, attempted_at = $5 WHERE id = $1`,
          [o.id, o.outcome, o.attempts, o.error, context.now],
        );
      }
      await this.timeline.append(manager, entries, context);
    });
  }

  /** Timeline entries written in the hook's transaction (e.g. "paging is not configured"). */
  async appendTimeline(db: SqlRunner, entries: readonly NewTimelineEntry[], context: TimelineContext): Promise<void> {
    await this.timeline.append(db, entries, context);
  }

  // --- reads ----------------------------------------------------------------------------------------------------

  /**
   * The running escalation of each incident, else its latest one, in one statement; incidents that never had one
   * are left out. DISTINCT ON keeps the first row of each incident in the order below.
   */
  async latestForIncidents(incidentIds: readonly string[]): Promise<Map<string, IncidentEscalationEntity>> {
    if (incidentIds.length === 0) return new Map();
    const latest = await this.escalations
      .createQueryBuilder('e')
      .distinctOn(['e.incident_id'])
      .where('e.incident_id = ANY(CAST(:incidentIds AS uuid[]))', { incidentIds: [...incidentIds] })
      .orderBy('e.incident_id', 'ASC')
      .addOrderBy(`CASE WHEN e.status = 'running' THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy('e.triggered_at', 'DESC')
      .addOrderBy('e.created_at', 'DESC')
      .getMany();
    return new Map(latest.map((escalation) => [escalation.incidentId, escalation]));
  }

  /** The notifications of each escalation, oldest first, in one statement; escalations without any are left out. */
  async notificationsOf(escalationIds: readonly string[]): Promise<Map<string, EscalationNotificationEntity[]>> {
    const byEscalation = new Map<string, EscalationNotificationEntity[]>();
    if (escalationIds.length === 0) return byEscalation;
    const notifications = await this.notifications.find({
      where: { escalationId: In([...escalationIds]) },
      order: { id: 'ASC' },
    });
    for (const notification of notifications) {
      const list = byEscalation.get(notification.escalationId) ?? [];
      list.push(notification);
      byEscalation.set(notification.escalationId, list);
    }
    return byEscalation;
  }
}
