import {
  Inject,
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor } from '@keel/contracts';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import { KeelError } from '../errors/keel-error';
import { AUDIT_SINK, type AuditRecord, type AuditSink } from './audit-sink';
import { AUDITED_METADATA, type AuditedOptions } from './audited.decorator';
import { redactArguments, toSnakeCase } from './redact';

export const AUDIT_SERVICE_NAME = Symbol('KEEL_AUDIT_SERVICE_NAME');

interface RequestWithIdentity {
  identity?: { type: Actor['type']; id: string; name: string; roles: Actor['roles'] };
}

interface ResolveInfo {
  fieldName: string;
  operation: { operation: string };
  parentType: { name: string };
}

const ANONYMOUS: Actor = { type: 'system', id: 'anonymous', name: 'anonymous', roles: [] };

/**
 * Every GraphQL mutation, successful or not, is written to the audit trail — installed globally by
 * SubgraphModule, so no resolver can forget it. The record is written before the response leaves.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  private readonly logger = new Logger(AuditInterceptor.name);

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUDIT_SINK) private readonly sink: AuditSink,
    @Inject(AUDIT_SERVICE_NAME) private readonly service: string,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType<string>() !== 'graphql') return next.handle();
    const gql = GqlExecutionContext.create(ctx);
    const info = gql.getInfo<ResolveInfo>();
    if (info.operation.operation !== 'mutation' || info.parentType.name !== 'Mutation') return next.handle();

    const options = this.reflector.get<AuditedOptions | undefined>(AUDITED_METADATA, ctx.getHandler()) ?? {};
    const args = gql.getArgs<Record<string, unknown>>();
    const request = gql.getContext<{ req?: RequestWithIdentity }>().req;
    const identity = request?.identity;
    const actor: Actor = identity
      ? { type: identity.type, id: identity.id, name: identity.name, roles: identity.roles }
      : ANONYMOUS;
    const base = {
      action: options.action ?? `${this.service}.${toSnakeCase(info.fieldName)}`,
      actor,
      details: { arguments: redactArguments(args) as Record<string, unknown> },
    };
    const resourceType = options.resource ?? 'mutation';

    return next.handle().pipe(
      mergeMap((result: unknown) =>
        from(
          this.write({
            ...base,
            resource: { type: resourceType, id: options.resourceId?.(args, result) ?? info.fieldName },
            outcome: 'success',
          }).then(() => result),
        ),
      ),
      catchError((error: unknown) =>
        from(
          this.write({
            ...base,
            resource: { type: resourceType, id: options.resourceId?.(args, undefined) ?? info.fieldName },
            outcome: 'failure',
            reason: error instanceof KeelError ? error.code : error instanceof Error ? error.name : 'unknown',
          }),
        ).pipe(mergeMap(() => throwError(() => error))),
      ),
    );
  }

  private async write(entry: AuditRecord): Promise<void> {
    try {
      await this.sink.record(entry);
    } catch (error) {
      // The mutation has already happened; losing its audit record is an operational emergency, not a user error.
      this.logger.error(
        { err: error, action: entry.action, resource: entry.resource },
        'audit record could not be written',
      );
    }
  }
}
