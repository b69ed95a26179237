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
import { REPEAT_COLUMNS, toRepeat, type RepeatRow } from './incident-repeat.repository';
import type { RepeatIncident } from './repeat-incident';

/** Which incidents a report covers: opened in [from, to), optionally only those listing `service`. */
export interface RetrospectiveScope {
  from: Date;
  to: Date;
  service: string | null;
}

/** Where the report looks beyond the period: the previous period's published post-mortems (factor trend). */
export interface RetrospectiveLookback {
  /** Start of the previous period. */
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
  /** Null: the meeting of the whole period. */
  service: string | null;
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
  service: string | null;
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

const MEETING_COLUMNS = `id, period, service, period_from, period_to, improvements, notes, follow_up_date::text AS follow_up_date,
  held_by_id, version, created_at, updated_at`;

function toMeeting(row: MeetingRow): StoredRetrospectiveMeeting {
  return {
    id: row.id,
    period: row.period,
    service: row.service,
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
 * carried over the wire for them. Repeats are read as recorded (RepeatRecorder). The rest of the report
 * (post-mortems, action items, lessons, factors, improvements) is computed by `retrospective()` over the
 * incidents with a post-mortem (of the period; of the previous period, published, for the factor trend) and those
 * of a severity requiring one that have none.
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

  /** The recorded repeats (RepeatRecorder) of the period's counted incidents, in the order those opened. */
  async repeats(scope: RetrospectiveScope): Promise<RepeatIncident[]> {
    const rows: RepeatRow[] = await this.dataSource.query(
      `SELECT ${REPEAT_COLUMNS}
         FROM incident_repeats r JOIN incidents i ON i.id = r.incident_id
        WHERE i.created_at >= $1 AND i.created_at < $2 AND ${COUNTED} AND ${SERVICE}
        ORDER BY i.created_at, i.id`,
      [scope.from, scope.to, scope.service],
    );
    return rows.map(toRepeat);
  }

  /**
   * The period's counted incidents of the given severities without a post-mortem: the report lists them as missing
   * one.
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
    }));
  }

  /**
   * The post-mortems the report reads, each with its incident (one statement): the period's, and the previous
   * period's published ones (factor trend). Lessons, recommendations and action items are read for the period's
   * published post-mortems, contributing factors for the previous period's too; the others bring only their status
   * (a post-mortem not yet published counts as missing).
   */
  async postMortems(
    scope: RetrospectiveScope,
    lookback: RetrospectiveLookback,
  ): Promise<Array<{ incident: RetrospectiveIncidentRow; postMortem: RetrospectivePostMortemRow }>> {
    const rows: Array<{
      id: string;
      status: PostMortemStatus;
      incident_id: string;
      severity: IncidentSeverity;
      incident_status: IncidentStatus;
      services: string[];
      merged_into_id: string | null;
      created_at: Date;
      factors: ContributingFactor[] | null;
      lessons: PostMortemLessons | null;
      recommendations: Recommendation[] | null;
      items: Array<[string, ActionItemStatus, string | null, string | null]> | null;
    }> = await this.dataSource.query(
      `SELECT p.id, p.status, p.incident_id, i.severity, i.status AS incident_status, i.services, i.merged_into_id,
              i.created_at,
              CASE WHEN p.status = 'published' THEN p.document #> '{rootCause,contributingFactors}' END AS factors,
              CASE WHEN p.status = 'published' AND i.created_at >= $1 THEN p.document -> 'lessons' END AS lessons,
              CASE WHEN p.status = 'published' AND i.created_at >= $1
                   THEN p.document #> '{prevention,recommendations}' END AS recommendations,
              CASE WHEN p.status = 'published' AND i.created_at >= $1 THEN
                (SELECT json_agg(json_build_array(x.id, x.status, x.due_date::text, x.closed_at) ORDER BY x.position)
                   FROM action_items x WHERE x.post_mortem_id = p.id) END AS items
         FROM incidents i JOIN post_mortems p ON p.incident_id = i.id
        WHERE i.created_at >= $4 AND i.created_at < $2 AND (i.created_at >= $1 OR p.status = 'published')
          AND ${SERVICE}`,
      [scope.from, scope.to, scope.service, lookback.previousFrom],
    );
    return rows.map((r) => ({
      incident: {
        id: r.incident_id,
        severity: r.severity,
        status: r.incident_status,
        services: r.services,
        mergedIntoId: r.merged_into_id,
        openedAt: r.created_at,
      },
      postMortem: {
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
      },
    }));
  }

  /** The meeting of the period, or of the period and one service (null: the whole period's). */
  async findMeeting(period: string, service: string | null): Promise<StoredRetrospectiveMeeting | null> {
    const rows: MeetingRow[] = await this.dataSource.query(
      `SELECT ${MEETING_COLUMNS} FROM retrospectives WHERE period = $1 AND service IS NOT DISTINCT FROM $2`,
      [period, service],
    );
    return rows.length === 0 ? null : toMeeting(rows[0]);
  }

  /** Inserts the meeting at version 1; null when the period (and service) already has one. */
  async insertMeeting(
    meeting: Pick<
      StoredRetrospectiveMeeting,
      'period' | 'service' | 'periodFrom' | 'periodTo' | 'improvements' | 'notes'
    > & {
      followUpDate: string;
      heldById: string;
    },
  ): Promise<StoredRetrospectiveMeeting | null> {
    const rows: MeetingRow[] = await this.dataSource.query(
      `INSERT INTO retrospectives (period, period_from, period_to, improvements, notes, follow_up_date, held_by_id,
                                   service, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)
       ON CONFLICT (period, (coalesce(service, ''))) DO NOTHING
       RETURNING ${MEETING_COLUMNS}`,
      [
        meeting.period,
        meeting.periodFrom,
        meeting.periodTo,
        meeting.improvements,
        meeting.notes,
        meeting.followUpDate,
        meeting.heldById,
        meeting.service,
      ],
    );
    return rows.length === 0 ? null : toMeeting(rows[0]);
  }

  /** `UPDATE … WHERE period, service AND version match`; otherwise the current version (null: no meeting). */
  async updateMeeting(
    period: string,
    service: string | null,
    expectedVersion: number,
    change: { improvements: string[]; notes: string; followUpDate: string; heldById: string },
  ): Promise<MeetingWrite> {
    const updated: MeetingRow[] = await this.dataSource.query(
      `WITH updated AS (
         UPDATE retrospectives
            SET improvements = $3, notes = $4, follow_up_date = $5, held_by_id = $6, version = version + 1,
                updated_at = now()
          WHERE period = $1 AND version = $2 AND service IS NOT DISTINCT FROM $7
          RETURNING *)
       SELECT ${MEETING_COLUMNS} FROM updated`,
      [period, expectedVersion, change.improvements, change.notes, change.followUpDate, change.heldById, service],
    );
    if (updated.length > 0) return { ok: true, value: toMeeting(updated[0]) };
    const current = await this.findMeeting(period, service);
    return { ok: false, currentVersion: current?.version ?? null };
  }
}
