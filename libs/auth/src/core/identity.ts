import type { Actor, Role } from '@keel/contracts';

/** Who is calling: a person (user), an external system (api_key) or one of Keel's own services (service). */
export interface Identity {
  type: Actor['type'];
  id: string;
  name: string;
  roles: Role[];
  /** API keys carry scopes; users and services carry none. */
  scopes: string[];
}

export function identityToActor(identity: Identity): Actor {
  return { type: identity.type, id: identity.id, name: identity.name, roles: [...identity.roles] };
}
