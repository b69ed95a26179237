// The alerting service: rule files and managed rules evaluated against the Prometheus HTTP API, persisted alert
// state and history, Alertmanager-style notification, Prometheus' /api/v1/rules and /api/v1/alerts, Alertmanager's
// POST /api/v2/alerts, and the `alerting` subgraph.
import 'reflect-metadata';
import { loadConfigOrExit } from '@keel/config';
import { createAlertingApp } from './bootstrap';
import { ALERTING_SERVICE, alertingConfigSchema } from './config';

async function main(): Promise<void> {
  const config = loadConfigOrExit(alertingConfigSchema, ALERTING_SERVICE);
  const app = await createAlertingApp(config);
  await app.listen(config.PORT, config.HOST);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `alerting failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
