import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { IncidentSeverity, IncidentStatus } from '@keel/contracts';
import type { SqlRunner } from './incident-hooks';
import type { IncidentRole, RoleAssignment } from './incident-roles';
import type { IncidentEntity } from './incident.entity';
import { MILESTONE_NAMES, noMilestones, type Milestone, type MilestoneName, type Milestones } from './milestones';
import type { Checklist, ChecklistPhase, ChecklistStep, ChecklistStepEvent } from './response-checklist';

/** An incident with everything the core rules read: milestones, role history and the response checklist. */
export interface IncidentState {
  incident: IncidentEntity;
  milestones: Milestones;
  roles: RoleAssignment[];
  checklist: Checklist | null;
}

/** What a new incident row holds; id, version and timestamps come from the table. */
export interface NewIncidentRow {
  title: string;
  description: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  services: string[];
  tags: string[];
  type: string | null;
  triageOutcome: string | null;
  declaredById: string;
  declaredByName: string;
}

const INCIDENT_COLUMNS = `id, title, description, severity, status, services, tags, type, triage_outcome, merged_into_id,
  declared_by_id, declared_by_name, version, created_at, updated_at, time_to_acknowledge_ms, time_to_resolve_ms`;

/** The response times the incident row carries beside its milestones (ms; null until both ends are set). */
export function responseTimes(milestones: Milestones): { acknowledgeMs: number | null; resolveMs: number | null } {
  const detected = milestones.detected?.value.getTime();
  const since = (end: Milestone | null): number | null =>
    detected === undefined || end === null ? null : end.value.getTime() - detected;
  return { acknowledgeMs: since(milestones.acknowledged), resolveMs: since(milestones.resolved) };
}

interface IncidentRow {
  id: string;
  title: string;
  description: string;
  severity: string;
  status: string;
  services: string[];
  tags: string[];
  type: string | null;
  triage_outcome: string | null;
  merged_into_id: string | null;
  declared_by_id: string;
  declared_by_name: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  time_to_acknowledge_ms: string | null;
  time_to_resolve_ms: string | null;
}

function toIncident(row: IncidentRow): IncidentEntity {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    severity: row.severity,
    status: row.status,
    services: row.services,
    tags: row.tags,
    type: row.type,
    triageOutcome: row.triage_outcome,
    mergedIntoId: row.merged_into_id,
    declaredById: row.declared_by_id,
    declaredByName: row.declared_by_name,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    timeToAcknowledgeMs: row.time_to_acknowledge_ms,
    timeToResolveMs: row.time_to_resolve_ms,
  };
}

interface MilestoneRow {
  name: MilestoneName;
  value: Date;
  captured_value: Date;
  captured_at: Date;
  captured_by: string;
  edited_by: string | null;
  edited_at: Date | null;
  edit_reason: string | null;
}

interface RoleRow {
  id: string;
  role: IncidentRole;
  user_id: string;
  started_at: Date;
  ended_at: Date | null;
  assigned_by: string;
}

interface StepRow {
  step_id: string;
  template_id: string;
  phase: ChecklistPhase;
  title: string;
  completed_by: string | null;
  completed_at: Date | null;
  note: string | null;
  history: Array<Omit<ChecklistStepEvent, 'at'> & { at: string }>;
}

const MILESTONE_COLUMNS = 'name, value, captured_value, captured_at, captured_by, edited_by, edited_at, edit_reason';
const ROLE_COLUMNS = 'id::text AS id, role, user_id, started_at, ended_at, assigned_by';
const STEP_COLUMNS = 'step_id, template_id, phase, title, completed_by, completed_at, note, history';

function toMilestones(rows: readonly MilestoneRow[]): Milestones {
  const milestones = noMilestones();
  for (const row of rows) {
    milestones[row.name] = {
      name: row.name,
      value: row.value,
      capturedValue: row.captured_value,
      capturedAt: row.captured_at,
      capturedBy: row.captured_by,
      editedBy: row.edited_by,
      editedAt: row.edited_at,
      editReason: row.edit_reason,
    };
  }
  return milestones;
}

