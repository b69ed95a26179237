import { Logger } from '@nestjs/common';
import type { TokenService } from '@keel/auth';
import { callerCredential } from './caller-credential';
import { DirectoryErrorCode, DirectoryException } from './directory.exception';
import { ExpiringCache } from './expiring-cache';
import { IdentityLookupError, type DirectoryUser, type IdentityUsersClient } from './identity-users.client';
import { distinct } from './service-names';

/** The name this service signs its own service tokens with. */
export const INCIDENTS_SERVICE = 'incidents';
/** How long a user identity confirmed stays trusted without asking again. */
export const USER_CACHE_TTL_MS = 60_000;
export const USER_CACHE_MAX_ENTRIES = 10_000;

export type UserCheckMode = 'identity' | 'off';

/** `unknown user "u-1"`, `unknown users "u-1", "u-2"`. */
export function unknownUsersMessage(ids: readonly string[]): string {
  const quoted = ids.map((id) => `"${id}"`).join(', ');
  return ids.length === 1 ? `unknown user ${quoted}` : `unknown users ${quoted}`;
}

/** `user "u-1" (alice) is disabled; …`: a disabled user cannot sign in, so cannot respond or own work. */
export function disabledUsersMessage(users: readonly Pick<DirectoryUser, 'id' | 'username'>[]): string {
  const named = users.map((u) => `"${u.id}" (${u.username})`).join(', ');
  return users.length === 1
    ? `user ${named} is disabled and cannot be given new work`
    : `users ${named} are disabled and cannot be given new work`;
}

export interface UserDirectoryOptions {
  mode: UserCheckMode;
  client: IdentityUsersClient;
  tokens: Pick<TokenService, 'issueServiceToken'>;
  now?: () => number;
}

/**
 * Which user ids are users: asks the identity service (`apps/identity`) over HTTP, never its tables. A user seen
 * is cached for a minute (at most 10,000); an unknown id is never cached, so a user created a moment ago is
 * accepted at once. When identity cannot answer, the check refuses rather than letting an id through.
 *
 * The lookup runs with the caller's bearer token when there is a request (any signed-in reader may resolve users
 * at identity), else with a one-minute `incidents` service token.
 */
export class UserDirectory {
  private readonly logger = new Logger(UserDirectory.name);
  private readonly cache: ExpiringCache<DirectoryUser>;

  constructor(private readonly options: UserDirectoryOptions) {
    this.cache = new ExpiringCache(USER_CACHE_TTL_MS, USER_CACHE_MAX_ENTRIES, options.now);
    if (options.mode === 'off') {
      this.logger.warn(
        'INCIDENTS_USER_CHECK=off: user ids are accepted without asking identity. For isolated service tests only.',
      );
    }
  }

  get mode(): UserCheckMode {
    return this.options.mode;
  }

  /**
   * Refuses (BAD_USER_INPUT / UNKNOWN_USER) when any id is not a user, naming every unknown one, then
   * (DISABLED_USER) when any is a disabled user not among `alreadyNamed` — the users the record named before this
   * change, so editing a schedule or a post-mortem does not fail because someone named earlier has left; refuses
   * with USER_CHECK_UNAVAILABLE when identity cannot be asked. Accepts everything when the check is off.
   */
  async assertKnownUsers(ids: readonly string[], options: { alreadyNamed?: readonly string[] } = {}): Promise<void> {
    if (this.options.mode === 'off') return;
    const wanted = distinct(ids);
    if (wanted.length === 0) return;
    const found = await this.lookup(wanted);
    const unknown = wanted.filter((id) => !found.has(id));
    if (unknown.length > 0) {
      throw new DirectoryException(DirectoryErrorCode.UNKNOWN_USER, unknownUsersMessage(unknown), { unknown });
    }
    const kept = new Set(options.alreadyNamed ?? []);
    const disabled = wanted.flatMap((id) => {
      const user = found.get(id);
      return user?.disabled && !kept.has(id) ? [user] : [];
    });
    if (disabled.length > 0) {
      throw new DirectoryException(DirectoryErrorCode.DISABLED_USER, disabledUsersMessage(disabled), {
        disabled: disabled.map((u) => u.id),
      });
    }
  }

  /**
   * The users among `ids`, by id (names for display); an id that is not a user is absent. Empty when the check
   * is off. Refuses with USER_CHECK_UNAVAILABLE when identity cannot be asked.
   */
  async lookup(ids: readonly string[]): Promise<Map<string, DirectoryUser>> {
    const users = new Map<string, DirectoryUser>();
    if (this.options.mode === 'off') return users;
    const missing: string[] = [];
    for (const id of distinct(ids)) {
      const cached = this.cache.get(id);
      if (cached) users.set(id, cached);
      else missing.push(id);
    }
    if (missing.length === 0) return users;
    const fetched = await this.ask(missing);
    for (const [id, user] of fetched) {
      this.cache.set(id, user);
      users.set(id, user);
    }
    return users;
  }

  private async ask(ids: string[]): Promise<Map<string, DirectoryUser>> {
    const { client, tokens } = this.options;
    const credential = callerCredential() ?? tokens.issueServiceToken(INCIDENTS_SERVICE).token;
    try {
      return await client.findUsers(ids, credential);
    } catch (error) {
      if (!(error instanceof IdentityLookupError)) throw error;
      this.logger.error(`cannot check users at identity ${client.baseUrl}: ${error.message}`);
      throw new DirectoryException(
        DirectoryErrorCode.USER_CHECK_UNAVAILABLE,
        unavailableMessage(client.baseUrl, error),
      );
    }
  }
}

function unavailableMessage(baseUrl: string, error: IdentityLookupError): string {
  switch (error.failure) {
    case 'unreachable':
      return `cannot check users: identity at ${baseUrl} unreachable; try again later`;
    case 'refused':
      return `cannot check users: identity at ${baseUrl} refused the lookup`;
    case 'bad_answer':
      return `cannot check users: identity at ${baseUrl} gave no usable answer; try again later`;
  }
}
