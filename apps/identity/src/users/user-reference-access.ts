import { satisfiesRole, type Identity } from '@keel/auth';

/**
 * Keel's services that may resolve `User` references with their own service token: the incidents service checks
 * the user ids it is given when no caller's token is at hand (Kafka consumers, workers). Not the gateway: its token
 * stands for anonymous sign-ins.
 */
export const USER_LOOKUP_SERVICES: readonly string[] = ['incidents'];

/**
 * Who may resolve `User` references (federation's `_entities`), or why not. @nestjs/graphql runs no guards on a
 * reference resolver, so this is the rule the global AuthGuard would apply to a query (a viewer, an API key with
 * graphql:read as well), plus the services above; the admin queries `user(id)` and `users` stay admin only.
 */
export function userReferenceRefusal(identity: Identity | undefined): string | undefined {
  if (!identity) return 'resolving users needs a signed-in caller';
  switch (identity.type) {
    case 'service':
      return USER_LOOKUP_SERVICES.includes(identity.id)
        ? undefined
        : `the ${identity.id} service may not resolve users (only ${USER_LOOKUP_SERVICES.join(', ')})`;
    case 'api_key':
      if (!identity.scopes.includes('graphql:read')) return 'resolving users needs an API key with scope graphql:read';
      break;
    case 'user':
      break;
  }
  return satisfiesRole(identity.roles, 'viewer') ? undefined : 'resolving users needs the viewer role';
}
