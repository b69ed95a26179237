// The metrics service's HTTP process: health, /metrics, Prometheus remote write, the Prometheus query API and the
// `metrics` subgraph, plus the ingest consumer unless METRICS_INGEST_ENABLED=false (when ingest-worker processes
// do the ingesting).
import 'reflect-metadata';
import { tokenSettingsFromEnv } from '@keel/auth';
import { loadConfigOrExit } from '@keel/config';
import { createMetricsApp } from './bootstrap';
import { METRICS_SERVICE, metricsConfigSchema } from './config';
import { queryLimitsFromConfig } from './query-api';

async function main(): Promise<void> {
  const config = loadConfigOrExit(metricsConfigSchema, METRICS_SERVICE);
  const app = await createMetricsApp(config, {
    ingest: config.METRICS_INGEST_ENABLED,
    api: {
      tokens: tokenSettingsFromEnv(config),
      identityBaseUrl: config.IDENTITY_BASE_URL,
      queryLimits: queryLimitsFromConfig(config),
      production: config.NODE_ENV === 'production',
    },
  });
  await app.listen(config.PORT, config.HOST);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `metrics failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
