import { HttpException, Inject, Injectable, Logger, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Actor } from '@keel/contracts';
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

/** The audit record of one root mutation call, written once its outcome is known. */
export interface MutationAuditEntry {
  success(result: unknown): Promise<void>;
  failure(error: unknown): Promise<void>;
}

/**
 * Why a mutation failed, as its audit record says: the KeelError code, UNAUTHENTICATED or FORBIDDEN for the
 * auth guard's refusals (the GraphQL codes the client sees), else the error's name.
 */
export function auditFailureReason(error: unknown): string {
  if (error instanceof KeelError) return error.code;
  if (error instanceof HttpException) {
    if (error.getStatus() === 401) return 'UNAUTHENTICATED';
    if (error.getStatus() === 403) return 'FORBIDDEN';
  }
  return error instanceof Error ? error.name : 'unknown';
}

/**
 * Builds the audit record of a root GraphQL mutation from its execution context — action and resource from
 * @Audited, the caller on the request (or `anonymous`), the redacted arguments — for the AuditInterceptor (calls
 * that reach the resolver) and AuditedRefusals (calls the auth guard refused) alike.
 */
@Injectable()
export class MutationAudit {
  private readonly logger = new Logger(MutationAudit.name);

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUDIT_SINK) private readonly sink: AuditSink,
    @Inject(AUDIT_SERVICE_NAME) private readonly service: string,
  ) {}

  /** The entry of this call, or undefined when it is not a root mutation field. */
  of(ctx: ExecutionContext): MutationAuditEntry | undefined {
    if (ctx.getType<string>() !== 'graphql') return undefined;
    const gql = GqlExecutionContext.create(ctx);
    const info = gql.getInfo<ResolveInfo>();
    if (info.operation.operation !== 'mutation' || info.parentType.name !== 'Mutation') return undefined;

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
    return {
      success: (result) =>
        this.write({
          ...base,
          resource: { type: resourceType, id: options.resourceId?.(args, result) ?? info.fieldName },
          outcome: 'success',
        }),
      failure: (error) =>
        this.write({
          ...base,
          resource: { type: resourceType, id: options.resourceId?.(args, undefined) ?? info.fieldName },
          outcome: 'failure',
          reason: auditFailureReason(error),
        }),
    };
  }

  private async write(entry: AuditRecord): Promise<void> {
    try {
      await this.sink.record(entry);
    } catch (error) {
      // The outcome is final either way; losing its audit record is an operational emergency, not a user error.
      this.logger.error(
        { err: error, action: entry.action, resource: entry.resource },
        'audit record could not be written',
      );
    }
  }
}
