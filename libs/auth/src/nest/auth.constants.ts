export const AUTH_OPTIONS = Symbol('KEEL_AUTH_OPTIONS');
/** Routes and resolvers marked public need no role. HTTP routes marked public need no credential at all. */
export const PUBLIC_METADATA = 'keel:public';
export const ROLES_METADATA = 'keel:roles';
export const ALLOW_SERVICES_METADATA = 'keel:allow-services';
/** Optional provider (an AuthRefusalListener) that AuthGuard tells of each refusal; @keel/graphql audits with it. */
export const AUTH_REFUSAL_LISTENER = Symbol('KEEL_AUTH_REFUSAL_LISTENER');