function toRole(r: RoleRow): RoleAssignment {
  return {
    id: r.id,
    role: r.role,
    userId: r.user_id,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    assignedBy: r.assigned_by,
  };
}

function toChecklist(rows: readonly StepRow[]): Checklist | null {
  const first = rows[0];
  if (first === undefined) return null;
  return {
    templateId: first.template_id,
    steps: rows.map((r): ChecklistStep => ({
      id: r.step_id,
      title: r.title,
      phase: r.phase,
      completedBy: r.completed_by,
      completedAt: r.completed_at,
      note: r.note,
      history: r.history.map((e) => ({ ...e, at: new Date(e.at) }) as ChecklistStepEvent),
    })),
  };
}

function sameMilestone(a: Milestone | null, b: Milestone | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.value.getTime() === b.value.getTime() &&
    a.capturedValue.getTime() === b.capturedValue.getTime() &&
    a.editedBy === b.editedBy &&
    a.editedAt?.getTime() === b.editedAt?.getTime() &&
    a.editReason === b.editReason
  );
}

/**
 * Reads and writes an incident's whole state with SQL, inside the caller's transaction: the incident row (locked
 * FOR UPDATE by `lock`), `incident_milestones`, `incident_role_assignments` and `incident_checklist_steps`.
 * `save` writes only what differs between the state read and the state decided, and bumps the version
 * optimistically (`WHERE version = $read`), so a concurrent writer can never be overwritten.
 */
