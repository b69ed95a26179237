import {
  applyDecorators,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AllowServices, type Identity } from '@keel/auth';

const ONLY_SERVICES_METADATA = 'identity:only-services';

/**
 * Runs after the global AuthGuard, which has verified the token and put the identity on the request: lets
 * through only the named Keel services (service tokens), never users or API keys.
 */
@Injectable()
export class OnlyServicesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const allowed = this.reflector.getAllAndOverride<string[] | undefined>(ONLY_SERVICES_METADATA, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    const identity = ctx.switchToHttp().getRequest<{ identity?: Identity }>().identity;
    if (allowed && identity?.type === 'service' && allowed.includes(identity.id)) return true;
    throw new ForbiddenException(`only the ${(allowed ?? []).join(', ')} service may call this endpoint`);
  }
}

/** An internal HTTP endpoint for the named services' tokens only. */
export function OnlyServices(...services: string[]): MethodDecorator & ClassDecorator {
  return applyDecorators(AllowServices(), SetMetadata(ONLY_SERVICES_METADATA, services), UseGuards(OnlyServicesGuard));
}
