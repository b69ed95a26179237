import { z } from 'zod';
import { authEnv, databaseEnv, envUrl, kafkaEnv } from '@keel/config';

/** The keel command reads the same environment as the services it talks to. */
export const cliConfigSchema = z.object({
  DATABASE_URL: databaseEnv.DATABASE_URL.default('postgres://postgres@127.0.0.1:5432/keel'),
  KAFKA_BROKERS: kafkaEnv.KAFKA_BROKERS,
  IDENTITY_BASE_URL: envUrl(['http', 'https'])
    .default('http://127.0.0.1:4101')
    .describe('Base URL of the identity service'),
  INCIDENTS_BASE_URL: envUrl(['http', 'https'])
    .default('http://127.0.0.1:4102')
    .describe('Base URL of the incidents service'),
  METRICS_BASE_URL: envUrl(['http', 'https'])
    .default('http://127.0.0.1:4103')
    .describe('Base URL of the metrics service'),
  ALERTING_BASE_URL: envUrl(['http', 'https'])
    .default('http://127.0.0.1:4104')
    .describe('Base URL of the alerting service'),
  GATEWAY_BASE_URL: envUrl(['http', 'https']).default('http://127.0.0.1:4000').describe('Base URL of the gateway'),
  KEEL_LOG_DIR: z
    .string()
    .default('.keel/logs')
    .describe('Where `npm start` writes each service log (read by `keel health`)'),
});

export type CliConfig = z.output<typeof cliConfigSchema>;

/** Commands that act as the platform (`admin create`) also need the deployment's token secret. */
export const cliAdminConfigSchema = cliConfigSchema.extend({
  JWT_SECRET: authEnv.JWT_SECRET,
  JWT_ISSUER: authEnv.JWT_ISSUER,
});

export type CliAdminConfig = z.output<typeof cliAdminConfigSchema>;

export function serviceUrls(config: CliConfig): Record<string, string> {
  return {
    gateway: config.GATEWAY_BASE_URL,
    identity: config.IDENTITY_BASE_URL,
    incidents: config.INCIDENTS_BASE_URL,
    metrics: config.METRICS_BASE_URL,
    alerting: config.ALERTING_BASE_URL,
  };
}
