// `nx run metrics:ingest-worker`: the Kafka → PostgreSQL ingest consumer on its own, to scale apart from the
// query API (more members of the same consumer group). Serves only /health and /metrics on PORT (default 4113).
import 'reflect-metadata';
import { loadConfigOrExit } from '@keel/config';
import { createMetricsApp } from './bootstrap';
import { ingestWorkerConfigSchema } from './config';

const SERVICE = 'metrics-ingest';

async function main(): Promise<void> {
  const config = loadConfigOrExit(ingestWorkerConfigSchema, SERVICE);
  const app = await createMetricsApp(config, { ingest: true, service: SERVICE });
  await app.listen(config.PORT, config.HOST);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${SERVICE} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