@Injectable()
export class IncidentStateRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  transaction<T>(work: (db: SqlRunner) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(manager));
  }

  /** The state, for reads outside a transaction. */
  load(id: string, db: SqlRunner = this.dataSource): Promise<IncidentState | null> {
    return this.read(db, id, false);
  }

  /** The states of many incidents in four statements (for the fields of an incident list); missing ids are absent. */
  async loadMany(ids: readonly string[]): Promise<Map<string, IncidentState>> {
    const found = new Map<string, IncidentState>();
    if (ids.length === 0) return found;
    const db = this.dataSource;
    const list = [[...ids]];
    const [incidents, milestones, roles, steps] = await Promise.all([
      db.query<IncidentRow[]>(`SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE id = ANY($1::uuid[])`, list),
      db.query<Array<MilestoneRow & { incident_id: string }>>(
        `SELECT incident_id, ${MILESTONE_COLUMNS} FROM incident_milestones WHERE incident_id = ANY($1::uuid[])`,
        list,
      ),
      db.query<Array<RoleRow & { incident_id: string }>>(
        `SELECT incident_id, ${ROLE_COLUMNS} FROM incident_role_assignments WHERE incident_id = ANY($1::uuid[])
          ORDER BY started_at, id`,
        list,
      ),
      db.query<Array<StepRow & { incident_id: string }>>(
        `SELECT incident_id, ${STEP_COLUMNS} FROM incident_checklist_steps WHERE incident_id = ANY($1::uuid[])
          ORDER BY position`,
        list,
      ),
    ]);
    const of = <R extends { incident_id: string }>(rows: R[], id: string): R[] =>
      rows.filter((r) => r.incident_id === id);
    for (const row of incidents) {
      found.set(row.id, {
        incident: toIncident(row),
        milestones: toMilestones(of(milestones, row.id)),
        roles: of(roles, row.id).map(toRole),
        checklist: toChecklist(of(steps, row.id)),
      });
    }
    return found;
  }

  /** The state with the incident row locked until the transaction ends. */
  lock(db: SqlRunner, id: string): Promise<IncidentState | null> {
    return this.read(db, id, true);
  }

  private async read(db: SqlRunner, id: string, forUpdate: boolean): Promise<IncidentState | null> {
    const rows = await db.query<IncidentRow[]>(
      `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    );
    const row = rows[0];
    if (row === undefined) return null;
    const [milestones, roles, checklist] = await Promise.all([
      this.milestonesOf(db, id),
      this.rolesOf(db, id),
      this.checklistOf(db, id),
    ]);
    return { incident: toIncident(row), milestones, roles, checklist };
  }

  async milestonesOf(db: SqlRunner, id: string): Promise<Milestones> {
    const rows = await db.query<MilestoneRow[]>(
      `SELECT ${MILESTONE_COLUMNS} FROM incident_milestones WHERE incident_id = $1`,
      [id],
    );
    return toMilestones(rows);
  }

  private async rolesOf(db: SqlRunner, id: string): Promise<RoleAssignment[]> {
    const rows = await db.query<RoleRow[]>(
      `SELECT ${ROLE_COLUMNS} FROM incident_role_assignments WHERE incident_id = $1 ORDER BY started_at, id`,
      [id],
    );
    return rows.map(toRole);
  }

  private async checklistOf(db: SqlRunner, id: string): Promise<Checklist | null> {
    const rows = await db.query<StepRow[]>(
      `SELECT ${STEP_COLUMNS} FROM incident_checklist_steps WHERE incident_id = $1 ORDER BY position`,
      [id],
    );
    return toChecklist(rows);
  }

  /** The distinct alert names linked to the incident, for the hooks (runbook matching). */
  async alertNamesOf(db: SqlRunner, id: string): Promise<string[]> {
    const rows = await db.query<Array<{ alertname: string }>>(
      `SELECT DISTINCT alertname FROM incident_alerts WHERE incident_id = $1 ORDER BY alertname`,
      [id],
    );
    return rows.map((r) => r.alertname);
  }

  /** The incident's linked alerts, first firing first. */
  async alertsOf(
    id: string,
    db: SqlRunner = this.dataSource,
  ): Promise<
    Array<{
      fingerprint: string;
      alertName: string;
      annotations: Record<string, string>;
      firstFiringAt: Date | null;
      resolvedAt: Date | null;
    }>
  > {
    const rows = await db.query<
      Array<{
        fingerprint: string;
        alertname: string;
        annotations: Record<string, string>;
        first_firing_at: Date | null;
        resolved_at: Date | null;
      }>
    >(
      `SELECT fingerprint, alertname, annotations, first_firing_at, resolved_at
         FROM incident_alerts WHERE incident_id = $1 ORDER BY first_firing_at, fingerprint`,
      [id],
    );
    return rows.map((r) => ({
      fingerprint: r.fingerprint,
      alertName: r.alertname,
      annotations: r.annotations,
      firstFiringAt: r.first_firing_at,
      resolvedAt: r.resolved_at,
    }));
  }

  /** Ids for new role assignments, from the table's identity sequence (the pure rules need them up front). */
  async nextRoleAssignmentId(db: SqlRunner): Promise<string> {
    const rows = await db.query<Array<{ id: string }>>(
      `SELECT nextval(pg_get_serial_sequence('incident_role_assignments', 'id'))::text AS id`,
    );
    return rows[0]?.id ?? '';
  }

  /** Inserts a new incident with its opening milestones and checklist; returns the stored state. */
  async insert(
    db: SqlRunner,
    row: NewIncidentRow,
    opening: { milestones: Milestones; checklist: Checklist | null; now: Date },
  ): Promise<IncidentState> {
    const times = responseTimes(opening.milestones);
    const inserted = await db.query<IncidentRow[]>(
      `INSERT INTO incidents (title, description, severity, status, services, tags, type, triage_outcome,
                              declared_by_id, declared_by_name, version, created_at, updated_at,
                              time_to_acknowledge_ms, time_to_resolve_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $11, $12, $13)
       RETURNING ${INCIDENT_COLUMNS}`,
      [
        row.title,
        row.description,
        row.severity,
        row.status,
        row.services,
        row.tags,
        row.type,
        row.triageOutcome,
        row.declaredById,
        row.declaredByName,
        opening.now,
        times.acknowledgeMs,
        times.resolveMs,
      ],
    );
    const incident = toIncident(inserted[0] as IncidentRow);
    const state: IncidentState = { incident, milestones: noMilestones(), roles: [], checklist: null };
    await this.writeChildren(db, state, { ...state, milestones: opening.milestones, checklist: opening.checklist });
    return { ...state, milestones: opening.milestones, checklist: opening.checklist };
  }

  /**
   * Writes `next` over `before` (as read under `lock`): the incident row at version + 1 when its read version
   * still holds (else null: someone else wrote first), then the milestones, roles and checklist steps that changed.
   */
  async save(db: SqlRunner, before: IncidentState, next: IncidentState): Promise<IncidentState | null> {
    const i = next.incident;
    const times = responseTimes(next.milestones);
    const updated = await db.query<[IncidentRow[], number]>(
      `UPDATE incidents
          SET title = $3, description = $4, severity = $5, status = $6, services = $7, tags = $8, type = $9,
              triage_outcome = $10, merged_into_id = $11, time_to_acknowledge_ms = $12, time_to_resolve_ms = $13,
              version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2
        RETURNING ${INCIDENT_COLUMNS}`,
      [
        i.id,
        before.incident.version,
        i.title,
        i.description,
        i.severity,
        i.status,
        i.services,
        i.tags,
        i.type,
        i.triageOutcome,
        i.mergedIntoId,
        times.acknowledgeMs,
        times.resolveMs,
      ],
    );
    // TypeORM's query() answers [rows, count] for UPDATE … RETURNING.
    const row = updated[0]?.[0];
    if (row === undefined) return null;
    await this.writeChildren(db, before, next);
    return { ...next, incident: toIncident(row) };
  }

  private async writeChildren(db: SqlRunner, before: IncidentState, next: IncidentState): Promise<void> {
    const id = next.incident.id;
    for (const name of MILESTONE_NAMES) {
      const was = before.milestones[name];
      const now = next.milestones[name];
      if (sameMilestone(was, now)) continue;
      if (now === null) {
        await db.query(`DELETE FROM incident_milestones WHERE incident_id = $1 AND name = $2`, [id, name]);
        continue;
      }
      await db.query(
        `INSERT INTO incident_milestones
           (incident_id, name, value, captured_value, captured_at, captured_by, edited_by, edited_at, edit_reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (incident_id, name) DO UPDATE SET
           value = EXCLUDED.value, captured_value = EXCLUDED.captured_value, captured_at = EXCLUDED.captured_at,
           captured_by = EXCLUDED.captured_by, edited_by = EXCLUDED.edited_by, edited_at = EXCLUDED.edited_at,
           edit_reason = EXCLUDED.edit_reason`,
        [
          id,
          name,
          now.value,
          now.capturedValue,
          now.capturedAt,
          now.capturedBy,
          now.editedBy,
          now.editedAt,
          now.editReason,
        ],
      );
    }
    const previous = new Map(before.roles.map((r) => [r.id, r]));
    for (const role of next.roles) {
      const was = previous.get(role.id);
      if (was === undefined) {
        await db.query(
          `INSERT INTO incident_role_assignments (id, incident_id, role, user_id, started_at, ended_at, assigned_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [role.id, id, role.role, role.userId, role.startedAt, role.endedAt, role.assignedBy],
        );
      } else if (was.endedAt?.getTime() !== role.endedAt?.getTime()) {
        await db.query(`UPDATE incident_role_assignments SET ended_at = $2 WHERE id = $1`, [role.id, role.endedAt]);
      }
    }
    if (next.checklist === null) return;
    const steps = new Map((before.checklist?.steps ?? []).map((s) => [s.id, s]));
    for (const [position, step] of next.checklist.steps.entries()) {
      const was = steps.get(step.id);
      if (was !== undefined && was.history.length === step.history.length) continue;
      await db.query(
        `INSERT INTO incident_checklist_steps
           (incident_id, step_id, template_id, position, phase, title, completed_by, completed_at, note, history)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (incident_id, step_id) DO UPDATE SET
           completed_by = EXCLUDED.completed_by, completed_at = EXCLUDED.completed_at, note = EXCLUDED.note,
           history = EXCLUDED.history`,
        [
          id,
          step.id,
          next.checklist.templateId,
          position,
          step.phase,
          step.title,
          step.completedBy,
          step.completedAt,
          step.note,
          JSON.stringify(step.history),
        ],
      );
    }
  }
}
