import {
  ForbiddenException,
  Inject,
  Injectable,
  Optional,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@keel/contracts';
import { currentContext } from '@keel/context';
import { identityToActor, type Identity } from '../core/identity';
import { satisfiesAnyRole } from '../core/roles';
import { CredentialVerifier } from './credential-verifier';
import { ALLOW_SERVICES_METADATA, AUTH_REFUSAL_LISTENER, PUBLIC_METADATA, ROLES_METADATA } from './auth.constants';
import { graphqlOperation, requestOf } from './request-of';

/**
 * Told of each request AuthGuard refuses, before the refusal goes out. Guards run before interceptors, so what
 * records handler calls (@keel/graphql's audit of every mutation) hears of a refused call only this way.
 */
export interface AuthRefusalListener {
  refused(ctx: ExecutionContext, refusal: UnauthorizedException | ForbiddenException): Promise<void>;
}

/**
 * The one guard of every Keel service, installed globally by AuthModule: it verifies the bearer token (again,
 * whatever the gateway did), then checks the handler's @Roles (default: viewer) and, for API keys, the scope
 * the GraphQL operation needs. A refusal is told to the AUTH_REFUSAL_LISTENER when the app provides one.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CredentialVerifier) private readonly credentials: CredentialVerifier,
    @Optional() @Inject(AUTH_REFUSAL_LISTENER) private readonly refusals?: AuthRefusalListener,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    try {
      return await this.check(ctx);
    } catch (error) {
      if (this.refusals && (error instanceof UnauthorizedException || error instanceof ForbiddenException)) {
        // The listener records; whatever happens there, the caller gets the refusal.
        await this.refusals.refused(ctx, error).catch(() => undefined);
      }
      throw error;
    }
  }

  private async check(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_METADATA, targets) === true;
    const request = requestOf(ctx);
    const identity = request.identity ?? (await this.verify(request.headers['authorization']));
    if (identity) {
      request.identity = identity;
      const context = currentContext();
      if (context) context.actor = identityToActor(identity);
    }
    if (isPublic) return true;
    if (!identity) throw new UnauthorizedException('authentication required');

    if (identity.type === 'service') {
      if (this.reflector.getAllAndOverride<boolean | undefined>(ALLOW_SERVICES_METADATA, targets) === true) return true;
      throw new ForbiddenException('not allowed');
    }
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_METADATA, targets) ?? ['viewer'];
    if (!satisfiesAnyRole(identity.roles, required)) throw new ForbiddenException('not allowed');
    const operation = graphqlOperation(ctx);
    if (identity.type === 'api_key' && operation) {
      const scope = operation === 'mutation' ? 'graphql:write' : 'graphql:read';
      if (!identity.scopes.includes(scope)) throw new ForbiddenException(`API key lacks scope ${scope}`);
    }
    return true;
  }

  private async verify(header: string | string[] | undefined): Promise<Identity | undefined> {
    try {
      return await this.credentials.identify(header);
    } catch {
      return undefined;
    }
  }
}
