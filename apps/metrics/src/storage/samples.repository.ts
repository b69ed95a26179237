import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { copyTextChunks, type SampleColumns } from './copy-format';
import { PgSessionRepository } from './pg-session.repository';

export interface SampleWriteReport {
  /** `copy`: straight into samples; `dedup`: through the staging table after the key refused a sample. */
  path: 'copy' | 'dedup';
  /** Rows new to the store; the rest were already there (a redelivery) or repeated inside the batch. */
  inserted: number;
  copyMs: number;
  insertMs: number;
  commitMs: number;
}

const UNIQUE_VIOLATION = '23505';

/** The temp table lives as long as its connection; its rows as long as the transaction. */
const STAGING_DDL = `CREATE TEMP TABLE IF NOT EXISTS samples_staging (
  series_id bigint NOT NULL, t bigint NOT NULL, value double precision NOT NULL) ON COMMIT DELETE ROWS`;

@Injectable()
export class SamplesRepository {
  private readonly staged = new WeakSet<PoolClient>();

  constructor(private readonly pg: PgSessionRepository) {}

  /**
   * Stores samples idempotently, each write in one transaction, resolving once committed. The usual case, samples
   * never seen, is a plain COPY into `samples`. When that fails on the primary key (a redelivered batch, or the
   * same series and t twice in one batch) it is rolled back and the batch goes through the dedup path: COPY into
   * a temp staging table, then INSERT … ON CONFLICT DO NOTHING, so a sample already stored stays one row.
   * Every sample's daily partition must exist.
   */
  async write(columns: SampleColumns): Promise<SampleWriteReport> {
    if (columns.seriesIds.length === 0) {
      return { path: 'copy', inserted: 0, copyMs: 0, insertMs: 0, commitMs: 0 };
    }
    return this.pg.withClient(async (client) => {
      try {
        return await this.copyStraight(client, columns);
      } catch (error) {
        if ((error as { code?: string }).code !== UNIQUE_VIOLATION) {
          throw error;
        }
      }
      return this.copyThroughStaging(client, columns);
    });
  }

  private async copyStraight(client: PoolClient, columns: SampleColumns): Promise<SampleWriteReport> {
    const started = performance.now();
    await client.query('BEGIN');
    try {
      await pipeline(Readable.from(copyTextChunks(columns)), client.query(copyFrom('COPY samples FROM STDIN')));
      const copied = performance.now();
      await client.query('COMMIT');
      return {
        path: 'copy',
        inserted: columns.seriesIds.length,
        copyMs: copied - started,
        insertMs: 0,
        commitMs: performance.now() - copied,
      };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async copyThroughStaging(client: PoolClient, columns: SampleColumns): Promise<SampleWriteReport> {
    if (!this.staged.has(client)) {
      await client.query(STAGING_DDL);
      this.staged.add(client);
    }
    const started = performance.now();
    await client.query('BEGIN');
    try {
      await pipeline(Readable.from(copyTextChunks(columns)), client.query(copyFrom('COPY samples_staging FROM STDIN')));
      const copied = performance.now();
      const result = await client.query(
        'INSERT INTO samples (series_id, t, value) SELECT series_id, t, value FROM samples_staging ON CONFLICT DO NOTHING',
      );
      const inserted = performance.now();
      await client.query('COMMIT');
      return {
        path: 'dedup',
        inserted: result.rowCount ?? 0,
        copyMs: copied - started,
        insertMs: inserted - copied,
        commitMs: performance.now() - inserted,
      };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  /** Samples of the given series in [startMs, endMs], ordered by series and time. */
  findRange(
    seriesIds: readonly number[],
    startMs: number,
    endMs: number,
  ): Promise<{ seriesId: number; t: number; value: number }[]> {
    if (seriesIds.length === 0) {
      return Promise.resolve([]);
    }
    return this.pg.withClient(async (client) => {
      const result = await client.query<{ series_id: string; t: string; value: number }>(
        `SELECT series_id, t, value FROM samples
         WHERE series_id = ANY($1::bigint[]) AND t >= $2 AND t <= $3
         ORDER BY series_id, t`,
        [seriesIds, startMs, endMs],
      );
      return result.rows.map((row) => ({ seriesId: Number(row.series_id), t: Number(row.t), value: row.value }));
    });
  }

  /** How many samples the store holds (tests and the benchmark). */
  count(): Promise<number> {
    return this.pg.withClient(async (client) => {
      const result = await client.query<{ n: string }>('SELECT count(*) AS n FROM samples');
      return Number(result.rows[0]?.n ?? 0);
    });
  }
}
