import { Injectable } from '@nestjs/common';
import { DAY_MS, parsePartitionName, partitionName } from './partition-range';
import { PgSessionRepository } from './pg-session.repository';

// duplicate_table, and unique_violation on the catalog when two processes create the same partition at once.
const ALREADY_CREATED = new Set(['42P07', '23505']);

/** The daily partitions of `samples`, as PostgreSQL knows them. */
@Injectable()
export class PartitionsRepository {
  constructor(private readonly pg: PgSessionRepository) {}

  /** Names of the partitions attached to `samples` in the service schema. */
  list(): Promise<string[]> {
    return this.pg.withClient(async (client) => {
      const result = await client.query<{ name: string }>(`
        SELECT child.relname AS name
        FROM pg_inherits i
        JOIN pg_class parent ON parent.oid = i.inhparent
        JOIN pg_class child ON child.oid = i.inhrelid
        WHERE parent.relname = 'samples' AND parent.relnamespace = current_schema()::regnamespace
        ORDER BY child.relname`);
      return result.rows.map((row) => row.name);
    });
  }

  /** Creates the partition of one day unless it exists (also when another process creates it at the same time). */
  create(dayStart: number): Promise<void> {
    const name = partitionName(dayStart);
    return this.pg.withClient(async (client) => {
      try {
        await client.query(
          `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF samples FOR VALUES FROM (${dayStart}) TO (${dayStart + DAY_MS})`,
        );
      } catch (error) {
        if (!ALREADY_CREATED.has((error as { code?: string }).code ?? '')) {
          throw error;
        }
      }
    });
  }

  /** Drops one daily partition and its samples. Only names of our own daily partitions are accepted. */
  async drop(name: string): Promise<void> {
    if (parsePartitionName(name) === undefined) {
      throw new Error(`refusing to drop "${name}": not a daily samples partition (samples_pYYYYMMDD)`);
    }
    await this.pg.withClient(async (client) => {
      await client.query(`DROP TABLE IF EXISTS ${name}`);
    });
  }
}
