import type { CreateDataSourceOptions } from '@keel/database';
import { ApiKeyEntity } from '../api-keys/api-key.entity';
import type { IdentityConfig } from '../config';
import { RefreshSessionEntity } from '../sessions/refresh-session.entity';
import { UserEntity } from '../users/user.entity';
import { CreateIdentityTables1764115200000 } from './migrations/1764115200000-create-identity-tables';

export const IDENTITY_ENTITIES = [UserEntity, RefreshSessionEntity, ApiKeyEntity];
/** In the order they run; a new migration is appended here. */
export const IDENTITY_MIGRATIONS = [CreateIdentityTables1764115200000];

export function identityDataSourceOptions(schema: string): Omit<CreateDataSourceOptions, 'url'> {
  return {
    schema,
    entities: IDENTITY_ENTITIES,
    migrations: IDENTITY_MIGRATIONS,
    applicationName: 'keel-identity',
  };
}

export function identityDatabaseOptions(config: IdentityConfig): CreateDataSourceOptions {
  return { ...identityDataSourceOptions(config.DATABASE_SCHEMA), url: config.DATABASE_URL };
}
