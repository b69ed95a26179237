import {
  Module,
  type DynamicModule,
  type FactoryProvider,
  type MiddlewareConsumer,
  type ModuleMetadata,
  type NestModule,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyExchange } from '../core/api-key-exchange';
import { TokenService, type TokenSettings } from '../core/token-service';
import { CredentialVerifier } from './credential-verifier';
import { AUTH_OPTIONS } from './auth.constants';
import { AuthGuard } from './auth.guard';
import { RequireIdentityMiddleware } from './require-identity.middleware';

export interface AuthModuleOptions {
  imports?: ModuleMetadata['imports'];
  inject?: Array<string | symbol | (abstract new (...args: never[]) => unknown)>;
  useFactory: (...args: never[]) => TokenSettings | Promise<TokenSettings>;
  /** HTTP paths where every request needs a valid token before anything else runs. Default: ['/graphql']. */
  protectedPaths?: string[];
  /**
   * Accept `keel_…` API keys directly (tools that call this service without the gateway, e.g. Prometheus remote
   * write or Grafana): they are exchanged with identity as `serviceName`. Without it, only JWTs are accepted.
   */
  apiKeys?: { identityBaseUrl: string; serviceName: string };
}

function apiKeyExchangeProvider(settings: { identityBaseUrl: string; serviceName: string }): FactoryProvider {
  return {
    provide: ApiKeyExchange,
    useFactory: (tokens: TokenService) => new ApiKeyExchange(tokens, settings.identityBaseUrl, settings.serviceName),
    inject: [TokenService],
  };
}

@Module({})
export class AuthModule implements NestModule {
  private static protectedPaths: string[] = ['/graphql'];

  static forRoot(options: AuthModuleOptions): DynamicModule {
    AuthModule.protectedPaths = options.protectedPaths ?? ['/graphql'];
    return {
      module: AuthModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: AUTH_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        {
          provide: TokenService,
          useFactory: (settings: TokenSettings) => new TokenService(settings),
          inject: [AUTH_OPTIONS],
        },
        ...(options.apiKeys ? [apiKeyExchangeProvider(options.apiKeys)] : []),
        CredentialVerifier,
        { provide: APP_GUARD, useClass: AuthGuard },
        RequireIdentityMiddleware,
      ],
      exports: [TokenService],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    for (const path of AuthModule.protectedPaths) consumer.apply(RequireIdentityMiddleware).forRoutes(path);
  }
}
