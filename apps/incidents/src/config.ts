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
import { alertsTopic } from '@keel/contracts';
import { ALERT_INTAKE_ENV, alertIntakeConfigFromEnv, type AlertIntakeConfig } from './alert-intake';

// The names below are those of ALERT_INTAKE_ENV, written out so the config type knows them.

/** How keel.alerts.v1 becomes incidents: the settings of `alert-intake/README.md`, checked by alertIntakeConfigOf. */
const alertIntakeEnv = {
  ALERT_INTAKE_SEVERITY_MAP: z
    .string()
    .optional()
    .describe('Alert severity label → incident severity, e.g. `critical=P1,page=P0` (default `critical=P1`)'),
  ALERT_INTAKE_SERVICE_LABELS: z
    .string()
    .optional()
    .describe('Labels naming the alert service, first valid wins (default `service,job`)'),
  ALERT_INTAKE_CORRELATION_WINDOW: z
    .string()
    .optional()
    .describe('Window in which other alerts of a group or service attach to an open incident (default `30m`)'),
  ALERT_INTAKE_GROUP_BY: z
    .string()
    .optional()
    .describe('Labels forming the alert group key (default `alertname,service`)'),
  INCIDENTS_ALERTS_CONSUMER: envBoolean()
    .default(true)
    .describe('Whether this process consumes keel.alerts.v1 and opens incidents from alerts'),
  INCIDENTS_ALERTS_TOPIC: z
    .string()
    .regex(/^[a-zA-Z0-9._-]{1,249}$/, { error: 'must be a Kafka topic name' })
    .default(alertsTopic.topic)
    .describe('Topic of the alert intake consumer (the keel.alerts.v1 contract); its dead-letter topic is <topic>.dlq'),
  INCIDENTS_ALERTS_GROUP_ID: z
    .string()
    .min(1)
    .default('incidents-alert-intake')
    .describe('Kafka consumer group of the alert intake'),
};

/** Where the directory checks user ids (`directory/README.md`). */
const directoryEnv = {
  IDENTITY_BASE_URL: envUrl(['http', 'https'])
    .default('http://127.0.0.1:4101')
    .describe('Base URL of the identity service, asked whether the users named in schedules and incidents exist'),
  INCIDENTS_USER_CHECK: envEnum(['identity', 'off'] as const)
    .default('identity')
    .describe(
      'identity: user ids are checked with the identity service; off: not checked at all (isolated service tests only)',
    ),
};

/** The runbook validation report (`runbooks/README.md`): review age, alert coverage, links. */
const runbooksEnv = {
  INCIDENTS_RUNBOOK_MAX_AGE_DAYS: envInteger({ min: 1, max: 3650 })
    .default(90)
    .describe('A runbook whose last review is older than this many days is outdated (default of maxAgeDays)'),
  ALERTING_BASE_URL: envUrl(['http', 'https'])
    .default('http://127.0.0.1:4104')
    .describe(
      'Base URL of the alerting service, asked for its alert rules (GET /api/v1/rules) to find missing runbooks',
    ),
  INCIDENTS_ALERTING_AUTH: envEnum(['keel', 'bearer', 'none'] as const)
    .default('keel')
    .describe('keel: a service token signed with JWT_SECRET; bearer: INCIDENTS_ALERTING_TOKEN (an API key); none'),
  INCIDENTS_ALERTING_TOKEN: envSecret()
    .optional()
    .describe('Bearer credential for the alerting rules API when INCIDENTS_ALERTING_AUTH is bearer'),
  INCIDENTS_ALERTING_TIMEOUT_MS: envInteger({ min: 100, max: 60_000 })
    .default(5000)
    .describe('Timeout of the alert rules request'),
  INCIDENTS_RUNBOOK_CHECK_EXTERNAL_LINKS: envBoolean()
    .default(false)
    .describe('Whether the report checks external http(s) links of runbooks with a HEAD (or GET) request'),
  INCIDENTS_RUNBOOK_LINK_TIMEOUT_MS: envInteger({ min: 100, max: 60_000 })
    .default(5000)
    .describe('Timeout of one external link check, redirects included'),
  INCIDENTS_RUNBOOK_LINK_ALLOW_HOSTS: envList()
    .optional()
    .describe(
      'Hosts whose links are checked even when they resolve to loopback, private, link-local, unique-local or ' +
        'metadata addresses (comma-separated host names or IP addresses); every other such link is refused',
    ),
};

