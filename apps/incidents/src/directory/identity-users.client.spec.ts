import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '@keel/testing';
import { IDS_PER_REQUEST, IdentityLookupError, IdentityUsersClient, readUsersReply } from './identity-users.client';

const alice = { __typename: 'User', id: 'a1', username: 'alice', displayName: 'Alice', disabled: false };

function failureOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof IdentityLookupError) return error.failure;
    throw error;
  }
  return undefined;
}

describe('readUsersReply', () => {
  it('maps the entities answered to the ids asked, leaving out the nulls', () => {
    const users = readUsersReply(['a1', 'u-123'], 200, { data: { _entities: [alice, null] } });
    expect([...users.entries()]).toEqual([
      ['a1', { id: 'a1', username: 'alice', displayName: 'Alice', disabled: false }],
    ]);
  });

  it('calls a 401, a 403 or a FORBIDDEN error a refusal', () => {
    expect(failureOf(() => readUsersReply(['a1'], 401, { errors: [{ message: 'no' }] }))).toBe('refused');
    expect(failureOf(() => readUsersReply(['a1'], 403, {}))).toBe('refused');
    const forbidden = { data: null, errors: [{ message: 'not allowed', extensions: { code: 'FORBIDDEN' } }] };
    expect(failureOf(() => readUsersReply(['a1'], 200, forbidden))).toBe('refused');
  });

  it('refuses any answer that does not settle every id', () => {
    const internal = { data: null, errors: [{ message: 'internal error', extensions: { code: 'INTERNAL' } }] };
    expect(failureOf(() => readUsersReply(['a1'], 200, internal))).toBe('bad_answer');
    expect(failureOf(() => readUsersReply(['a1', 'b2'], 200, { data: { _entities: [alice] } }))).toBe('bad_answer');
    expect(failureOf(() => readUsersReply(['b2'], 200, { data: { _entities: [alice] } }))).toBe('bad_answer');
    expect(failureOf(() => readUsersReply(['a1'], 200, { data: { _entities: [{ id: 'a1' }] } }))).toBe('bad_answer');
    expect(failureOf(() => readUsersReply(['a1'], 502, undefined))).toBe('bad_answer');
    expect(failureOf(() => readUsersReply(['a1'], 200, 'not json'))).toBe('bad_answer');
  });
});

describe('IdentityUsersClient over HTTP', () => {
  let server: Server;
  let baseUrl: string;
  const requests: Array<{ authorization: string | undefined; ids: string[] }> = [];

  beforeAll(async () => {
    // A stand-in identity answering the entity lookup: ids starting with "a" are users.
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const parsed = JSON.parse(body) as { variables: { representations: Array<{ id: string }> } };
        const ids = parsed.variables.representations.map((r) => r.id);
        requests.push({ authorization: request.headers.authorization, ids });
        const entities = ids.map((id) =>
          id.startsWith('a') ? { id, username: `user-${id}`, displayName: id, disabled: false } : null,
        );
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ data: { _entities: entities } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts the ids with the bearer token, in requests of at most IDS_PER_REQUEST ids', async () => {
    const ids = Array.from({ length: IDS_PER_REQUEST + 5 }, (_, i) => (i % 2 === 0 ? `a${i}` : `x${i}`));
    const found = await new IdentityUsersClient(baseUrl).findUsers(ids, 'tok');
    expect([...found.keys()]).toEqual(ids.filter((id) => id.startsWith('a')));
    expect(found.get('a0')?.username).toBe('user-a0');
    expect(requests.map((r) => r.ids.length)).toEqual([IDS_PER_REQUEST, 5]);
    expect(requests.every((r) => r.authorization === 'Bearer tok')).toBe(true);
  });

  it('says unreachable when nothing listens at the base URL', async () => {
    const client = new IdentityUsersClient(`http://127.0.0.1:${await freePort()}`);
    await expect(client.findUsers(['a1'], 'tok')).rejects.toMatchObject({ failure: 'unreachable' });
  });
});
