export { ApiKeyExchange } from './core/api-key-exchange';
export type { ExchangedApiKey } from './core/api-key-exchange';
export { API_KEY_SCOPES, generateApiKey, isApiKeyScope, looksLikeApiKey, parseApiKey } from './core/api-keys';
export type { ApiKeyScope, GeneratedApiKey } from './core/api-keys';
export { AuthError } from './core/auth-error';
export type { AuthErrorCode } from './core/auth-error';
export { identityToActor } from './core/identity';
export type { Identity } from './core/identity';
export {
  hashPassword,
  passwordProblem,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  verifyAgainstDecoy,
  verifyPassword,
} from './core/passwords';
export { satisfiesAnyRole, satisfiesRole } from './core/roles';
export { constantTimeEqual, generateOpaqueToken, hashToken } from './core/secrets';
export { bearerCredential, TokenService, tokenSettingsFromEnv } from './core/token-service';
export type { IssuedToken, TokenSettings } from './core/token-service';
export { AUTH_REFUSAL_LISTENER, PUBLIC_METADATA, ROLES_METADATA } from './nest/auth.constants';
export { AllowServices, CurrentIdentity, Public, Roles } from './nest/auth.decorators';
export { ApiAccessGuard, type ApiAccessRule } from './nest/api-access.guard';
export { AuthGuard, type AuthRefusalListener } from './nest/auth.guard';
export { AuthModule } from './nest/auth.module';
export type { AuthModuleOptions } from './nest/auth.module';
