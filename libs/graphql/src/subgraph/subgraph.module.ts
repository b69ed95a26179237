import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { Logger, Module, type DynamicModule, type FactoryProvider } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AUTH_REFUSAL_LISTENER } from '@keel/auth';
import { AuditedRefusals, AuditInterceptor } from '../audit/audit.interceptor';
import { AUDIT_SINK, type AuditSink } from '../audit/audit-sink';
import { AUDIT_SERVICE_NAME, MutationAudit } from '../audit/mutation-audit';
import { createFormatError } from '../errors/format-error';
import { KeelErrorFilter } from '../errors/keel-error.filter';

export interface SubgraphModuleOptions {
  /** Service name, used in audit action names (`<service>.<mutation>`). */
  service: string;
  /** Introspection and detailed request errors are off in production. */
  production: boolean;
  /** Where audit records go (normally KafkaAuditSink from this lib): a factory and what it injects. */
  auditSink: { useFactory: (...deps: never[]) => AuditSink; inject?: FactoryProvider['inject'] };
}

/**
 * The Apollo Federation 2 link every subgraph declares, and the directives it imports. @nestjs/graphql 14 would
 * link v2.14 and import its newer directives (@authenticated, @cost, …), which The Guild's composition does not
 * accept yet; v2.3 has everything Keel uses.
 */
export const FEDERATION_LINK = 'https://specs.apollo.dev/federation/v2.3';
const FEDERATION_DIRECTIVES = [
  '@key',
  '@shareable',
  '@inaccessible',
  '@override',
  '@external',
  '@provides',
  '@requires',
  '@tag',
  '@extends',
  '@composeDirective',
  '@interfaceObject',
];

/**
 * A code-first Apollo Federation subgraph at POST /graphql, the same in every service: auth context,
 * one error mapping, every mutation audited — by the global AuditInterceptor when it reaches its resolver, and
 * through AuthGuard's refusal listener (exported globally, hence a global module) when the guard refuses it.
 * The SDL is kept in memory; `printSubgraphSdl` prints it for the committed `schema.graphql` and its staleness
 * check.
 */
@Module({})
export class SubgraphModule {
  static forRoot(options: SubgraphModuleOptions): DynamicModule {
    const logger = new Logger(`GraphQL:${options.service}`);
    return {
      module: SubgraphModule,
      global: true,
      imports: [
        GraphQLModule.forRoot<ApolloFederationDriverConfig>({
          driver: ApolloFederationDriver,
          path: '/graphql',
          autoSchemaFile: { federation: { version: 2, importUrl: FEDERATION_LINK, directives: FEDERATION_DIRECTIVES } },
          sortSchema: true,
          introspection: !options.production,
          includeStacktraceInErrorResponses: false,
          csrfPrevention: true,
          context: ({ req }: { req: unknown }) => ({ req }),
          formatError: createFormatError({ error: (object, message) => logger.error(object, message) }),
        }),
      ],
      providers: [
        { provide: AUDIT_SERVICE_NAME, useValue: options.service },
        { provide: AUDIT_SINK, useFactory: options.auditSink.useFactory, inject: options.auditSink.inject ?? [] },
        MutationAudit,
        { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
        { provide: AUTH_REFUSAL_LISTENER, useClass: AuditedRefusals },
        { provide: APP_FILTER, useClass: KeelErrorFilter },
      ],
      exports: [AUTH_REFUSAL_LISTENER],
    };
  }
}
