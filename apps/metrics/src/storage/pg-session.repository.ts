import { Inject, Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';

type Release = (error?: Error) => void;
interface PostgresPoolDriver {
  obtainMasterConnection(): Promise<[PoolClient, Release]>;
}

function isPostgresPoolDriver(driver: unknown): driver is PostgresPoolDriver {
  return typeof (driver as Partial<PostgresPoolDriver>).obtainMasterConnection === 'function';
}

/**
 * Raw pg connections from the service's one pool (the TypeORM DataSource's), for what TypeORM cannot do: COPY,
 * and batches of statements on one connection. A connection that failed is destroyed rather than pooled again.
 */
@Injectable()
export class PgSessionRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const driver: unknown = this.dataSource.driver;
    if (!isPostgresPoolDriver(driver)) {
      throw new Error('the metrics store needs the PostgreSQL driver of TypeORM');
    }
    const [client, release] = await driver.obtainMasterConnection();
    // A connection that dies while checked out between two queries emits 'error' on the client, which nobody
    // else listens to then: unhandled, it would end the process. Keep it, and destroy that connection.
    let lost: Error | undefined;
    const onError = (error: Error): void => {
      lost = error;
    };
    client.on('error', onError);
    try {
      const result = await work(client);
      client.off('error', onError);
      release(lost);
      return result;
    } catch (error) {
      client.off('error', onError);
      release(lost ?? (error instanceof Error ? error : new Error(String(error))));
      throw error;
    }
  }

  /**
   * Runs `work` in a transaction on one connection: committed when it resolves, rolled back when it throws.
   * `statementTimeoutMs` bounds each statement of the transaction; it travels with BEGIN in one round trip.
   */
  transaction<T>(work: (client: PoolClient) => Promise<T>, options: { statementTimeoutMs?: number } = {}): Promise<T> {
    const timeout = options.statementTimeoutMs;
    const begin =
      timeout === undefined ? 'BEGIN' : `BEGIN; SET LOCAL statement_timeout = ${Math.max(1, Math.ceil(timeout))}`;
    return this.withClient(async (client) => {
      await client.query(begin);
      try {
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }
}
