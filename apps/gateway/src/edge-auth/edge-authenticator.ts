import {
  ApiKeyExchange,
  AuthError,
  bearerCredential,
  looksLikeApiKey,
  type Identity,
  type TokenService,
} from '@keel/auth';

export type EdgeAuthResult = { kind: 'identified'; identity: Identity; forwardToken: string } | { kind: 'anonymous' };

/**
 * Authentication at the edge. A bearer JWT is verified here (each subgraph verifies it again). An API key is
 * exchanged with the identity service for a short-lived access token (ApiKeyExchange, cached for a minute);
 * the subgraphs only ever see JWTs. A missing credential is "anonymous", allowed only for sign-in.
 */
export class EdgeAuthenticator {
  private readonly apiKeys: ApiKeyExchange;

  constructor(
    private readonly tokens: TokenService,
    identityBaseUrl: string,
    fetchImpl: typeof fetch = fetch,
  ) {
    this.apiKeys = new ApiKeyExchange(tokens, identityBaseUrl, 'gateway', fetchImpl);
  }

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
    const { identity, token } = await this.apiKeys.exchange(apiKey);
    return { kind: 'identified', identity, forwardToken: token };
  }
}

/** The base URL of a subgraph's service, from its GraphQL endpoint (http://host:port/graphql → http://host:port). */
export function serviceBaseUrl(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  return `${url.protocol}//${url.host}`;
}
