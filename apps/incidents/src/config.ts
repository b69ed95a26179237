import { z } from 'zod';
import { authEnv, databaseEnv, envBoolean, envInteger, httpEnv, kafkaEnv, logEnv, runtimeEnv } from '@keel/config';
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
