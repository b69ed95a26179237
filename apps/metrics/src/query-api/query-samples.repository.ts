import { Injectable } from '@nestjs/common';
import { PgSessionRepository } from '../storage/pg-session.repository';

export interface SampleColumnsRead {
  seriesIds: number[];
  times: number[];
  values: number[];
}

export class SampleBudgetExceeded extends Error {}
export class SampleReadTimedOut extends Error {}

const QUERY_CANCELED = '57014';

/**
 * The sample read of the query engine, bounded twice so that a too-large query fails in PostgreSQL instead of
 * in this process' memory: at most `limit` rows come back (one more tells that the budget is exceeded), and the
 * statement is canceled by PostgreSQL after `timeoutMs`.
 */
@Injectable()
export class QuerySamplesRepository {
  constructor(private readonly pg: PgSessionRepository) {}

  async readRange(
    seriesIds: readonly number[],
    startMs: number,
    endMs: number,
    limit: number,
    timeoutMs: number,
  ): Promise<SampleColumnsRead> {
    const columns: SampleColumnsRead = { seriesIds: [], times: [], values: [] };
    if (seriesIds.length === 0 || endMs < startMs) return columns;
    const rows = await this.pg.transaction(
      async (client) => {
        try {
          const result = await client.query<[string, string, number]>({
            name: 'keel_read_range',
            text: `SELECT series_id, t, value FROM samples
                 WHERE series_id = ANY($1::bigint[]) AND t >= $2 AND t <= $3
                 ORDER BY series_id, t LIMIT $4`,
            values: [seriesIds, startMs, endMs, limit + 1],
            rowMode: 'array',
          });
          return result.rows;
        } catch (error) {
          if ((error as { code?: string }).code === QUERY_CANCELED) throw new SampleReadTimedOut();
          throw error;
        }
      },
      { statementTimeoutMs: timeoutMs },
    );
    if (rows.length > limit) throw new SampleBudgetExceeded();
    for (const [seriesId, t, value] of rows) {
      columns.seriesIds.push(Number(seriesId));
      columns.times.push(Number(t));
      columns.values.push(value);
    }
    return columns;
  }
}
