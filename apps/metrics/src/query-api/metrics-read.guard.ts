import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Identity } from '@keel/auth';

export const METRICS_READ_SCOPE = 'metrics:read';

/**
 * Runs after the global AuthGuard verified the token and the viewer role: an API key (Grafana, scripts) also
 * needs the metrics:read scope; people need no more than viewer.
 */
@Injectable()
export class MetricsReadGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const identity = ctx.switchToHttp().getRequest<{ identity?: Identity }>().identity;
    if (identity?.type !== 'api_key' || identity.scopes.includes(METRICS_READ_SCOPE)) return true;
    throw new ForbiddenException(`the query API needs an API key with scope ${METRICS_READ_SCOPE}`);
  }
}
