import { runWithCallerCredential } from './caller-credential';
import { DirectoryErrorCode, DirectoryException } from './directory.exception';
import { IdentityLookupError, IdentityUsersClient, type DirectoryUser } from './identity-users.client';
import { disabledUsersMessage, unknownUsersMessage, UserDirectory, USER_CACHE_TTL_MS } from './user-directory';

/** An identity of users held in memory, counting what it is asked and with which credential. */
class InMemoryIdentity extends IdentityUsersClient {
  readonly users = new Map<string, DirectoryUser>();
  readonly asked: Array<{ ids: readonly string[]; credential: string }> = [];
  failure: IdentityLookupError | null = null;

  constructor() {
    super('http://identity.test:4101');
  }

  add(id: string, username: string, disabled = false): void {
    this.users.set(id, { id, username, displayName: username, disabled });
  }

  override async findUsers(ids: readonly string[], credential: string): Promise<Map<string, DirectoryUser>> {
    this.asked.push({ ids, credential });
    if (this.failure) throw this.failure;
    return new Map(ids.flatMap((id) => (this.users.has(id) ? [[id, this.users.get(id) as DirectoryUser]] : [])));
  }
}

const tokens = { issueServiceToken: (service: string) => ({ token: `service:${service}`, expiresAt: new Date() }) };

async function refusal(work: Promise<unknown>): Promise<DirectoryException> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DirectoryException) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('UserDirectory', () => {
  let identity: InMemoryIdentity;
  let now: number;
  let directory: UserDirectory;

  beforeEach(() => {
    identity = new InMemoryIdentity();
    identity.add('u-alice', 'alice');
    identity.add('u-bob', 'bob');
    now = 0;
    directory = new UserDirectory({ mode: 'identity', client: identity, tokens, now: () => now });
  });

  it('refuses disabled users named anew, naming each, but keeps those the record already named', async () => {
    identity.add('u-carol', 'carol', true);
    identity.add('u-dan', 'dan', true);
    const one = await refusal(directory.assertKnownUsers(['u-alice', 'u-carol']));
    expect([one.code, one.message, one.details]).toEqual([
      DirectoryErrorCode.DISABLED_USER,
      'user "u-carol" (carol) is disabled and cannot be given new work',
      { disabled: ['u-carol'] },
    ]);
    const both = await refusal(directory.assertKnownUsers(['u-dan', 'u-carol'], { alreadyNamed: ['u-alice'] }));
    expect(both.message).toBe('users "u-dan" (dan), "u-carol" (carol) are disabled and cannot be given new work');
    await expect(
      directory.assertKnownUsers(['u-alice', 'u-carol'], { alreadyNamed: ['u-carol'] }),
    ).resolves.toBeUndefined();
    // Unknown users are named first: an id that is no user at all is the bigger mistake.
    const unknown = await refusal(directory.assertKnownUsers(['u-carol', 'u-404']));
    expect([unknown.code, unknown.message]).toEqual([DirectoryErrorCode.UNKNOWN_USER, 'unknown user "u-404"']);
    expect(disabledUsersMessage([{ id: 'u-x', username: 'x' }])).toBe(
      'user "u-x" (x) is disabled and cannot be given new work',
    );
  });

  it('words the refusal for one and for several users', () => {
    expect(unknownUsersMessage(['u-123'])).toBe('unknown user "u-123"');
    expect(unknownUsersMessage(['u-1', 'u-2'])).toBe('unknown users "u-1", "u-2"');
  });

  it('accepts known users and refuses by name every unknown one, once each', async () => {
    await expect(directory.assertKnownUsers(['u-alice', 'u-bob', 'u-alice'])).resolves.toBeUndefined();
    const refused = await refusal(directory.assertKnownUsers(['u-alice', 'u-123', 'u-9', 'u-123']));
    expect(refused.message).toBe('unknown users "u-123", "u-9"');
    expect(refused.code).toBe(DirectoryErrorCode.UNKNOWN_USER);
    expect(refused.category).toBe('BAD_USER_INPUT');
    expect(refused.details).toEqual({ unknown: ['u-123', 'u-9'] });
  });

  it('asks nothing for an empty list', async () => {
    await directory.assertKnownUsers([]);
    expect(identity.asked).toEqual([]);
  });

  it('caches known users for a minute and never caches an unknown one', async () => {
    await directory.assertKnownUsers(['u-alice']);
    await expect(directory.assertKnownUsers(['u-new'])).rejects.toThrow('unknown user "u-new"');
    identity.add('u-new', 'newcomer');
    now = 1_000;
    // alice comes from the cache; the newcomer, refused a second ago, is asked again and accepted.
    await directory.assertKnownUsers(['u-alice', 'u-new']);
    expect(identity.asked.map((a) => a.ids)).toEqual([['u-alice'], ['u-new'], ['u-new']]);
    now = USER_CACHE_TTL_MS + 1;
    await directory.assertKnownUsers(['u-alice']);
    expect(identity.asked.at(-1)?.ids).toEqual(['u-alice']);
  });

  it('looks up names of the known users only', async () => {
    const found = await directory.lookup(['u-bob', 'u-ghost']);
    expect([...found.values()].map((u) => u.username)).toEqual(['bob']);
  });

  it("asks with the caller's token inside a request, with an incidents service token outside", async () => {
    await runWithCallerCredential('caller-jwt', () => directory.lookup(['u-alice']));
    await directory.lookup(['u-bob']);
    expect(identity.asked.map((a) => a.credential)).toEqual(['caller-jwt', 'service:incidents']);
  });

  it('refuses when identity cannot answer, saying where it asked, and lets nobody through', async () => {
    identity.failure = new IdentityLookupError('unreachable', 'fetch failed (ECONNREFUSED)');
    const refused = await refusal(directory.assertKnownUsers(['u-alice']));
    expect(refused.message).toBe(
      'cannot check users: identity at http://identity.test:4101 unreachable; try again later',
    );
    expect(refused.code).toBe(DirectoryErrorCode.USER_CHECK_UNAVAILABLE);
    identity.failure = new IdentityLookupError('refused', 'HTTP 403');
    expect((await refusal(directory.lookup(['u-bob']))).message).toBe(
      'cannot check users: identity at http://identity.test:4101 refused the lookup',
    );
  });

  it('accepts anything and asks nobody when the check is off', async () => {
    const off = new UserDirectory({ mode: 'off', client: identity, tokens });
    await off.assertKnownUsers(['u-anyone']);
    expect((await off.lookup(['u-alice'])).size).toBe(0);
    expect(identity.asked).toEqual([]);
    expect(off.mode).toBe('off');
  });
});
