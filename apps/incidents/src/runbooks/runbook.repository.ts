import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TimelineActor } from '../incidents/timeline';
import type { SqlRunner } from '../incidents/incident-hooks';
import type { RunbookFrontMatter } from './runbook.entity';

/** A runbook with one of its versions (the current one unless asked otherwise). */
export interface RunbookRecord {
  name: string;
  currentVersion: number;
  archived: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  markdown: string;
  frontMatter: RunbookFrontMatter;
  authorId: string;
  authorName: string;
  versionCreatedAt: Date;
}

export interface RunbookVersionSummary {
  version: number;
  title: string;
  lastReviewed: string | null;
  authorId: string;
  authorName: string;
  createdAt: Date;
}

/** What matchRunbook needs of a stored runbook (the name stands in for the path). */
export interface RunbookCandidate {
  path: string;
  currentVersion: number;
  metadata: { alerts: string[]; services: string[]; incidentTypes: string[]; lastReviewed: string | null };
}

export interface RunbookActivation {
  incidentId: string;
  runbookName: string;
  title: string;
  version: number;
  activatedAt: Date;
  activatedBy: TimelineActor;
  automatic: boolean;
}

export interface RunbookListFilter {
  service?: string;
  alertName?: string;
  incidentType?: string;
  includeArchived: boolean;
}

export type RunbookWriteResult =
  | { ok: true; record: RunbookRecord }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'exists' | 'conflict' | 'archived'; version: number };

export interface NewRunbookVersion {
  name: string;
  markdown: string;
  frontMatter: RunbookFrontMatter;
  author: { id: string; name: string };
}

interface RecordRow {
  name: string;
  current_version: number;
  archived: boolean;
  created_at: Date;
  updated_at: Date;
  version: number;
  markdown: string;
  front_matter: RunbookFrontMatter;
  author_id: string;
  author_name: string;
  version_created_at: Date;
}

const RECORD_COLUMNS = `r.name, r.current_version, r.archived, r.created_at, r.updated_at, v.version, v.markdown,
  v.front_matter, v.author_id, v.author_name, v.created_at AS version_created_at`;

/** TypeORM answers an UPDATE … RETURNING with `[rows, affected]`, a SELECT or INSERT with the rows. */
function returned<T>(result: T[] | [T[], number]): T[] {
  return result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number'
    ? (result[0] as T[])
    : (result as T[]);
}

function toRecord(row: RecordRow): RunbookRecord {
  return {
    name: row.name,
    currentVersion: row.current_version,
    archived: row.archived,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    markdown: row.markdown,
    frontMatter: row.front_matter,
    authorId: row.author_id,
    authorName: row.author_name,
    versionCreatedAt: row.version_created_at,
  };
}

/**
 * `runbooks`, `runbook_versions` and `incident_runbooks`. A save inserts a version and moves `current_version`
 * only from the version the caller read (`UPDATE … WHERE name = $1 AND current_version = $2`); zero rows updated
 * is a conflict naming the current version. Activations are written with the caller's SqlRunner, so they commit
 * with the change that caused them (an incident's opening) and its timeline entry.
 */
