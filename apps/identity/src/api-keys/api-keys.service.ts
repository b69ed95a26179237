import { Injectable } from '@nestjs/common';
import type { Role } from '@keel/contracts';
import {
  constantTimeEqual,
  generateApiKey,
  hashToken,
  parseApiKey,
  TokenService,
  type Identity,
  type IssuedToken,
} from '@keel/auth';
import {
  apiKeyNameProblem,
  exchangeTtlSeconds,
  expiryProblem,
  LAST_USED_RESOLUTION_MS,
  normalizeScopes,
  scopesProblem,
  shouldRecordUse,
} from './api-key-rules';
import type { ApiKeyEntity } from './api-key.entity';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeyErrorCode, ApiKeyException } from './api-keys.exception';

export interface CreateApiKeyCommand {
  name: string;
  role: Role;
  scopes: string[];
  expiresAt?: Date | null;
}

export interface CreatedApiKey {
  /** `keel_<id>_<secret>`: shown once, never stored. */
  token: string;
  key: ApiKeyEntity;
}

function refuse(code: ApiKeyErrorCode, problem: string | undefined): void {
  if (problem !== undefined) throw ApiKeyException.invalid(code, problem);
}

@Injectable()
export class ApiKeysService {
  constructor(
    private readonly keys: ApiKeysRepository,
    private readonly tokens: TokenService,
  ) {}

  list(): Promise<ApiKeyEntity[]> {
    return this.keys.list();
  }

  /** Only admins reach this (see the resolver), so a key with the admin role is a deliberate choice. */
  async create(command: CreateApiKeyCommand, creator: Identity): Promise<CreatedApiKey> {
    refuse(ApiKeyErrorCode.INVALID_NAME, apiKeyNameProblem(command.name));
    refuse(ApiKeyErrorCode.INVALID_SCOPES, scopesProblem(command.scopes));
    refuse(ApiKeyErrorCode.INVALID_EXPIRY, expiryProblem(command.expiresAt, new Date()));
    const generated = generateApiKey();
    const key = await this.keys.insert({
      id: generated.id,
      name: command.name.trim(),
      role: command.role,
      scopes: normalizeScopes(command.scopes),
      secretHash: hashToken(generated.secret),
      createdBy: `${creator.type}:${creator.id}`,
      expiresAt: command.expiresAt ?? null,
    });
    return { token: generated.token, key };
  }

  /** Revoking twice is fine; the first revocation time stays. */
  async revoke(id: string): Promise<ApiKeyEntity> {
    const key = await this.keys.revoke(id, new Date());
    if (!key) throw ApiKeyException.notFound(id);
    return key;
  }

  /** Trades a valid API key for a short access token carrying the key's role and scopes. */
  async exchange(apiKey: string): Promise<IssuedToken> {
    const now = new Date();
    const parsed = parseApiKey(apiKey);
    const key = parsed ? await this.keys.findById(parsed.id) : null;
    if (!parsed || !key || !constantTimeEqual(hashToken(parsed.secret), key.secretHash)) {
      throw ApiKeyException.unusable();
    }
    const ttlSeconds = exchangeTtlSeconds(key, now);
    if (ttlSeconds < 1) throw ApiKeyException.unusable();
    if (shouldRecordUse(key.lastUsedAt, now)) {
      await this.keys.recordUse(key.id, now, new Date(now.getTime() - LAST_USED_RESOLUTION_MS));
    }
    const identity: Identity = {
      type: 'api_key',
      id: key.id,
      name: key.name,
      roles: [key.role],
      scopes: [...key.scopes],
    };
    return this.tokens.issueAccessToken(identity, ttlSeconds);
  }
}
