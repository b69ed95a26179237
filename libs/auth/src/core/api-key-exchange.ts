import { AuthError } from './auth-error';
import type { Identity } from './identity';
import { hashToken } from './secrets';
import type { TokenService } from './token-service';

interface CachedExchange {
  identity: Identity;
  token: string;
  reuseUntil: number;
}

export interface ExchangedApiKey {
  identity: Identity;
  /** A short-lived access token (JWT) for the key's identity, to forward to other Keel services. */
  token: string;
}

/** How long an exchanged token is reused before asking identity again (a revocation takes effect after). */
const REUSE_MS = 60_000;
const CACHE_LIMIT = 10_000;

/**
 * Trades a `keel_…` API key for a short-lived access token at the identity service
 * (`POST /internal/api-keys/exchange`, called with this service's one-minute service token), and caches the
 * answer for a minute under the key's hash. Used at every edge that accepts API keys: the gateway, and the
 * metrics service's Prometheus endpoints (remote write, query API) that tools call directly.
 */
export class ApiKeyExchange {
  private readonly cache = new Map<string, CachedExchange>();

  constructor(
    private readonly tokens: TokenService,
    private readonly identityBaseUrl: string,
    private readonly serviceName: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async exchange(apiKey: string): Promise<ExchangedApiKey> {
    const cacheKey = hashToken(apiKey);
    const cached = this.cache.get(cacheKey);
    if (cached && cached.reuseUntil > Date.now()) return { identity: cached.identity, token: cached.token };

    const response = await this.fetchImpl(`${this.identityBaseUrl}/internal/api-keys/exchange`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.tokens.issueServiceToken(this.serviceName).token}`,
      },
      body: JSON.stringify({ apiKey }),
    });
    if (response.status === 401 || response.status === 403) throw new AuthError('UNAUTHENTICATED');
    if (!response.ok) throw new Error(`identity service answered ${response.status} to an API key exchange`);
    const body = (await response.json()) as { accessToken: string; expiresAt: string };
    const identity = this.tokens.verifyAccessToken(body.accessToken);
    const reuseUntil = Math.min(Date.now() + REUSE_MS, new Date(body.expiresAt).getTime() - 30_000);
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(cacheKey, { identity, token: body.accessToken, reuseUntil });
    return { identity, token: body.accessToken };
  }
}
