import { z } from 'zod';
import {
  authEnv,
  databaseEnv,
  envBoolean,
  envEnum,
  envInteger,
  envList,
  envSecret,
  envUrl,
  httpEnv,
  kafkaEnv,
  logEnv,
  runtimeEnv,
} from '@keel/config';

export const ALERTING_SERVICE = 'alerting';

/** The schema name alone, for the migration entry point (which needs no secrets). */
export const databaseSchemaEnv = {
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, { error: 'must be a lower-case PostgreSQL identifier' })
    .default('alerting')
    .describe('PostgreSQL schema owned by the alerting service (managed rules, alert state, history, silences)'),
};

const LABEL_PAIR = /^[a-zA-Z_][a-zA-Z0-9_]*=.*$/;

/**
 * The external URL as Prometheus and Alertmanager keep it (`--web.external-url`): without trailing slashes, so
 * `<url>/graph?…` generator links and `$externalURL` never hold `//`.
 */
export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

export const alertingEnv = {
  ALERTING_RULES_DIR: z
    .string()
    .min(1)
    .default('apps/alerting/rules')
    .describe(
      'Directory of Prometheus rule files (*.yml, *.yaml; *.test.yml are unit tests and skipped), reloaded on change',
    ),
  ALERTING_RULES_POLL_SECONDS: envInteger({ min: 1, max: 3600 })
    .default(10)
    .describe('How often the rule directory is re-read besides file-system notifications (which miss some changes)'),
  ALERTING_EVALUATION_INTERVAL_SECONDS: envInteger({ min: 1, max: 86_400 })
    .default(15)
    .describe('Evaluation interval of groups that set none (Prometheus: global.evaluation_interval)'),
  ALERTING_QUERY_OFFSET_SECONDS: envInteger({ min: 0, max: 3600 })
    .default(10)
    .describe(
      'Default query offset of groups that set none: rules look this far into the past, so samples still in the ' +
        'ingest pipeline (Kafka to PostgreSQL, about 1-3 s) are not missing and do not cause false resolves',
    ),
  ALERTING_RESEND_DELAY_SECONDS: envInteger({ min: 1, max: 86_400 })
    .default(60)
    .describe(
      'Minimum time before a still-firing alert is sent to the notifier again (Prometheus: --rules.alert.resend-delay)',
    ),
  ALERTING_EVALUATION_ENABLED: envBoolean()
    .default(true)
    .describe(
      'Whether this process may evaluate rules; of the processes that may, one at a time does (a PostgreSQL ' +
        'advisory lock) and another takes over when it stops',
    ),
  ALERTING_EVALUATOR_RETRY_SECONDS: envInteger({ min: 1, max: 300 })
    .default(5)
    .describe('How often a standby process tries to become the evaluator, and the evaluator checks its lock'),
  ALERTING_DATASOURCE_URL: envUrl(['http', 'https'])
    .default('http://127.0.0.1:4103')
    .describe("Prometheus HTTP API that rules query: Keel's metrics service, or any Prometheus-compatible server"),
  ALERTING_DATASOURCE_AUTH: envEnum(['keel', 'bearer', 'none'] as const)
    .default('keel')
    .describe('keel: a service token signed with JWT_SECRET (Keel metrics); bearer: ALERTING_DATASOURCE_TOKEN; none'),
  ALERTING_DATASOURCE_TOKEN: envSecret().optional().describe('Bearer token for the data source when AUTH is bearer'),
  ALERTING_DATASOURCE_TIMEOUT_MS: envInteger({ min: 100, max: 600_000 })
    .default(10_000)
    .describe('Timeout of one rule query'),
  ALERTING_EXTERNAL_LABELS: envList({ item: LABEL_PAIR, itemName: 'name=value' })
    .optional()
    .describe('External labels, name=value comma-separated: $externalLabels in templates and added to sent alerts'),
  ALERTING_EXTERNAL_URL: envUrl(['http', 'https'])
    .transform(withoutTrailingSlash)
    .default('http://127.0.0.1:4104')
    .describe(
      'URL this service is reached at: $externalURL, generatorURL of alerts, externalURL of notifications ' +
        '(a trailing slash is dropped, as Prometheus and Alertmanager do)',
    ),
  ALERTING_NOTIFICATION_CONFIG: z
    .string()
    .min(1)
    .default('apps/alerting/config/alertmanager.yml')
    .describe('Alertmanager-format configuration file: route tree, receivers, inhibition rules'),
  ALERTING_NOTIFY_TIMEOUT_MS: envInteger({ min: 100, max: 600_000 })
    .default(10_000)
    .describe('Timeout of one delivery attempt to a receiver'),
  ALERTING_NOTIFY_MAX_ATTEMPTS: envInteger({ min: 1, max: 20 })
    .default(5)
    .describe('Attempts of one notification before it is logged as failed (retried at the next group interval)'),
  ALERTING_HISTORY_RETENTION_DAYS: envInteger({ min: 1, max: 3650 })
    .default(90)
    .describe('How long alert history and the notification delivery log are kept'),
  ALERTING_SILENCE_RETENTION_HOURS: envInteger({ min: 1, max: 87_600 })
    .default(120)
    .describe('How long expired silences stay listed before they are removed (Alertmanager: --data.retention)'),
  ALERTING_RECORDING_TOPIC: z
    .string()
    .regex(/^[a-zA-Z0-9._-]{1,249}$/, { error: 'must be a Kafka topic name' })
    .default('keel.metrics.v1')
    .describe('Topic that recording-rule results and the ALERTS series are published to (the metrics ingest path)'),
};

export const alertingConfigSchema = z.object({
  ...runtimeEnv,
  ...httpEnv,
  PORT: envInteger({ min: 1, max: 65535 }).default(4104).describe('HTTP port of the alerting service'),
  ...databaseEnv,
  ...databaseSchemaEnv,
  ...kafkaEnv,
  ...authEnv,
  IDENTITY_BASE_URL: envUrl(['http', 'https'])
    .default('http://127.0.0.1:4101')
    .describe('Base URL of the identity service, which exchanges API keys for access tokens'),
  ...logEnv,
  ...alertingEnv,
});

export type AlertingConfig = z.output<typeof alertingConfigSchema>;
export const ALERTING_CONFIG = Symbol('ALERTING_CONFIG');

/** `ALERTING_EXTERNAL_LABELS` as a label set. */
export function externalLabelsOf(config: Pick<AlertingConfig, 'ALERTING_EXTERNAL_LABELS'>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of config.ALERTING_EXTERNAL_LABELS ?? []) {
    const eq = pair.indexOf('=');
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}
