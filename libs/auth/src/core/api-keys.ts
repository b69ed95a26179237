import { randomBytes } from 'node:crypto';
import { generateOpaqueToken } from './secrets';

/**
 * API keys for external systems look like `keel_<id>_<secret>`: the id is public (shown in listings and audit
 * events), the secret is shown once at creation and stored only as a hash.
 */
const PREFIX = 'keel';
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const KEY_PATTERN = /^keel_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

/** What an API key may do. A key is also bounded by its role: scopes narrow, never widen. */
export const API_KEY_SCOPES = [
  'graphql:read',
  'graphql:write',
  'metrics:write',
  'metrics:read',
  'alerts:write',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export interface GeneratedApiKey {
  id: string;
  secret: string;
  token: string;
}

export function generateApiKey(): GeneratedApiKey {
  const bytes = randomBytes(12);
  const id = Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
  const secret = generateOpaqueToken(32);
  return { id, secret, token: `${PREFIX}_${id}_${secret}` };
}

export function parseApiKey(token: string): { id: string; secret: string } | undefined {
  const match = KEY_PATTERN.exec(token);
  return match ? { id: match[1] as string, secret: match[2] as string } : undefined;
}

export function looksLikeApiKey(credential: string): boolean {
  return credential.startsWith(`${PREFIX}_`);
}

export function isApiKeyScope(value: string): value is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(value);
}
