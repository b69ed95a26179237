import { Global, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { TokenService } from '@keel/auth';
import { INCIDENTS_CONFIG, type IncidentsConfig } from '../config';
import { CallerCredentialMiddleware } from './caller-credential';
import { IdentityUsersClient } from './identity-users.client';
import { ServiceCatalog } from './service-catalog';
import { ServiceCatalogRepository } from './service-catalog.repository';
import { ServiceCatalogResolver } from './service-catalog.resolver';
import { UserDirectory } from './user-directory';

/**
 * The directory every feature checks names against: `UserDirectory` (users, at the identity service) and
 * `ServiceCatalog` (table `services`). Global, so incidents, on-call, runbooks and the alert intake inject them
 * without importing this module.
 */
@Global()
@Module({
  providers: [
    {
      provide: UserDirectory,
      useFactory: (config: IncidentsConfig, tokens: TokenService) =>
        new UserDirectory({
          mode: config.INCIDENTS_USER_CHECK,
          client: new IdentityUsersClient(config.IDENTITY_BASE_URL),
          tokens,
        }),
      inject: [INCIDENTS_CONFIG, TokenService],
    },
    ServiceCatalogRepository,
    ServiceCatalog,
    ServiceCatalogResolver,
    CallerCredentialMiddleware,
  ],
  exports: [UserDirectory, ServiceCatalog],
})
export class DirectoryModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(CallerCredentialMiddleware).forRoutes('/graphql');
  }
}
