import type { ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Identity } from '../core/identity';

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  identity?: Identity;
}

export function requestOf(ctx: ExecutionContext): AuthenticatedRequest {
  if (ctx.getType<string>() === 'graphql') {
    const gql = GqlExecutionContext.create(ctx).getContext<{ req?: AuthenticatedRequest }>();
    if (!gql.req) throw new Error('GraphQL context has no req: set context: ({ req }) => ({ req })');
    return gql.req;
  }
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>();
}

export function graphqlOperation(ctx: ExecutionContext): 'query' | 'mutation' | 'subscription' | undefined {
  if (ctx.getType<string>() !== 'graphql') return undefined;
  return GqlExecutionContext.create(ctx).getInfo<{ operation: { operation: 'query' | 'mutation' | 'subscription' } }>()
    .operation.operation;
}
