import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { currentContext } from '@keel/context';
import { identityToActor } from '../core/identity';
import { CredentialVerifier } from './credential-verifier';
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
  constructor(@Inject(CredentialVerifier) private readonly credentials: CredentialVerifier) {}

  async use(req: AuthenticatedRequest, res: Response, next: (error?: unknown) => void): Promise<void> {
    try {
      const identity = await this.credentials.identify(req.headers['authorization']);
      if (!identity) throw new Error('missing');
      req.identity = identity;
      const context = currentContext();
      if (context) context.actor = identityToActor(identity);
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
