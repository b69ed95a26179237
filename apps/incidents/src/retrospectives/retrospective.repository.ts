import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { IncidentSeverity, IncidentStatus } from '@keel/contracts';
import type {
  ActionItemStatus,
  ContributingFactor,
  PostMortemLessons,
  PostMortemStatus,
  Recommendation,
} from '../postmortems';

/** Which incidents a report covers: opened in [from, to), optionally only those listing `service`. */
export interface RetrospectiveScope {
  from: Date;
  to: Date;
  service: string | null;
}

/** Where the report looks beyond the period: earlier post-mortems for repeats and the previous period's factors. */
export interface RetrospectiveLookback {
  /** Earliest opening of an earlier incident whose done action items may make a later one a repeat. */
  repeatsFrom: Date;
  /** Start of the previous period (its published post-mortems give the factor trend). */
  previousFrom: Date;
}

/** Counts and nearest-rank statistics of one severity (severity null: all of them), aggregated in SQL. */
export interface SeveritySummaryRow {
  severity: IncidentSeverity | null;
  incidents: number;
  withoutService: number;
  acknowledge: { count: number; medianMs: number | null; p90Ms: number | null };
  resolve: { count: number; medianMs: number | null; p90Ms: number | null };
}

/** An incident the post-mortem parts of the report need (milestones are summarised in SQL instead). */
export interface RetrospectiveIncidentRow {
  id: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  services: string[];
  mergedIntoId: string | null;
  openedAt: Date;
  triggers: string[];
  postMortemId: string | null;
}

/** A post-mortem as far as the report reads it; content only where the report uses it (else empty). */
export interface RetrospectivePostMortemRow {
  id: string;
  incidentId: string;
  status: PostMortemStatus;
  contributingFactors: ContributingFactor[];
  lessons: PostMortemLessons | null;
  recommendations: Recommendation[];
  actionItems: { id: string; status: ActionItemStatus; dueDate: string | null; closedAt: Date | null }[];
}

