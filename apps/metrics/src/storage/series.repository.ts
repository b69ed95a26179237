import { Injectable } from '@nestjs/common';
import { PgSessionRepository } from './pg-session.repository';
import { statementName } from './statement-name';
import type { SqlFilter } from './series-filter';

export interface NewSeries {
  fingerprint: Buffer;
  name: string;
  labels: Record<string, string>;
}

export interface StoredSeries {
  id: number;
  name: string;
  labels: Record<string, string>;
}

/** A concurrent writer may commit a series between our insert and our read; a second read then sees it. */
const MAX_RESOLVE_ATTEMPTS = 3;

@Injectable()
export class SeriesRepository {
  constructor(private readonly pg: PgSessionRepository) {}

  /**
   * Ids of the given series, creating the missing ones, keyed by fingerprint (hex). Inserts are in fingerprint
   * order so that two consumers creating overlapping series never deadlock; each call commits on its own.
   */
  async resolveIds(series: readonly NewSeries[]): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    let pending = [...series].sort((a, b) => Buffer.compare(a.fingerprint, b.fingerprint));
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      if (attempt > MAX_RESOLVE_ATTEMPTS) {
        throw new Error(`could not resolve the ids of ${pending.length} series after ${MAX_RESOLVE_ATTEMPTS} attempts`);
      }
      const rows = await this.upsert(pending);
      for (const row of rows) {
        ids.set(row.fingerprint.toString('hex'), Number(row.id));
      }
      pending = pending.filter((entry) => !ids.has(entry.fingerprint.toString('hex')));
    }
    return ids;
  }

  /** Series whose name and labels pass the filter (over `series s`), labels without `__name__`. */
  findMatching(filter: SqlFilter): Promise<StoredSeries[]> {
    return this.pg.withClient(async (client) => {
      const text = `SELECT s.id, s.name, s.labels FROM series s WHERE ${filter.where} ORDER BY s.id`;
      // Named: each connection parses and plans a lookup of this shape once (the text depends on the kinds of
      // the matchers only; names and values are parameters).
      const result = await client.query<{ id: string; name: string; labels: Record<string, string> }>({
        name: statementName('keel_series_matching', text),
        text,
        values: filter.params,
      });
      return result.rows.map((row) => ({ id: Number(row.id), name: row.name, labels: row.labels }));
    });
  }

  private upsert(series: readonly NewSeries[]): Promise<{ id: string; fingerprint: Buffer }[]> {
    return this.pg.withClient(async (client) => {
      const result = await client.query<{ id: string; fingerprint: Buffer }>(
        `WITH input AS (
           SELECT * FROM unnest($1::bytea[], $2::text[], $3::jsonb[]) AS i(fingerprint, name, labels)
         ), inserted AS (
           INSERT INTO series (fingerprint, name, labels)
           SELECT fingerprint, name, labels FROM input
           ON CONFLICT (fingerprint) DO NOTHING
           RETURNING id, fingerprint
         )
         SELECT id, fingerprint FROM inserted
         UNION ALL
         SELECT s.id, s.fingerprint FROM series s JOIN input USING (fingerprint)`,
        [
          series.map((entry) => entry.fingerprint),
          series.map((entry) => entry.name),
          series.map((entry) => JSON.stringify(entry.labels)),
        ],
      );
      return result.rows;
    });
  }
}
