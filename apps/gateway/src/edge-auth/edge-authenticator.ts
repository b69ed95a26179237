import { AuthError, bearerCredential, hashToken, looksLikeApiKey, type Identity, type TokenService } from '@keel/auth';

export type EdgeAuthResult = { kind: 'identified'; identity: Identity; forwardToken: string } | { kind: 'anonymous' };

interface CachedExchange {
  identity: Identity;
  token: string;
  reuseUntil: number;
}

/** How long an exchanged API-key token is reused before asking identity again (revocation takes effect after). */
const EXCHANGE_REUSE_MS = 60_000;
const CACHE_LIMIT = 10_000;

/**
 * Authentication at the edge. A bearer JWT is verified here (each subgraph verifies it again). An API key is
 * exchanged with the identity service for a short-lived access token, cached for a minute under the key's
 * hash; the subgraphs only ever see JWTs. A missing credential is "anonymous", allowed only for sign-in.
 */
export class EdgeAuthenticator {
  private readonly exchanges = new Map<string, CachedExchange>();

  constructor(
    private readonly tokens: TokenService,
    private readonly identityBaseUrl: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async authenticate(authorization: string | null | undefined): Promise<EdgeAuthResult> {
    if (!authorization) return { kind: 'anonymous' };
    const credential = bearerCredential(authorization);
    if (!credential) throw new AuthError('UNAUTHENTICATED');
    if (looksLikeApiKey(credential)) return this.exchangeApiKey(credential);
    const identity = this.tokens.verifyAccessToken(credential);
    return { kind: 'identified', identity, forwardToken: credential };
  }

  /** Token the gateway presents for anonymous sign-in operations: it names the gateway and holds no role. */
  serviceToken(): string {
    return this.tokens.issueServiceToken('gateway').token;
  }

  private async exchangeApiKey(apiKey: string): Promise<EdgeAuthResult> {
    const cacheKey = hashToken(apiKey);
    const cached = this.exchanges.get(cacheKey);
    if (cached && cached.reuseUntil > Date.now())
      return { kind: 'identified', identity: cached.identity, forwardToken: cached.token };

    const response = await this.fetchImpl(`${this.identityBaseUrl}/internal/api-keys/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.serviceToken()}` },
      body: JSON.stringify({ apiKey }),
    });
    if (response.status === 401 || response.status === 403) throw new AuthError('UNAUTHENTICATED');
    if (!response.ok) throw new Error(`identity service answered ${response.status} to an API key exchange`);
    const body = (await response.json()) as { accessToken: string; expiresAt: string };
    const identity = this.tokens.verifyAccessToken(body.accessToken);
    const reuseUntil = Math.min(Date.now() + EXCHANGE_REUSE_MS, new Date(body.expiresAt).getTime() - 30_000);
    if (this.exchanges.size >= CACHE_LIMIT) this.exchanges.clear();
    this.exchanges.set(cacheKey, { identity, token: body.accessToken, reuseUntil });
    return { kind: 'identified', identity, forwardToken: body.accessToken };
  }
}

/** The base URL of a subgraph's service, from its GraphQL endpoint (http://host:port/graphql → http://host:port). */
export function serviceBaseUrl(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  return `${url.protocol}//${url.host}`;
}
