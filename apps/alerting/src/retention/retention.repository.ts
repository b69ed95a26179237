import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const BATCH = 5000;

/** The tables the retention purge trims, each with the key its batches delete by and the column it ages on. */
const TABLES = {
  alert_history: { key: 'id', condition: 'occurred_at < $1' },
  notification_deliveries: { key: 'id', condition: 'sent_at < $1' },
  notification_log: { key: 'ctid', condition: 'expires_at < $1' },
  silences: { key: 'id', condition: 'ends_at < $1' },
} as const;

export type RetainedTable = keyof typeof TABLES;

@Injectable()
export class RetentionRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /**
   * Deletes the rows of `table` aged before `cutoff`, in batches, so no statement holds its locks for long;
   * resolves with how many went.
   */
  async deleteBefore(table: RetainedTable, cutoff: Date): Promise<number> {
    const { key, condition } = TABLES[table];
    let removed = 0;
    for (;;) {
      const [row] = (await this.dataSource.query(
        `WITH doomed AS (SELECT ${key} FROM ${table} WHERE ${condition} LIMIT ${BATCH}),
              gone AS (DELETE FROM ${table} WHERE ${key} IN (SELECT ${key} FROM doomed) RETURNING 1)
         SELECT count(*)::int AS n FROM gone`,
        [cutoff],
      )) as { n: number }[];
      const count = row?.n ?? 0;
      removed += count;
      if (count < BATCH) return removed;
    }
  }
}
