import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ActionItemStatus } from '../postmortems';
import type { SqlRunner } from '../incidents/incident-hooks';
import type { RepeatCandidate, RepeatIncident, RepeatSubject } from './repeat-incident';

/** An `incident_repeats` row as `REPEAT_COLUMNS` reads it (alias `r`). */
export interface RepeatRow {
  incident_id: string;
  earlier_incident_id: string;
  services: string[];
  triggers: string[];
  action_items_done_at: Date;
}

export const REPEAT_COLUMNS = 'r.incident_id, r.earlier_incident_id, r.services, r.triggers, r.action_items_done_at';

export function toRepeat(row: RepeatRow): RepeatIncident {
  return {
    incidentId: row.incident_id,
    earlierIncidentId: row.earlier_incident_id,
    services: row.services,
    triggers: row.triggers,
    actionItemsDoneAt: row.action_items_done_at,
  };
}

// Incidents a report counts: neither in triage, declined nor merged (as `retrospective()` counts them).
const COUNTED = `e.status NOT IN ('triage', 'declined') AND e.merged_into_id IS NULL`;

/**
 * The reads and writes of RepeatRecorder, inside the transaction of the alert link that asks for them (ADR 0004):
 * the incident as the repeat decision sees it, its candidates, and the recorded link; and the recorded links of
 * many incidents at once for `Incident.repeatOf`.
 */
@Injectable()
export class IncidentRepeatRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** The recorded repeats of these incidents (those that repeat none are left out), in one statement. */
  async recordedFor(incidentIds: readonly string[]): Promise<Map<string, RepeatIncident>> {
    const rows: RepeatRow[] = await this.dataSource.query(
      `SELECT ${REPEAT_COLUMNS} FROM incident_repeats r WHERE r.incident_id = ANY($1::uuid[])`,
      [incidentIds],
    );
    return new Map(rows.map((row) => [row.incident_id, toRepeat(row)]));
  }

  /** The incident with the rule names of its linked alerts; null when it does not exist. */
  async subject(db: SqlRunner, incidentId: string): Promise<RepeatSubject | null> {
    const rows = await db.query<Array<{ id: string; created_at: Date; services: string[]; triggers: string[] }>>(
      `SELECT i.id, i.created_at, i.services,
              ARRAY(SELECT DISTINCT a.alertname FROM incident_alerts a WHERE a.incident_id = i.id) AS triggers
         FROM incidents i WHERE i.id = $1`,
      [incidentId],
    );
    const row = rows[0];
    return row === undefined
      ? null
      : { id: row.id, openedAt: row.created_at, services: row.services, triggers: row.triggers };
  }

  /**
   * Counted incidents opened before the subject and since `since`, sharing a service and a trigger with it, with
   * at least one action item done and none open or in progress: those `findRepeat` chooses from. Both `IN` lists
   * are hashed (about 10 ms for a rule linked to 8k incidents at 100k incidents; a correlated form took seconds).
   */
  async candidates(db: SqlRunner, subject: RepeatSubject, since: Date): Promise<RepeatCandidate[]> {
    if (subject.services.length === 0 || subject.triggers.length === 0) return [];
    const rows = await db.query<
      Array<{
        id: string;
        created_at: Date;
        services: string[];
        triggers: string[];
        items: Array<[ActionItemStatus, string | null]>;
      }>
    >(
      `SELECT e.id, e.created_at, e.services,
              ARRAY(SELECT DISTINCT a.alertname FROM incident_alerts a WHERE a.incident_id = e.id) AS triggers,
              (SELECT json_agg(json_build_array(x.status, x.closed_at)) FROM action_items x
                WHERE x.incident_id = e.id) AS items
         FROM incidents e
        WHERE e.id IN (SELECT a.incident_id FROM incident_alerts a WHERE a.alertname = ANY($3::text[]))
          AND e.id <> $1 AND e.created_at <= $2 AND e.created_at >= $5 AND e.services && $4::text[] AND ${COUNTED}
          AND e.id IN (SELECT x.incident_id FROM action_items x WHERE x.status = 'done')
          AND NOT EXISTS (SELECT 1 FROM action_items x
                           WHERE x.incident_id = e.id AND x.status IN ('open', 'in_progress'))`,
      [subject.id, subject.openedAt, subject.triggers, subject.services, since],
    );
    return rows.map((r) => ({
      id: r.id,
      openedAt: r.created_at,
      services: r.services,
      triggers: r.triggers,
      actionItems: r.items.map(([status, closedAt]) => ({
        status,
        closedAt: closedAt === null ? null : new Date(closedAt),
      })),
    }));
  }

  /** Forgets the incident's recorded repeat, if any. */
  async remove(db: SqlRunner, incidentId: string): Promise<void> {
    await db.query(`DELETE FROM incident_repeats WHERE incident_id = $1`, [incidentId]);
  }

  /** Records the repeat, replacing an earlier decision for the incident (a later link may find a later match). */
  async save(db: SqlRunner, repeat: RepeatIncident): Promise<void> {
    await db.query(
      `INSERT INTO incident_repeats (incident_id, earlier_incident_id, services, triggers, action_items_done_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (incident_id) DO UPDATE
          SET earlier_incident_id = EXCLUDED.earlier_incident_id, services = EXCLUDED.services,
              triggers = EXCLUDED.triggers, action_items_done_at = EXCLUDED.action_items_done_at,
              recorded_at = now()
        WHERE (incident_repeats.earlier_incident_id, incident_repeats.services, incident_repeats.triggers,
               incident_repeats.action_items_done_at)
              IS DISTINCT FROM (EXCLUDED.earlier_incident_id, EXCLUDED.services, EXCLUDED.triggers,
                                EXCLUDED.action_items_done_at)`,
      [repeat.incidentId, repeat.earlierIncidentId, repeat.services, repeat.triggers, repeat.actionItemsDoneAt],
    );
  }
}
