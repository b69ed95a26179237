import { createDataSource } from '@keel/database';
import { metricsDataSourceOptions } from '../database/data-source-options';
import { dropPartitionsOlderThan } from './partition-manager.service';
import { PartitionsRepository } from './partitions.repository';
import { PgSessionRepository } from './pg-session.repository';

/** Retention outside Nest (the command): connects, drops the expired daily partitions, disconnects. */
export async function runRetention(
  url: string,
  schema: string,
  retentionDays: number,
  nowMs = Date.now(),
): Promise<string[]> {
  const dataSource = createDataSource({ url, ...metricsDataSourceOptions(schema, 2) });
  await dataSource.initialize();
  try {
    return await dropPartitionsOlderThan(
      new PartitionsRepository(new PgSessionRepository(dataSource)),
      retentionDays,
      nowMs,
    );
  } finally {
    await dataSource.destroy();
  }
}