export interface StoredRetrospectiveMeeting {
  id: string;
  period: string;
  periodFrom: Date;
  periodTo: Date;
  improvements: string[];
  notes: string;
  followUpDate: string;
  heldById: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type MeetingWrite =
  { ok: true; value: StoredRetrospectiveMeeting } | { ok: false; currentVersion: number | null };

interface MeetingRow {
  id: string;
  period: string;
  period_from: Date;
  period_to: Date;
  improvements: string[];
  notes: string;
  follow_up_date: string;
  held_by_id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const MEETING_COLUMNS = `id, period, period_from, period_to, improvements, notes, follow_up_date::text AS follow_up_date,
  held_by_id, version, created_at, updated_at`;

function toMeeting(row: MeetingRow): StoredRetrospectiveMeeting {
  return {
    id: row.id,
    period: row.period,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    improvements: row.improvements,
    notes: row.notes,
    followUpDate: row.follow_up_date,
    heldById: row.held_by_id,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

// Incidents the report counts (as `retrospective()` does): neither in triage, declined nor merged.
const COUNTED = `i.status NOT IN ('triage', 'declined') AND i.merged_into_id IS NULL`;
// $3: the service, or null for every incident. `services @> ARRAY[$3]` can use the GIN index.
const SERVICE = `($3::text IS NULL OR i.services @> ARRAY[$3::text])`;

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

/**
 * The reads of a period's retrospective, set-based (ADR 0004). The counts and the nearest-rank median and p90 of
 * the response times are aggregated in SQL — `percentile_disc(p)` takes the value at rank ⌈p × n⌉, exactly
 * `nearestRank` of the pure module (an integration test holds them equal) — so the period's incidents are not
 * carried over the wire for them. The rest of the report (repeats, post-mortems, action items, lessons, factors,
 * improvements) is computed by `retrospective()` over the incidents that can affect it: those of the period with
 * a post-mortem or with an alert on a service and rule that an earlier incident's done action items could make a
 * repeat of (and, without triggers, those of a severity requiring a post-mortem that have none); earlier incidents whose action items are all closed (repeat
 * candidates); and the previous period's incidents with a published post-mortem (factor trend).
 */
@Injectable()
export class RetrospectiveRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * One row per severity with incidents plus the total (severity null). The response times are the incident row's
   * own `time_to_acknowledge_ms` / `time_to_resolve_ms`, kept with its milestones by IncidentStateRepository.
   */
  async severitySummary(scope: RetrospectiveScope): Promise<SeveritySummaryRow[]> {
    const rows: Array<Record<string, string | number | null>> = await this.dataSource.query(
      `SELECT i.severity,
              count(*)::int AS incidents,
              count(*) FILTER (WHERE cardinality(i.services) = 0)::int AS without_service,
              count(i.time_to_acknowledge_ms)::int AS ack_count,
              percentile_disc(0.5) WITHIN GROUP (ORDER BY i.time_to_acknowledge_ms) AS ack_median,
              percentile_disc(0.9) WITHIN GROUP (ORDER BY i.time_to_acknowledge_ms) AS ack_p90,
              count(i.time_to_resolve_ms)::int AS res_count,
              percentile_disc(0.5) WITHIN GROUP (ORDER BY i.time_to_resolve_ms) AS res_median,
              percentile_disc(0.9) WITHIN GROUP (ORDER BY i.time_to_resolve_ms) AS res_p90
         FROM incidents i
        WHERE i.created_at >= $1 AND i.created_at < $2 AND ${COUNTED} AND ${SERVICE}
        GROUP BY ROLLUP (i.severity)`,
      [scope.from, scope.to, scope.service],
    );
    return rows.map((r) => ({
      severity: r.severity as IncidentSeverity | null,
      incidents: Number(r.incidents),
      withoutService: Number(r.without_service),
      acknowledge: { count: Number(r.ack_count), medianMs: num(r.ack_median), p90Ms: num(r.ack_p90) },
      resolve: { count: Number(r.res_count), medianMs: num(r.res_median), p90Ms: num(r.res_p90) },
    }));
  }

  /** Incidents per service (an incident counts once for each service it lists), most first then by name. */
  async serviceCounts(scope: RetrospectiveScope): Promise<{ service: string; count: number }[]> {
    const rows: Array<{ service: string; count: number }> = await this.dataSource.query(
      `SELECT s.service, count(*)::int AS count
         FROM incidents i CROSS JOIN LATERAL (SELECT DISTINCT unnest(i.services) AS service) s
        WHERE i.created_at >= $1 AND i.created_at < $2 AND ${COUNTED} AND ${SERVICE}
        GROUP BY s.service
        ORDER BY count DESC, s.service COLLATE "C"`,
      [scope.from, scope.to, scope.service],
    );
    return rows;
  }

  /** The incidents `retrospective()` needs beside the SQL aggregates (see the class comment), with their triggers. */
  async incidents(scope: RetrospectiveScope, lookback: RetrospectiveLookback): Promise<RetrospectiveIncidentRow[]> {
    const rows: Array<{
      id: string;
      severity: IncidentSeverity;
      status: IncidentStatus;
      services: string[];
      merged_into_id: string | null;
      created_at: Date;
      triggers: string[];
      post_mortem_id: string | null;
    }> = await this.dataSource.query(
      `WITH candidates AS MATERIALIZED (
         SELECT i.id, i.services
           FROM incidents i
          WHERE i.created_at >= $4 AND i.created_at < $2 AND ${COUNTED} AND ${SERVICE}
            AND EXISTS (SELECT 1 FROM incident_alerts a WHERE a.incident_id = i.id)
            AND i.id IN (SELECT x.incident_id FROM action_items x
                          GROUP BY x.incident_id
                         HAVING bool_and(x.status IN ('done', 'wont_do') AND x.closed_at IS NOT NULL)
                            AND bool_or(x.status = 'done'))
       ), candidate_keys AS MATERIALIZED (
         SELECT DISTINCT s.service, a.alertname
           FROM candidates c
           JOIN incident_alerts a ON a.incident_id = c.id
          CROSS JOIN LATERAL unnest(c.services) AS s(service)
       ), period_keys AS MATERIALIZED (
         -- Each (incident, service, rule) of the period once, so matching the candidates is one hash join, not a
         -- lookup of the candidate keys per incident.
         SELECT i.id, s.service, a.alertname
           FROM incidents i
          CROSS JOIN LATERAL unnest(i.services) AS s(service)
           JOIN incident_alerts a ON a.incident_id = i.id
          WHERE i.created_at >= $1 AND i.created_at < $2 AND ${SERVICE}
       ), chosen AS (
         SELECT i.id, i.severity, i.status, i.services, i.merged_into_id, i.created_at
           FROM incidents i
          WHERE i.created_at >= $1 AND i.created_at < $2 AND ${SERVICE}
            AND i.id IN (SELECT p.incident_id FROM post_mortems p
                          UNION ALL
                         SELECT pk.id FROM period_keys pk
                           JOIN candidate_keys k ON k.service = pk.service AND k.alertname = pk.alertname)
         UNION
         SELECT i.id, i.severity, i.status, i.services, i.merged_into_id, i.created_at
           FROM candidates c JOIN incidents i ON i.id = c.id
         UNION
         SELECT i.id, i.severity, i.status, i.services, i.merged_into_id, i.created_at
           FROM incidents i
          WHERE i.created_at >= $5 AND i.created_at < $1 AND ${SERVICE}
            AND EXISTS (SELECT 1 FROM post_mortems p WHERE p.incident_id = i.id AND p.status = 'published')
       )
       SELECT c.id, c.severity, c.status, c.services, c.merged_into_id, c.created_at,
              ARRAY(SELECT DISTINCT a.alertname FROM incident_alerts a WHERE a.incident_id = c.id) AS triggers,
              (SELECT p.id FROM post_mortems p WHERE p.incident_id = c.id) AS post_mortem_id
         FROM chosen c`,
      [scope.from, scope.to, scope.service, lookback.repeatsFrom, lookback.previousFrom],
    );
    return rows.map((r) => ({
      id: r.id,
      severity: r.severity,
      status: r.status,
      services: r.services,
      mergedIntoId: r.merged_into_id,
      openedAt: r.created_at,
      triggers: r.triggers,
      postMortemId: r.post_mortem_id,
    }));
  }

  /**
   * The period's counted incidents of the given severities without a post-mortem: the report lists them as missing
   * one. They need no triggers: one that could be a repeat is among `incidents()` already (its alert matches a
   * candidate), and without a post-mortem it has no action items to be a candidate itself.
   */
  async requiredWithoutPostMortem(
    scope: RetrospectiveScope,
    severities: readonly IncidentSeverity[],
  ): Promise<RetrospectiveIncidentRow[]> {
    if (severities.length === 0) return [];
    const rows: Array<{
      id: string;
      severity: IncidentSeverity;
      status: IncidentStatus;
      merged_into_id: string | null;
      created_at: Date;
    }> = await this.dataSource.query(
      `SELECT i.id, i.severity, i.status, i.merged_into_id, i.created_at
         FROM incidents i
        WHERE i.created_at >= $1 AND i.created_at < $2 AND ${COUNTED} AND ${SERVICE} AND i.severity = ANY($4::text[])
          AND NOT EXISTS (SELECT 1 FROM post_mortems p WHERE p.incident_id = i.id)`,
      [scope.from, scope.to, scope.service, severities],
    );
    return rows.map((r) => ({
      id: r.id,
      severity: r.severity,
      status: r.status,
      services: [],
      mergedIntoId: r.merged_into_id,
      openedAt: r.created_at,
      triggers: [],
      postMortemId: null,
    }));
  }

  /**
   * The post-mortems of those incidents with their action items (one statement). Lessons and recommendations are
   * read for published post-mortems of incidents opened from `contentFrom` (the period), contributing factors
   * from `factorsFrom` (the previous period); other post-mortems bring only their status and action items.
   */
  async postMortems(
    ids: readonly string[],
    contentFrom: Date,
    factorsFrom: Date,
  ): Promise<RetrospectivePostMortemRow[]> {
    if (ids.length === 0) return [];
    const rows: Array<{
      id: string;
      incident_id: string;
      status: PostMortemStatus;
      factors: ContributingFactor[] | null;
      lessons: PostMortemLessons | null;
      recommendations: Recommendation[] | null;
      items: Array<[string, ActionItemStatus, string | null, string | null]> | null;
    }> = await this.dataSource.query(
      `SELECT p.id, p.incident_id, p.status,
              CASE WHEN p.status = 'published' AND i.created_at >= $3
                   THEN p.document #> '{rootCause,contributingFactors}' END AS factors,
              CASE WHEN p.status = 'published' AND i.created_at >= $2 THEN p.document -> 'lessons' END AS lessons,
              CASE WHEN p.status = 'published' AND i.created_at >= $2
                   THEN p.document #> '{prevention,recommendations}' END AS recommendations,
              (SELECT json_agg(json_build_array(x.id, x.status, x.due_date::text, x.closed_at) ORDER BY x.position)
                 FROM action_items x WHERE x.post_mortem_id = p.id) AS items
         FROM post_mortems p JOIN incidents i ON i.id = p.incident_id
        WHERE p.id = ANY($1::uuid[])`,
      [ids, contentFrom, factorsFrom],
    );
    return rows.map((r) => ({
      id: r.id,
      incidentId: r.incident_id,
      status: r.status,
      contributingFactors: r.factors ?? [],
      lessons: r.lessons,
      recommendations: r.recommendations ?? [],
      actionItems: (r.items ?? []).map(([id, status, dueDate, closedAt]) => ({
        id,
        status,
        dueDate,
        closedAt: closedAt === null ? null : new Date(closedAt),
      })),
    }));
  }

  async findMeeting(period: string): Promise<StoredRetrospectiveMeeting | null> {
    const rows: MeetingRow[] = await this.dataSource.query(
      `SELECT ${MEETING_COLUMNS} FROM retrospectives WHERE period = $1`,
      [period],
    );
    return rows.length === 0 ? null : toMeeting(rows[0]);
  }

  /** Inserts the period's meeting at version 1; null when the period already has one. */
  async insertMeeting(
    meeting: Pick<StoredRetrospectiveMeeting, 'period' | 'periodFrom' | 'periodTo' | 'improvements' | 'notes'> & {
      followUpDate: string;
      heldById: string;
    },
  ): Promise<StoredRetrospectiveMeeting | null> {
    const rows: MeetingRow[] = await this.dataSource.query(
      `INSERT INTO retrospectives (period, period_from, period_to, improvements, notes, follow_up_date, held_by_id, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 1)
       ON CONFLICT (period) DO NOTHING
       RETURNING ${MEETING_COLUMNS}`,
      [
        meeting.period,
        meeting.periodFrom,
        meeting.periodTo,
        meeting.improvements,
        meeting.notes,
        meeting.followUpDate,
        meeting.heldById,
      ],
    );
    return rows.length === 0 ? null : toMeeting(rows[0]);
  }

  /** `UPDATE … WHERE period = $1 AND version = $2`; otherwise the current version (null: no meeting). */
  async updateMeeting(
    period: string,
    expectedVersion: number,
    change: { improvements: string[]; notes: string; followUpDate: string; heldById: string },
  ): Promise<MeetingWrite> {
    const updated: MeetingRow[] = await this.dataSource.query(
      `WITH updated AS (
         UPDATE retrospectives
            SET improvements = $3, notes = $4, follow_up_date = $5, held_by_id = $6, version = version + 1,
                updated_at = now()
          WHERE period = $1 AND version = $2
          RETURNING *)
       SELECT ${MEETING_COLUMNS} FROM updated`,
      [period, expectedVersion, change.improvements, change.notes, change.followUpDate, change.heldById],
    );
    if (updated.length > 0) return { ok: true, value: toMeeting(updated[0]) };
    const current = await this.findMeeting(period);
    return { ok: false, currentVersion: current?.version ?? null };
  }
}
