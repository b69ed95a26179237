import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ActorType } from '@keel/contracts';
import {
  createTimelineEntry,
  orderTimeline,
  type TimelineContext,
  type TimelineDetail,
  type TimelineEntry,
} from './timeline';

/** What a caller asks to append: createTimelineEntry's input without the id (the table's identity gives it). */
export type NewTimelineEntry = Omit<Parameters<typeof createTimelineEntry>[0], 'id'>;

/** Runs SQL: an EntityManager of a running transaction, or the DataSource for plain reads. */
type Queryable = Pick<EntityManager, 'query'>;

interface TimelineRow {
  id: string;
  incident_id: string;
  kind: string;
  actor_type: string;
  actor_id: string;
  actor_name: string;
  occurred_at: Date;
  recorded_at: Date;
  key_event: boolean;
  detail: TimelineDetail;
}

const COLUMNS = 'id, incident_id, kind, actor_type, actor_id, actor_name, occurred_at, recorded_at, key_event, detail';

/** jsonb keeps a milestone's instants as ISO strings: give them back as Dates. */
function detailOf(stored: TimelineDetail): TimelineDetail {
  if (stored.kind !== 'milestone') return stored;
  const date = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));
  return { ...stored, value: date(stored.value), previousValue: date(stored.previousValue) };
}

function toEntry(row: TimelineRow): TimelineEntry {
  return {
    id: row.id,
    incidentId: row.incident_id,
    detail: detailOf(row.detail),
    actor: { type: row.actor_type as ActorType, id: row.actor_id, name: row.actor_name },
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    key: row.key_event,
  };
}

/** `incident_timeline`: entries are appended inside the transaction of the change they record, never edited. */
@Injectable()
export class TimelineRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Validates the entries with createTimelineEntry (ids taken from the table's identity sequence) and inserts them
   * with `manager`, so they commit or roll back with the caller's transaction. Returns the stored entries.
   */
  async append(
    manager: Queryable,
    inputs: readonly NewTimelineEntry[],
    context: TimelineContext,
  ): Promise<TimelineEntry[]> {
    if (inputs.length === 0) return [];
    const ids = await manager.query<Array<{ id: string }>>(
      `SELECT nextval(pg_get_serial_sequence('incident_timeline', 'id'))::text AS id FROM generate_series(1, $1)`,
      [inputs.length],
    );
    const entries = inputs.map((input, i) => createTimelineEntry({ ...input, id: ids[i]?.id ?? '' }, context));
    for (const entry of entries) {
      await manager.query(
        `INSERT INTO incident_timeline (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          entry.id,
          entry.incidentId,
          entry.detail.kind,
          entry.actor.type,
          entry.actor.id,
          entry.actor.name ?? entry.actor.id,
          entry.occurredAt,
          entry.recordedAt,
          entry.key,
          JSON.stringify(entry.detail),
        ],
      );
    }
    return entries;
  }

  /** Sets an entry's key-event flag (the only thing about an entry that ever changes); null when it does not exist. */
  async markKey(entryId: string, key: boolean, db: Queryable = this.dataSource): Promise<TimelineEntry | null> {
    if (!/^\d{1,18}$/.test(entryId)) return null;
    const [rows] = await db.query<[TimelineRow[], number]>(
      `UPDATE incident_timeline SET key_event = $2 WHERE id = $1 RETURNING ${COLUMNS}`,
      [entryId, key],
    );
    const row = rows[0];
    return row === undefined ? null : toEntry(row);
  }

  /**
   * When a person last updated each incident (a note or a status change not by the system), in one statement;
   * incidents nobody updated yet are left out.
   */
  async lastUpdatesAt(incidentIds: readonly string[]): Promise<Map<string, Date>> {
    const rows: Array<{ incident_id: string; at: Date }> = await this.dataSource.query(
      `SELECT incident_id, max(occurred_at) AS at FROM incident_timeline
        WHERE incident_id = ANY($1::uuid[]) AND kind IN ('note', 'status_change') AND actor_type <> 'system'
        GROUP BY incident_id`,
      [incidentIds],
    );
    return new Map(rows.map((r) => [r.incident_id, r.at]));
  }

  /** The incident's entries in orderTimeline's order (occurredAt, recordedAt, id). */
  async forIncident(incidentId: string, db: Queryable = this.dataSource): Promise<TimelineEntry[]> {
    const rows = await db.query<TimelineRow[]>(
      `SELECT ${COLUMNS} FROM incident_timeline WHERE incident_id = $1 ORDER BY occurred_at, recorded_at, id`,
      [incidentId],
    );
    // The SQL order reads by the index; orderTimeline settles ties the way the pure module does (ids as numbers).
    return orderTimeline(rows.map(toEntry));
  }

  /** The entries of each incident, in forIncident's order, in one statement; incidents without any are left out. */
  async forIncidents(incidentIds: readonly string[]): Promise<Map<string, TimelineEntry[]>> {
    const rows: TimelineRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM incident_timeline WHERE incident_id = ANY($1::uuid[])`,
      [incidentIds],
    );
    const byIncident = new Map<string, TimelineEntry[]>();
    for (const row of rows) byIncident.set(row.incident_id, [...(byIncident.get(row.incident_id) ?? []), toEntry(row)]);
    return new Map([...byIncident].map(([id, entries]) => [id, orderTimeline(entries)]));
  }
}
