import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SqlRunner } from '../incidents/incident-hooks';
import { fromStored, toDocument, type PostMortemDocument } from './post-mortem.document';
import type { ActionItem, ActionItemStatus, ActionItemType, PostMortem, PostMortemStatus } from './post-mortem.types';

/** A post-mortem as stored: the PostMortem, its version and who created and published it. */
export interface StoredPostMortem {
  postMortem: PostMortem;
  version: number;
  createdById: string;
  publishedById: string | null;
}

/** An action item as stored: the ActionItem, where it belongs, its own version and instants. */
export interface StoredActionItem extends ActionItem {
  postMortemId: string;
  incidentId: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Why a versioned write did not happen: the row is gone, or it is at another version now. */
export type VersionedWrite<T> = { ok: true; value: T } | { ok: false; currentVersion: number | null };

interface PostMortemRow {
  id: string;
  incident_id: string;
  status: PostMortemStatus;
  document: PostMortemDocument;
  owner_id: string;
  created_by_id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
  published_by_id: string | null;
}

interface ActionItemRow {
  id: string;
  post_mortem_id: string;
  incident_id: string;
  type: ActionItemType;
  title: string;
  owner_id: string | null;
  due_date: string | null;
  status: ActionItemStatus;
  required: boolean;
  closed_at: Date | null;
  status_reason: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const PM_COLUMNS = `id, incident_id, status, document, owner_id, created_by_id, version, created_at, updated_at,
  published_at, published_by_id`;
// A `date` would come back as a Date at local midnight: read it as the text it is.
const ITEM_COLUMNS = `id, post_mortem_id, incident_id, type, title, owner_id, due_date::text AS due_date, status,
  required, closed_at, status_reason, version, created_at, updated_at`;

function toActionItem(row: ActionItemRow): StoredActionItem {
  return {
    id: row.id,
    postMortemId: row.post_mortem_id,
    incidentId: row.incident_id,
    title: row.title,
    type: row.type,
    ownerId: row.owner_id,
    dueDate: row.due_date,
    status: row.status,
    required: row.required,
    closedAt: row.closed_at,
    statusReason: row.status_reason,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toStored(row: PostMortemRow, items: readonly StoredActionItem[]): StoredPostMortem {
  const postMortem = fromStored(
    {
      id: row.id,
      incidentId: row.incident_id,
      status: row.status,
      ownerId: row.owner_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      publishedAt: row.published_at,
    },
    row.document,
    items,
  );
  return { postMortem, version: row.version, createdById: row.created_by_id, publishedById: row.published_by_id };
}

// TypeORM answers an UPDATE … RETURNING with [rows, count]; each UPDATE here is wrapped in a CTE so every
// statement answers its rows, as a SELECT does.

/**
 * `post_mortems` and `action_items`, with SQL on the runner given (a transaction's, also the incident core's in a
 * hook) or the DataSource. Every write of an existing row is `UPDATE … WHERE id = $1 AND version = $2`.
 */
@Injectable()
export class PostMortemRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  transaction<T>(work: (db: SqlRunner) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(manager));
  }

  async findById(id: string, db: SqlRunner = this.dataSource): Promise<StoredPostMortem | null> {
    const rows = await db.query<PostMortemRow[]>(`SELECT ${PM_COLUMNS} FROM post_mortems WHERE id = $1`, [id]);
    return (await this.withItems(db, rows))[0] ?? null;
  }

  async findByIncident(incidentId: string, db: SqlRunner = this.dataSource): Promise<StoredPostMortem | null> {
    const rows = await db.query<PostMortemRow[]>(`SELECT ${PM_COLUMNS} FROM post_mortems WHERE incident_id = $1`, [
      incidentId,
    ]);
    return (await this.withItems(db, rows))[0] ?? null;
  }

  /** The post-mortems of the incidents, by incident, in two statements; incidents without one are left out. */
  async findByIncidents(incidentIds: readonly string[]): Promise<Map<string, StoredPostMortem>> {
    if (incidentIds.length === 0) return new Map();
    const rows = await this.dataSource.query<PostMortemRow[]>(
      `SELECT ${PM_COLUMNS} FROM post_mortems WHERE incident_id = ANY($1::uuid[])`,
      [[...incidentIds]],
    );
    const stored = await this.withItems(this.dataSource, rows);
    return new Map(stored.map((s) => [s.postMortem.incidentId, s]));
  }

  /** Newest change first; all statuses when `status` is absent. */
  async list(status: PostMortemStatus | undefined, first: number): Promise<StoredPostMortem[]> {
    const rows = await this.dataSource.query<PostMortemRow[]>(
      `SELECT ${PM_COLUMNS} FROM post_mortems WHERE ($1::text IS NULL OR status = $1)
        ORDER BY updated_at DESC, id LIMIT $2`,
      [status ?? null, first],
    );
    return this.withItems(this.dataSource, rows);
  }

  /** Inserts a new post-mortem at version 1 (without action items); null when the incident already has one. */
  async insert(db: SqlRunner, postMortem: PostMortem, createdById: string): Promise<StoredPostMortem | null> {
    const rows = await db.query<PostMortemRow[]>(
      `INSERT INTO post_mortems (id, incident_id, status, document, owner_id, created_by_id, version, created_at,
         updated_at, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7, $8)
       ON CONFLICT (incident_id) DO NOTHING
       RETURNING ${PM_COLUMNS}`,
      [
        postMortem.id,
        postMortem.incidentId,
        postMortem.status,
        JSON.stringify(toDocument(postMortem)),
        postMortem.ownerId,
        createdById,
        postMortem.createdAt,
        postMortem.publishedAt,
      ],
    );
    const row = rows[0];
    return row === undefined ? null : toStored(row, []);
  }

  /**
   * Writes status, document, owner, updatedAt and publishedAt at `expectedVersion`, bumping the version;
   * `publishedById` is set with a publication. The action items are not touched.
   */
  async update(
    db: SqlRunner,
    postMortem: PostMortem,
    expectedVersion: number,
    publishedById: string | null = null,
  ): Promise<VersionedWrite<number>> {
    const rows = await db.query<Array<{ version: number }>>(
      `WITH updated AS (
         UPDATE post_mortems
            SET status = $3, document = $4, owner_id = $5, updated_at = $6, published_at = $7,
                published_by_id = COALESCE($8, published_by_id), version = version + 1
          WHERE id = $1 AND version = $2
          RETURNING version)
       SELECT version FROM updated`,
      [
        postMortem.id,
        expectedVersion,
        postMortem.status,
        JSON.stringify(toDocument(postMortem)),
        postMortem.ownerId,
        postMortem.updatedAt,
        postMortem.publishedAt,
        publishedById,
      ],
    );
    return this.versioned(db, 'post_mortems', postMortem.id, rows[0]?.version);
  }

  /**
   * Adds an action item at the end of the post-mortem's list, bumping the post-mortem's version from
   * `expectedVersion` (the list is part of what the caller read). The item starts at version 1.
   */
  async addActionItem(
    db: SqlRunner,
    postMortem: Pick<PostMortem, 'id' | 'incidentId'>,
    expectedVersion: number,
    item: ActionItem,
    now: Date,
  ): Promise<VersionedWrite<StoredActionItem>> {
    const bumped = await db.query<Array<{ version: number }>>(
      `WITH updated AS (
         UPDATE post_mortems SET version = version + 1, updated_at = $3 WHERE id = $1 AND version = $2 RETURNING version)
       SELECT version FROM updated`,
      [postMortem.id, expectedVersion, now],
    );
    const write = await this.versioned(db, 'post_mortems', postMortem.id, bumped[0]?.version);
    if (!write.ok) return write;
    const rows = await db.query<ActionItemRow[]>(
      `INSERT INTO action_items (id, post_mortem_id, incident_id, position, type, title, owner_id, due_date, status,
         required, closed_at, status_reason, version, created_at, updated_at)
       SELECT $1, $2, $3, COALESCE(MAX(position), 0) + 1, $4, $5, $6, $7::date, $8, $9, $10, $11, 1, $12, $12
         FROM action_items WHERE post_mortem_id = $2
       RETURNING ${ITEM_COLUMNS}`,
      [
        item.id,
        postMortem.id,
        postMortem.incidentId,
        item.type,
        item.title,
        item.ownerId,
        item.dueDate,
        item.status,
        item.required,
        item.closedAt,
        item.statusReason,
        now,
      ],
    );
    return { ok: true, value: toActionItem(rows[0] as ActionItemRow) };
  }

  async findActionItem(id: string, db: SqlRunner = this.dataSource): Promise<StoredActionItem | null> {
    const rows = await db.query<ActionItemRow[]>(`SELECT ${ITEM_COLUMNS} FROM action_items WHERE id = $1`, [id]);
    return rows[0] === undefined ? null : toActionItem(rows[0]);
  }

  /** Writes the item's fields at `expectedVersion`, bumping its version. */
  async updateActionItem(
    db: SqlRunner,
    item: ActionItem,
    expectedVersion: number,
    now: Date,
  ): Promise<VersionedWrite<StoredActionItem>> {
    const rows = await db.query<ActionItemRow[]>(
      `WITH updated AS (
         UPDATE action_items
            SET type = $3, title = $4, owner_id = $5, due_date = $6::date, status = $7, required = $8,
                closed_at = $9, status_reason = $10, updated_at = $11, version = version + 1
          WHERE id = $1 AND version = $2
          RETURNING *)
       SELECT ${ITEM_COLUMNS} FROM updated`,
      [
        item.id,
        expectedVersion,
        item.type,
        item.title,
        item.ownerId,
        item.dueDate,
        item.status,
        item.required,
        item.closedAt,
        item.statusReason,
        now,
      ],
    );
    const row = rows[0];
    if (row !== undefined) return { ok: true, value: toActionItem(row) };
    const current = await db.query<Array<{ version: number }>>(`SELECT version FROM action_items WHERE id = $1`, [
      item.id,
    ]);
    return { ok: false, currentVersion: current[0]?.version ?? null };
  }

  /** The incident's action items, in their post-mortem's order. */
  async actionItemsOfIncident(incidentId: string, db: SqlRunner = this.dataSource): Promise<StoredActionItem[]> {
    const rows = await db.query<ActionItemRow[]>(
      `SELECT ${ITEM_COLUMNS} FROM action_items WHERE incident_id = $1 ORDER BY position`,
      [incidentId],
    );
    return rows.map(toActionItem);
  }

  /**
   * Open and in-progress items due before `today` (a UTC calendar day), by the partial index
   * action_items_open_due_idx; the caller orders them with the pure module.
   */
  async openDueBefore(today: string): Promise<StoredActionItem[]> {
    const rows = await this.dataSource.query<ActionItemRow[]>(
      `SELECT ${ITEM_COLUMNS} FROM action_items
        WHERE status IN ('open', 'in_progress') AND due_date < $1::date
        ORDER BY due_date, id`,
      [today],
    );
    return rows.map(toActionItem);
  }

  /** When the incident was opened (the timeline's context), or null when it does not exist. */
  async incidentOpenedAt(db: SqlRunner, incidentId: string): Promise<Date | null> {
    const rows = await db.query<Array<{ created_at: Date }>>(`SELECT created_at FROM incidents WHERE id = $1`, [
      incidentId,
    ]);
    return rows[0]?.created_at ?? null;
  }

  private async withItems(db: SqlRunner, rows: readonly PostMortemRow[]): Promise<StoredPostMortem[]> {
    if (rows.length === 0) return [];
    const items = await db.query<ActionItemRow[]>(
      `SELECT ${ITEM_COLUMNS} FROM action_items WHERE post_mortem_id = ANY($1::uuid[]) ORDER BY position`,
      [rows.map((row) => row.id)],
    );
    const byPostMortem = new Map<string, StoredActionItem[]>();
    for (const item of items.map(toActionItem)) {
      byPostMortem.set(item.postMortemId, [...(byPostMortem.get(item.postMortemId) ?? []), item]);
    }
    return rows.map((row) => toStored(row, byPostMortem.get(row.id) ?? []));
  }

  private async versioned(
    db: SqlRunner,
    table: 'post_mortems',
    id: string,
    written: number | undefined,
  ): Promise<VersionedWrite<number>> {
    if (written !== undefined) return { ok: true, value: written };
    const current = await db.query<Array<{ version: number }>>(`SELECT version FROM ${table} WHERE id = $1`, [id]);
    return { ok: false, currentVersion: current[0]?.version ?? null };
  }
}
