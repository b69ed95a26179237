import { z } from 'zod';
import { authEnv, databaseEnv, envInteger, httpEnv, kafkaEnv, logEnv, runtimeEnv } from '@keel/config';

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
});

export type IncidentsConfig = z.output<typeof incidentsConfigSchema>;
export const INCIDENTS_CONFIG = Symbol('INCIDENTS_CONFIG');
