// `nx run metrics:retention`: drops the daily sample partitions older than METRICS_RETENTION_DAYS (default 15).
// Prints one line per dropped partition and a summary; the maintenance runner schedules it.
import 'reflect-metadata';
import { databaseEnv, loadConfigOrExit } from '@keel/config';
import { z } from 'zod';
import { databaseSchemaEnv, METRICS_SERVICE, retentionEnv } from './config';
import { runRetention } from './storage/retention-run';

async function main(): Promise<void> {
  const config = loadConfigOrExit(z.object({ ...databaseEnv, ...databaseSchemaEnv, ...retentionEnv }), METRICS_SERVICE);
  const dropped = await runRetention(config.DATABASE_URL, config.DATABASE_SCHEMA, config.METRICS_RETENTION_DAYS);
  for (const name of dropped) {
    process.stdout.write(`dropped ${name}\n`);
  }
  process.stdout.write(
    `retention: ${dropped.length} partition(s) older than ${config.METRICS_RETENTION_DAYS} day(s) dropped\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`metrics retention failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
