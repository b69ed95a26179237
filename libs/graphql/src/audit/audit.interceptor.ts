import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { AuthRefusalListener } from '@keel/auth';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import { MutationAudit } from './mutation-audit';

/**
 * Every GraphQL mutation, successful or not, is written to the audit trail — installed globally by
 * SubgraphModule, so no resolver can forget it. The record is written before the response leaves. Guards run
 * before interceptors: a mutation the auth guard refuses is recorded by AuditedRefusals instead.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly audit: MutationAudit) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const entry = this.audit.of(ctx);
    if (!entry) return next.handle();
    return next.handle().pipe(
      mergeMap((result: unknown) => from(entry.success(result).then(() => result))),
      catchError((error: unknown) => from(entry.failure(error)).pipe(mergeMap(() => throwError(() => error)))),
    );
  }
}

/**
 * Records the mutations AuthGuard refuses (UNAUTHENTICATED, FORBIDDEN) as failures, with the caller the guard
 * identified; provided by SubgraphModule as the AuthGuard's AUTH_REFUSAL_LISTENER.
 */
@Injectable()
export class AuditedRefusals implements AuthRefusalListener {
  constructor(private readonly audit: MutationAudit) {}

  async refused(ctx: ExecutionContext, refusal: Error): Promise<void> {
    await this.audit.of(ctx)?.failure(refusal);
  }
}
