import { API_KEY_SCOPES, isApiKeyScope, type ApiKeyScope } from '@keel/auth';

// The rules of API keys as pure functions.

export const API_KEY_NAME_MAX_LENGTH = 100;
/** An exchanged access token lives at most this long, so a revoked key stops working within minutes. */
export const EXCHANGE_MAX_TTL_SECONDS = 300;
/** lastUsedAt is written at most this often per key: the exchange is on the gateway's hot path. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export function apiKeyNameProblem(name: string): string | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'API key name must not be empty';
  if (trimmed.length > API_KEY_NAME_MAX_LENGTH) {
    return `API key name must have at most ${API_KEY_NAME_MAX_LENGTH} characters`;
  }
  return undefined;
}

export function scopesProblem(scopes: readonly string[]): string | undefined {
  if (scopes.length === 0) return `an API key needs at least one scope (${API_KEY_SCOPES.join(', ')})`;
  const unknown = scopes.filter((scope) => !isApiKeyScope(scope));
  return unknown.length > 0
    ? `unknown scope(s) ${unknown.map((scope) => `"${scope}"`).join(', ')}; known: ${API_KEY_SCOPES.join(', ')}`
    : undefined;
}

/** Known scopes without duplicates, in the canonical order. */
export function normalizeScopes(scopes: readonly string[]): ApiKeyScope[] {
  return API_KEY_SCOPES.filter((scope) => scopes.includes(scope));
}

export function expiryProblem(expiresAt: Date | null | undefined, now: Date): string | undefined {
  if (expiresAt === null || expiresAt === undefined) return undefined;
  return expiresAt.getTime() > now.getTime() ? undefined : `expiresAt ${expiresAt.toISOString()} is not in the future`;
}

export interface KeyState {
  revokedAt: Date | null;
  expiresAt: Date | null;
}

/**
 * Seconds the exchanged access token may live: at most EXCHANGE_MAX_TTL_SECONDS and never past the key's
 * expiry. 0 means the key is not usable (revoked, expired, or expiring within the second).
 */
export function exchangeTtlSeconds(key: KeyState, now: Date): number {
  if (key.revokedAt !== null) return 0;
  if (key.expiresAt === null) return EXCHANGE_MAX_TTL_SECONDS;
  const left = Math.floor((key.expiresAt.getTime() - now.getTime()) / 1000);
  return Math.max(0, Math.min(EXCHANGE_MAX_TTL_SECONDS, left));
}

export function shouldRecordUse(lastUsedAt: Date | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS;
}