@Injectable()
export class RunbookRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction. */
  transaction<T>(work: (db: SqlRunner) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(manager));
  }

  async list(filter: RunbookListFilter): Promise<RunbookRecord[]> {
    const where = ['v.version = r.current_version'];
    const params: unknown[] = [];
    if (!filter.includeArchived) where.push('NOT r.archived');
    if (filter.service !== undefined) where.push(`r.services @> ARRAY[$${params.push(filter.service)}]::text[]`);
    if (filter.alertName !== undefined) where.push(`r.alerts @> ARRAY[$${params.push(filter.alertName)}]::text[]`);
    if (filter.incidentType !== undefined) {
      where.push(`r.incident_types @> ARRAY[$${params.push(filter.incidentType)}]::text[]`);
    }
    const rows = await this.dataSource.query<RecordRow[]>(
      `SELECT ${RECORD_COLUMNS} FROM runbooks r JOIN runbook_versions v ON v.name = r.name
        WHERE ${where.join(' AND ')} ORDER BY r.name`,
      params,
    );
    return rows.map(toRecord);
  }

  /** The runbook at `version` (its current one when null); null when the runbook or that version is missing. */
  async find(name: string, version: number | null, db: SqlRunner = this.dataSource): Promise<RunbookRecord | null> {
    const rows = await db.query<RecordRow[]>(
      `SELECT ${RECORD_COLUMNS} FROM runbooks r JOIN runbook_versions v ON v.name = r.name
        WHERE r.name = $1 AND v.version = COALESCE($2, r.current_version)`,
      [name, version],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async exists(name: string): Promise<{ currentVersion: number; archived: boolean } | null> {
    const rows = await this.dataSource.query<Array<{ current_version: number; archived: boolean }>>(
      `SELECT current_version, archived FROM runbooks WHERE name = $1`,
      [name],
    );
    return rows[0] ? { currentVersion: rows[0].current_version, archived: rows[0].archived } : null;
  }

  /** Newest first. */
  async versions(name: string): Promise<RunbookVersionSummary[]> {
    const rows = await this.dataSource.query<
      Array<{
        version: number;
        title: string;
        last_reviewed: string | null;
        author_id: string;
        author_name: string;
        created_at: Date;
      }>
    >(
      `SELECT version, front_matter->>'resolvedTitle' AS title, front_matter->>'lastReviewed' AS last_reviewed,
          author_id, author_name, created_at
        FROM runbook_versions WHERE name = $1 ORDER BY version DESC`,
      [name],
    );
    return rows.map((r) => ({
      version: r.version,
      title: r.title,
      lastReviewed: r.last_reviewed,
      authorId: r.author_id,
      authorName: r.author_name,
      createdAt: r.created_at,
    }));
  }

  /** Version 1 of a new runbook; a taken name (even by a concurrent create) is `exists`. */
  create(input: NewRunbookVersion): Promise<RunbookWriteResult> {
    return this.transaction(async (db) => {
      const inserted = await db.query<Array<{ name: string }>>(
        `INSERT INTO runbooks (name, current_version, title, owner, alerts, services, incident_types, last_reviewed,
            updated_by_id)
          VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8)
          ON CONFLICT (name) DO NOTHING RETURNING name`,
        [input.name, ...this.metadataColumns(input.frontMatter), input.author.id],
      );
      if (inserted.length === 0) {
        const current = await this.currentOf(db, input.name);
        return current
          ? { ok: false, reason: 'exists', version: current.current_version }
          : { ok: false, reason: 'not-found' };
      }
      return this.insertVersion(db, input, 1);
    });
  }

  /** The next version, only when the current one is still `expectedVersion` and the runbook not archived. */
  update(input: NewRunbookVersion, expectedVersion: number): Promise<RunbookWriteResult> {
    return this.transaction(async (db) => {
      const updated = await db.query<Array<{ current_version: number }> | [Array<{ current_version: number }>, number]>(
        `UPDATE runbooks SET current_version = current_version + 1, title = $3, owner = $4, alerts = $5,
            services = $6, incident_types = $7, last_reviewed = $8, updated_by_id = $9, updated_at = now()
          WHERE name = $1 AND current_version = $2 AND NOT archived
          RETURNING current_version`,
        [input.name, expectedVersion, ...this.metadataColumns(input.frontMatter), input.author.id],
      );
      const row = returned(updated)[0];
      if (!row) return this.missed(db, input.name);
      return this.insertVersion(db, input, row.current_version);
    });
  }

  /** Archives the runbook at `expectedVersion`; its versions stay readable. */
  archive(name: string, expectedVersion: number, byId: string): Promise<RunbookWriteResult> {
    return this.transaction(async (db) => {
      const updated = await db.query<unknown[] | [unknown[], number]>(
        `UPDATE runbooks SET archived = true, updated_by_id = $3, updated_at = now()
          WHERE name = $1 AND current_version = $2 AND NOT archived RETURNING name`,
        [name, expectedVersion, byId],
      );
      if (returned(updated).length === 0) return this.missed(db, name);
      const record = await this.find(name, null, db);
      return record ? { ok: true, record } : { ok: false, reason: 'not-found' };
    });
  }

  /** The non-archived runbooks that could match an incident with these alerts or this type. */
  async candidates(db: SqlRunner, alertNames: readonly string[], type: string | null): Promise<RunbookCandidate[]> {
    const rows = await db.query<
      Array<{
        name: string;
        current_version: number;
        alerts: string[];
        services: string[];
        incident_types: string[];
        last_reviewed: string | null;
      }>
    >(
      `SELECT name, current_version, alerts, services, incident_types, last_reviewed::text AS last_reviewed
        FROM runbooks
        WHERE NOT archived AND (alerts && $1::text[] OR ($2::text IS NOT NULL AND incident_types @> ARRAY[$2::text]))`,
      [alertNames, type],
    );
    return rows.map((r) => ({
      path: r.name,
      currentVersion: r.current_version,
      metadata: {
        alerts: r.alerts,
        services: r.services,
        incidentTypes: r.incident_types,
        lastReviewed: r.last_reviewed,
      },
    }));
  }

  /** When the incident was opened (for the timeline's checks), locking it against deletion; null when missing. */
  async incidentOpenedAt(db: SqlRunner, incidentId: string): Promise<Date | null> {
    const rows = await db.query<Array<{ created_at: Date }>>(
      `SELECT created_at FROM incidents WHERE id = $1 FOR SHARE`,
      [incidentId],
    );
    return rows[0]?.created_at ?? null;
  }

  /** The runbook's current version and state, locked for the activation (a concurrent save waits). */
  async lockForActivation(
    db: SqlRunner,
    name: string,
  ): Promise<{ currentVersion: number; archived: boolean; title: string } | null> {
    const rows = await db.query<Array<{ current_version: number; archived: boolean; title: string }>>(
      `SELECT current_version, archived, title FROM runbooks WHERE name = $1 FOR SHARE`,
      [name],
    );
    const row = rows[0];
    return row ? { currentVersion: row.current_version, archived: row.archived, title: row.title } : null;
  }

  /** Records the activation; false when the incident had already activated this runbook (nothing written). */
  async insertActivation(db: SqlRunner, activation: Omit<RunbookActivation, 'title'>): Promise<boolean> {
    const rows = await db.query<unknown[]>(
      `INSERT INTO incident_runbooks (incident_id, runbook_name, version, activated_at, activated_by_type,
          activated_by_id, activated_by_name, automatic)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
        ON CONFLICT (incident_id, runbook_name) DO NOTHING RETURNING runbook_name`,
      [
        activation.incidentId,
        activation.runbookName,
        activation.version,
        activation.activatedAt,
        activation.activatedBy.type,
        activation.activatedBy.id,
        activation.activatedBy.name ?? activation.activatedBy.id,
        activation.automatic,
      ],
    );
    return rows.length === 1;
  }

  /** The runbooks the incidents activated, by incident, in activation order. */
  async activationsOf(incidentIds: readonly string[], db: SqlRunner = this.dataSource) {
    const rows = await db.query<
      Array<{
        incident_id: string;
        runbook_name: string;
        title: string;
        version: number;
        activated_at: Date;
        activated_by_type: string;
        activated_by_id: string;
        activated_by_name: string;
        automatic: boolean;
      }>
    >(
      `SELECT a.incident_id, a.runbook_name, v.front_matter->>'resolvedTitle' AS title, a.version, a.activated_at,
          a.activated_by_type, a.activated_by_id, a.activated_by_name, a.automatic
        FROM incident_runbooks a
        JOIN runbook_versions v ON v.name = a.runbook_name AND v.version = a.version
        WHERE a.incident_id = ANY($1::uuid[])
        ORDER BY a.activated_at, a.runbook_name`,
      [incidentIds],
    );
    const byIncident = new Map<string, RunbookActivation[]>();
    for (const r of rows) {
      const list = byIncident.get(r.incident_id) ?? [];
      list.push({
        incidentId: r.incident_id,
        runbookName: r.runbook_name,
        title: r.title,
        version: r.version,
        activatedAt: r.activated_at,
        activatedBy: {
          type: r.activated_by_type as TimelineActor['type'],
          id: r.activated_by_id,
          name: r.activated_by_name,
        },
        automatic: r.automatic,
      });
      byIncident.set(r.incident_id, list);
    }
    return byIncident;
  }

  /** The current Markdown of every runbook that is not archived, for the validation report. */
  async currentSources(): Promise<Array<{ name: string; markdown: string }>> {
    return this.dataSource.query<Array<{ name: string; markdown: string }>>(
      `SELECT r.name, v.markdown FROM runbooks r
        JOIN runbook_versions v ON v.name = r.name AND v.version = r.current_version
        WHERE NOT r.archived ORDER BY r.name`,
    );
  }

  private metadataColumns(fm: RunbookFrontMatter): unknown[] {
    return [fm.resolvedTitle, fm.owner, fm.alerts, fm.services, fm.incidentTypes, fm.lastReviewed];
  }

  private async insertVersion(db: SqlRunner, input: NewRunbookVersion, version: number): Promise<RunbookWriteResult> {
    await db.query(
      `INSERT INTO runbook_versions (name, version, markdown, front_matter, author_id, author_name)
        VALUES ($1, $2, $3, $4, $5, $6)`,
      [input.name, version, input.markdown, JSON.stringify(input.frontMatter), input.author.id, input.author.name],
    );
    const record = await this.find(input.name, version, db);
    if (!record) throw new Error(`runbook "${input.name}" version ${version} vanished inside its transaction`);
    return { ok: true, record };
  }

  private async currentOf(db: SqlRunner, name: string) {
    const rows = await db.query<Array<{ current_version: number; archived: boolean }>>(
      `SELECT current_version, archived FROM runbooks WHERE name = $1`,
      [name],
    );
    return rows[0] ?? null;
  }

  private async missed(db: SqlRunner, name: string): Promise<RunbookWriteResult> {
    const current = await this.currentOf(db, name);
    if (!current) return { ok: false, reason: 'not-found' };
    return { ok: false, reason: current.archived ? 'archived' : 'conflict', version: current.current_version };
  }
}
