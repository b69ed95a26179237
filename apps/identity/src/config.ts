import { authEnv, databaseEnv, envInteger, httpEnv, kafkaEnv, logEnv, runtimeEnv } from '@keel/config';
import { z } from 'zod';

export const IDENTITY_SERVICE = 'identity';

/** The schema name alone, for the migration entry point (which needs no secrets). */
export const databaseSchemaEnv = {
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, { error: 'must be a lower-case PostgreSQL identifier' })
    .default('identity')
    .describe('PostgreSQL schema holding the identity tables and their migrations'),
};

export const identityConfigSchema = z.object({
  ...runtimeEnv,
  ...httpEnv,
  PORT: envInteger({ min: 1, max: 65535 }).default(4101).describe('TCP port the HTTP server listens on'),
  ...databaseEnv,
  ...databaseSchemaEnv,
  ...kafkaEnv,
  ...authEnv,
  ...logEnv,
});

export type IdentityConfig = z.output<typeof identityConfigSchema>;
