export { DirectoryErrorCode, DirectoryException } from './directory.exception';
export { DirectoryModule } from './directory.module';
export type { DirectoryUser } from './identity-users.client';
export { ServiceCatalog } from './service-catalog';
export type { CatalogTransaction } from './service-catalog.repository';
export type { CatalogService, ServiceTier } from './service-catalog.rules';
export { UserDirectory } from './user-directory';
