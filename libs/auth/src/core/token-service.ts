import { createSecretKey, type KeyObject } from 'node:crypto';
import { Role } from '@keel/contracts';
import jwt from 'jsonwebtoken';
import { AuthError } from './auth-error';
import type { Identity } from './identity';

export interface TokenSettings {
  secret: string;
  issuer: string;
  accessTtlSeconds: number;
}

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

const AUDIENCE = 'keel';
const ALGORITHM = 'HS256';
const SERVICE_TTL_SECONDS = 60;
const IDENTITY_TYPES = new Set<Identity['type']>(['user', 'api_key', 'service', 'system']);

interface Claims {
  sub: string;
  typ: Identity['type'];
  name: string;
  roles: string[];
  scopes?: string[];
}

/**
 * Short-lived access tokens (JWT, HS256 only). Every Keel service verifies them with the shared secret, so the
 * gateway's check is repeated by each subgraph. `alg: none`, other algorithms, a wrong issuer or audience,
 * an expired token or a token without expiry are all refused with the same message.
 */
export class TokenService {
  /**
   * The secret as a KeyObject, made once: given a string, jsonwebtoken first tries to parse it as a PEM public
   * key on every call, and that failed parse cost more than the rest of a request's authentication.
   */
  private readonly key: KeyObject;

  constructor(private readonly settings: TokenSettings) {
    if (settings.secret.length < 32) throw new Error('token secret must have at least 32 characters');
    this.key = createSecretKey(Buffer.from(settings.secret, 'utf8'));
  }

  issueAccessToken(identity: Identity, ttlSeconds = this.settings.accessTtlSeconds): IssuedToken {
    const claims: Claims = { sub: identity.id, typ: identity.type, name: identity.name, roles: identity.roles };
    if (identity.scopes.length > 0) claims.scopes = identity.scopes;
    const token = jwt.sign(claims, this.key, {
      algorithm: ALGORITHM,
      expiresIn: ttlSeconds,
      issuer: this.settings.issuer,
      audience: AUDIENCE,
    });
    return { token, expiresAt: new Date(Date.now() + ttlSeconds * 1000) };
  }

  /** A token naming one of Keel's own services, with no role, valid for a minute. */
  issueServiceToken(service: string): IssuedToken {
    return this.issueAccessToken(
      { type: 'service', id: service, name: service, roles: [], scopes: [] },
      SERVICE_TTL_SECONDS,
    );
  }

  verifyAccessToken(token: string): Identity {
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.settings.issuer,
        audience: AUDIENCE,
      });
    } catch {
      throw new AuthError('UNAUTHENTICATED', 'invalid or expired token');
    }
    if (typeof payload === 'string' || typeof payload.exp !== 'number') {
      throw new AuthError('UNAUTHENTICATED', 'invalid or expired token');
    }
    return toIdentity(payload);
  }
}

function toIdentity(payload: jwt.JwtPayload): Identity {
  const { sub, typ, name, roles, scopes } = payload as Partial<Claims>;
  const validRoles = Array.isArray(roles) ? roles.filter((r): r is Role => Role.safeParse(r).success) : [];
  if (
    typeof sub !== 'string' ||
    !typ ||
    !IDENTITY_TYPES.has(typ) ||
    typeof name !== 'string' ||
    validRoles.length !== (roles?.length ?? 0)
  ) {
    throw new AuthError('UNAUTHENTICATED', 'invalid or expired token');
  }
  return {
    type: typ,
    id: sub,
    name,
    roles: validRoles,
    scopes: Array.isArray(scopes) ? scopes.filter((s) => typeof s === 'string') : [],
  };
}

/** Reads `Authorization: Bearer <credential>`; undefined when absent or not a bearer credential. */
export function bearerCredential(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return match?.[1];
}

/** The token settings of a service, from the variables of @keel/config's `authEnv`. */
export function tokenSettingsFromEnv(env: {
  JWT_SECRET: string;
  JWT_ISSUER: string;
  JWT_ACCESS_TTL_SECONDS: number;
}): TokenSettings {
  return { secret: env.JWT_SECRET, issuer: env.JWT_ISSUER, accessTtlSeconds: env.JWT_ACCESS_TTL_SECONDS };
}
