import { ApiKeyType } from './dto/api-key.type';
import type { ApiKeyEntity } from './api-key.entity';

/** The API view of a key: everything but the secret's hash. */
export function toApiKeyType(key: ApiKeyEntity): ApiKeyType {
  return Object.assign(new ApiKeyType(), {
    id: key.id,
    name: key.name,
    role: key.role,
    scopes: [...key.scopes],
    createdBy: key.createdBy,
    createdAt: key.createdAt,
    expiresAt: key.expiresAt,
    revokedAt: key.revokedAt,
    lastUsedAt: key.lastUsedAt,
  });
}
