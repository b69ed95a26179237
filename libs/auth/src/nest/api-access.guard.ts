import {
  ForbiddenException,
  Injectable,
  mixin,
  type CanActivate,
  type ExecutionContext,
  type Type,
} from '@nestjs/common';
import type { Role } from '@keel/contracts';
import type { Identity } from '../core/identity';
import { satisfiesAnyRole } from '../core/roles';

export interface ApiAccessRule {
  /** What the endpoint is, for the error: "the query API", "remote write". */
  what: string;
  /** The scope an API key needs. */
  scope: string;
  /** Roles a person needs (one of them); absent: whatever the global guard's @Roles let through. */
  userRoles?: Role[];
  /** Whether Keel's own services may call it (they also need @AllowServices for the global guard). */
  services?: boolean;
}

/**
 * A guard for HTTP APIs that tools call with API keys (Prometheus, Grafana, scripts). It runs after the global
 * AuthGuard verified the caller and narrows access per identity type: an API key needs `scope`, a person one of
 * `userRoles`, a Keel service `services: true`.
 */
export function ApiAccessGuard(rule: ApiAccessRule): Type<CanActivate> {
  const alternatives = [
    `an API key with scope ${rule.scope}`,
    ...(rule.userRoles ? [`a ${rule.userRoles.join(' or ')}`] : []),
  ].join(' or ');

  @Injectable()
  class ApiAccess implements CanActivate {
    canActivate(ctx: ExecutionContext): boolean {
      const identity = ctx.switchToHttp().getRequest<{ identity?: Identity }>().identity;
      const allowed =
        identity?.type === 'api_key'
          ? identity.scopes.includes(rule.scope)
          : identity?.type === 'service'
            ? rule.services === true
            : identity !== undefined && (!rule.userRoles || satisfiesAnyRole(identity.roles, rule.userRoles));
      if (allowed) return true;
      throw new ForbiddenException(`${rule.what} needs ${alternatives}`);
    }
  }
  return mixin(ApiAccess);
}
