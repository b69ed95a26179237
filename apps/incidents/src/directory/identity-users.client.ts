/** A user as the directory knows it: what identity answers about the id. */
export interface DirectoryUser {
  id: string;
  username: string;
  displayName: string;
  /** A disabled user cannot sign in; it is still a known user. */
  disabled: boolean;
}

export type IdentityLookupFailure = 'unreachable' | 'refused' | 'bad_answer';

/** Why identity could not say which users exist; `detail` is for the log, not for the client. */
export class IdentityLookupError extends Error {
  constructor(
    readonly failure: IdentityLookupFailure,
    readonly detail: string,
  ) {
    super(`${failure}: ${detail}`);
    this.name = 'IdentityLookupError';
  }
}

/**
 * Federation's entity lookup, which the gateway also uses to resolve `User` references: one request for many ids,
 * answering null for an id that is not a user. Identity lets any signed-in reader (viewer and up) ask it.
 */
export const USERS_BY_ID_QUERY =
  'query DirectoryUsersById($representations: [_Any!]!) { _entities(representations: $representations) ' +
  '{ ... on User { id username displayName disabled } } }';

/** Ids per request: identity resolves each representation on its own; this bounds one request's work. */
export const IDS_PER_REQUEST = 100;

interface GraphQLBody {
  data?: { _entities?: unknown } | null;
  errors?: Array<{ message?: unknown; extensions?: { code?: unknown } }>;
}

function isUser(value: unknown): value is DirectoryUser {
  if (typeof value !== 'object' || value === null) return false;
  const user = value as Record<string, unknown>;
  return (
    typeof user['id'] === 'string' &&
    typeof user['username'] === 'string' &&
    typeof user['displayName'] === 'string' &&
    typeof user['disabled'] === 'boolean'
  );
}

/**
 * Reads identity's answer for `ids` (in request order): the users found by id. Throws IdentityLookupError when the
 * answer does not say, one way or the other, for every id (refused, an error, a malformed body).
 */
export function readUsersReply(ids: readonly string[], status: number, body: unknown): Map<string, DirectoryUser> {
  const reply = (typeof body === 'object' && body !== null ? body : {}) as GraphQLBody;
  const codes = (reply.errors ?? []).map((e) => String(e.extensions?.code ?? 'error'));
  if (status === 401 || status === 403 || codes.includes('UNAUTHENTICATED') || codes.includes('FORBIDDEN')) {
    throw new IdentityLookupError('refused', `HTTP ${status}${codes.length > 0 ? ` (${codes.join(', ')})` : ''}`);
  }
  if (codes.length > 0) {
    const messages = (reply.errors ?? []).map((e) => String(e.message ?? '')).join('; ');
    throw new IdentityLookupError('bad_answer', `HTTP ${status}, errors ${codes.join(', ')}: ${messages}`);
  }
  const entities = reply.data?._entities;
  if (status !== 200 || !Array.isArray(entities) || entities.length !== ids.length) {
    throw new IdentityLookupError('bad_answer', `HTTP ${status} without one entity per id`);
  }
  const users = new Map<string, DirectoryUser>();
  entities.forEach((entity: unknown, index) => {
    if (entity === null) return;
    const id = ids[index];
    if (!isUser(entity) || entity.id !== id) {
      throw new IdentityLookupError('bad_answer', `entity ${index} is not the user "${id ?? ''}"`);
    }
    users.set(id, {
      id: entity.id,
      username: entity.username,
      displayName: entity.displayName,
      disabled: entity.disabled,
    });
  });
  return users;
}

/** Asks identity's GraphQL endpoint which of the ids are users, with the given bearer token. */
export class IdentityUsersClient {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 5_000,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async findUsers(ids: readonly string[], credential: string): Promise<Map<string, DirectoryUser>> {
    const found = new Map<string, DirectoryUser>();
    for (let start = 0; start < ids.length; start += IDS_PER_REQUEST) {
      const chunk = ids.slice(start, start + IDS_PER_REQUEST);
      for (const [id, user] of await this.request(chunk, credential)) found.set(id, user);
    }
    return found;
  }

  private async request(ids: readonly string[], credential: string): Promise<Map<string, DirectoryUser>> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl.replace(/\/+$/, '')}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
        body: JSON.stringify({
          query: USERS_BY_ID_QUERY,
          variables: { representations: ids.map((id) => ({ __typename: 'User', id })) },
        }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: unknown } }).cause?.code;
      const reason = error instanceof Error ? error.message : String(error);
      throw new IdentityLookupError('unreachable', typeof cause === 'string' ? `${reason} (${cause})` : reason);
    }
    const body: unknown = await response.json().catch(() => undefined);
    return readUsersReply(ids, response.status, body);
  }
}
