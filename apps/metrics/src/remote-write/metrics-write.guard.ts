import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { satisfiesAnyRole, type Identity } from '@keel/auth';

export const METRICS_WRITE_SCOPE = 'metrics:write';

/**
 * Runs after the global AuthGuard verified the token: an API key needs the metrics:write scope (whatever
 * its role), a person needs responder or more. Keel's own services use Kafka, not this endpoint.
 */
@Injectable()
export class MetricsWriteGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const identity = ctx.switchToHttp().getRequest<{ identity?: Identity }>().identity;
    if (identity?.type === 'api_key' && identity.scopes.includes(METRICS_WRITE_SCOPE)) return true;
    if (identity?.type === 'user' && satisfiesAnyRole(identity.roles, ['responder'])) return true;
    throw new ForbiddenException(`remote write needs an API key with scope ${METRICS_WRITE_SCOPE} or a responder`);
  }
}
