import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@keel/contracts';
import { ALLOW_SERVICES_METADATA, PUBLIC_METADATA, ROLES_METADATA } from './auth.constants';
import { requestOf } from './request-of';
import type { Identity } from '../core/identity';

/**
 * HTTP: no credential needed (health, metrics). GraphQL: no role needed, but the HTTP layer still requires a
 * valid token — for anonymous operations such as `login` the gateway forwards its own service token.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_METADATA, true);

/** The caller needs at least one of these roles (see satisfiesRole). Without @Roles a handler needs `viewer`. */
export const Roles = (...roles: Role[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_METADATA, roles);

/** Lets Keel's own services (service tokens, which carry no role) call this handler. */
export const AllowServices = (): MethodDecorator & ClassDecorator => SetMetadata(ALLOW_SERVICES_METADATA, true);

/** The verified caller of the current request. */
export const CurrentIdentity = createParamDecorator((_data: unknown, ctx: ExecutionContext): Identity | undefined => {
  return requestOf(ctx).identity;
});
