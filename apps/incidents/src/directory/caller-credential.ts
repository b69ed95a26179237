import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { bearerCredential } from '@keel/auth';

const storage = new AsyncLocalStorage<string>();

/**
 * The bearer token of the GraphQL request being served (the caller's, as the gateway forwarded it), or undefined
 * outside a request (Kafka consumers, workers). The user directory asks identity with it, so a lookup runs with
 * the caller's own rights.
 */
export function callerCredential(): string | undefined {
  return storage.getStore();
}

/** Runs the rest of the request with its bearer token readable by `callerCredential()`. */
export function runWithCallerCredential<T>(credential: string, work: () => T): T {
  return storage.run(credential, work);
}

/** Applied to /graphql by DirectoryModule. It checks nothing: the AuthGuard verifies the token. */
@Injectable()
export class CallerCredentialMiddleware implements NestMiddleware {
  use(request: { headers: Record<string, string | string[] | undefined> }, _response: unknown, next: () => void): void {
    const credential = bearerCredential(request.headers['authorization']);
    if (credential === undefined) {
      next();
      return;
    }
    runWithCallerCredential(credential, next);
  }
}