/** The escalation worker and how it pages (`oncall/README.md`, "Escalation in the service"). */
const escalationEnv = {
  INCIDENTS_ESCALATION_WORKER: envBoolean()
    .default(true)
    .describe(
      'Whether this process runs the escalation worker (several processes may: rows are claimed with SKIP LOCKED)',
    ),
  INCIDENTS_ESCALATION_POLL_MS: envInteger({ min: 100, max: 3_600_000 })
    .default(5000)
    .describe('Milliseconds between two polls of the escalation worker for due escalations'),
  INCIDENTS_ESCALATION_BATCH_SIZE: envInteger({ min: 1, max: 500 })
    .default(50)
    .describe('Due escalations the worker claims per poll'),
  INCIDENTS_ESCALATION_DELIVERY_TIMEOUT_MS: envInteger({ min: 100, max: 120_000 })
    .default(10_000)
    .describe('Timeout of one attempt to deliver a page (webhook, Slack or SMTP)'),
  INCIDENTS_ESCALATION_DELIVERY_ATTEMPTS: envInteger({ min: 1, max: 10 })
    .default(3)
    .describe('Attempts per page, the first included (retries back off exponentially)'),
  INCIDENTS_ESCALATION_SMTP_SMARTHOST: z
    .string()
    .optional()
    .describe('host:port of the SMTP server for email contact methods; without it, email pages fail (recorded)'),
  INCIDENTS_ESCALATION_SMTP_FROM: z
    .string()
    .optional()
    .describe('Sender address of email pages (required with INCIDENTS_ESCALATION_SMTP_SMARTHOST)'),
  INCIDENTS_ESCALATION_SMTP_USERNAME: z.string().optional().describe('SMTP user name, if the server wants one'),
  INCIDENTS_ESCALATION_SMTP_PASSWORD: envSecret().optional().describe('SMTP password'),
  INCIDENTS_ESCALATION_SMTP_REQUIRE_TLS: envBoolean()
    .default(true)
    .describe('Refuse to send email pages unless the SMTP session is encrypted (STARTTLS or port 465)'),
};

export const incidentsConfigSchema = z.object({
  ...runtimeEnv,
  ...httpEnv,
  PORT: envInteger({ min: 1, max: 65535 }).default(4102).describe('HTTP port of the incidents service'),
  ...databaseEnv,
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case identifier')
    .default('incidents')
    .describe('PostgreSQL schema owned by the incidents service'),
  ...kafkaEnv,
  ...authEnv,
  ...logEnv,
  ...alertIntakeEnv,
  ...runbooksEnv,
  ...directoryEnv,
  ...escalationEnv,
  INCIDENTS_RESPONSE_CONFIG_FILE: z
    .string()
    .min(1)
    .optional()
    .describe(
      'JSON file of severity policies, checklist templates and incident-type checklist rules (incidents/README.md); default: the built-in policies and the seed checklist',
    ),
});

export type IncidentsConfig = z.output<typeof incidentsConfigSchema>;
export const INCIDENTS_CONFIG = Symbol('INCIDENTS_CONFIG');

/** The intake settings of a loaded config; throws AlertIntakeError naming every bad variable. */
export function alertIntakeConfigOf(config: IncidentsConfig): AlertIntakeConfig {
  return alertIntakeConfigFromEnv({
    [ALERT_INTAKE_ENV.severityMap]: config.ALERT_INTAKE_SEVERITY_MAP,
    [ALERT_INTAKE_ENV.serviceLabels]: config.ALERT_INTAKE_SERVICE_LABELS,
    [ALERT_INTAKE_ENV.correlationWindow]: config.ALERT_INTAKE_CORRELATION_WINDOW,
    [ALERT_INTAKE_ENV.groupBy]: config.ALERT_INTAKE_GROUP_BY,
  });
}
