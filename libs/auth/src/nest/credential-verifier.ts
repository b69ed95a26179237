import { Inject, Injectable, Optional } from '@nestjs/common';
import { ApiKeyExchange } from '../core/api-key-exchange';
import { AuthError } from '../core/auth-error';
import { looksLikeApiKey } from '../core/api-keys';
import type { Identity } from '../core/identity';
import { bearerCredential, TokenService } from '../core/token-service';

/**
 * Turns an Authorization header into an identity: a JWT is verified locally; a `keel_…` API key is exchanged
 * with identity when this service accepts API keys directly (AuthModule's `apiKeys` option), and refused
 * otherwise. Throws AuthError('UNAUTHENTICATED') for anything else; undefined when there is no credential.
 */
@Injectable()
export class CredentialVerifier {
  constructor(
    @Inject(TokenService) private readonly tokens: TokenService,
    @Optional() @Inject(ApiKeyExchange) private readonly apiKeys?: ApiKeyExchange,
  ) {}

  async identify(header: string | string[] | undefined): Promise<Identity | undefined> {
    if (header === undefined || header === '') return undefined;
    const credential = bearerCredential(header);
    if (!credential) throw new AuthError('UNAUTHENTICATED');
    if (looksLikeApiKey(credential)) {
      if (!this.apiKeys) throw new AuthError('UNAUTHENTICATED');
      return (await this.apiKeys.exchange(credential)).identity;
    }
    return this.tokens.verifyAccessToken(credential);
  }
}
