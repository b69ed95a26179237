import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { currentContext } from '@keel/context';
import { identityToActor } from '../core/identity';
import { bearerCredential, TokenService } from '../core/token-service';
import type { AuthenticatedRequest } from './request-of';

interface Response {
  status(code: number): Response;
  setHeader(name: string, value: string): void;
  json(body: unknown): void;
}

/**
 * Applied to /graphql: no request reaches a resolver without a valid token. A subgraph called directly without
 * one answers HTTP 401, with a body that does not say what was wrong with the credential.
 */
@Injectable()
export class RequireIdentityMiddleware implements NestMiddleware {
  constructor(@Inject(TokenService) private readonly tokens: TokenService) {}

  use(req: AuthenticatedRequest, res: Response, next: (error?: unknown) => void): void {
    const credential = bearerCredential(req.headers['authorization']);
    try {
      if (!credential) throw new Error('missing');
      req.identity = this.tokens.verifyAccessToken(credential);
      const context = currentContext();
      if (context) context.actor = identityToActor(req.identity);
    } catch {
      res.setHeader('WWW-Authenticate', 'Bearer');
      res
        .status(401)
        .json({ errors: [{ message: 'authentication required', extensions: { code: 'UNAUTHENTICATED' } }] });
      return;
    }
    next();
  }
}
