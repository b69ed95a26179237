import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '@keel/testing';
import { startIncidentsTestApp, TEST_USERS, testUser, type IncidentsTestApp } from '../test/incidents-test-env';

const { admin, responder } = TEST_USERS;

// The check against a live identity service is e2e/incidents-directory.e2e-spec.ts; here identity is down, or a
// stand-in on 127.0.0.1 answers the directory's federation lookup for a fixed set of users.
describe('user directory with identity unreachable (PostgreSQL, HTTP)', () => {
  let env: IncidentsTestApp;
  let identityUrl: string;

  beforeAll(async () => {
    identityUrl = `http://127.0.0.1:${await freePort()}`;
    env = await startIncidentsTestApp('incidents_userdir', {
      INCIDENTS_USER_CHECK: 'identity',
      IDENTITY_BASE_URL: identityUrl,
      INCIDENTS_ALERTS_CONSUMER: 'false',
    });
  });

  afterAll(async () => {
    await env?.stop();
  });

  it('refuses to save a schedule naming users it cannot check, and stores nothing', async () => {
    const reply = await env.graphql(
      `mutation { saveOncallSchedule(input: { name: "ops", timeZone: "UTC", layers: [{ participants: ["u-alice"],
          rotation: DAILY, handoffTime: "09:00", start: "2026-03-01T09:00:00Z" }] }) { id } }`,
      admin,
    );
    expect(reply.errors?.[0]?.message).toBe(
      `cannot check users: identity at ${identityUrl} unreachable; try again later`,
    );
    expect(reply.errors?.[0]?.extensions).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      reason: 'USER_CHECK_UNAVAILABLE',
    });
    const stored = await env.graphql<{ oncallSchedules: unknown[] }>('{ oncallSchedules { name } }', admin);
    expect(stored.data?.oncallSchedules).toEqual([]);
  });
});

/**
 * Answers `_entities` for User representations as identity does: the user for a known id, null otherwise. Records
 * the ids asked and the bearer tokens presented.
 */
class IdentityStandIn {
  readonly asked: string[] = [];
  readonly credentials: string[] = [];
  private readonly server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      this.credentials.push(String(req.headers.authorization ?? ''));
      const { variables } = JSON.parse(body) as { variables: { representations: Array<{ id: string }> } };
      const entities = variables.representations.map(({ id }) => {
        this.asked.push(id);
        const disabled = this.disabled.has(id);
        return this.known.has(id) ? { id, username: id.slice(2), displayName: id.slice(2), disabled } : null;
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { _entities: entities } }));
    });
  });

  constructor(
    private readonly known: ReadonlySet<string>,
    private readonly disabled: ReadonlySet<string> = new Set(),
  ) {}

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('users named by escalation policies, contact methods and post-mortems (PostgreSQL, HTTP)', () => {
  // u-dora and u-erin have been disabled at identity (they left).
  const known = new Set([admin.id, responder.id, 'u-alice', 'u-bob', 'u-dora', 'u-erin']);
  const identity = new IdentityStandIn(known, new Set(['u-dora', 'u-erin']));
  let env: IncidentsTestApp;

  const q = (value: string): string => JSON.stringify(value);

  async function refusal(query: string, who = admin) {
    const reply = await env.graphql(query, who);
    expect(reply.data ?? null).toBeNull();
    return { message: reply.errors?.[0]?.message, ...reply.errors?.[0]?.extensions };
  }

  async function ok<T>(query: string, who = admin): Promise<T> {
    const reply = await env.graphql<T>(query, who);
    expect(reply.errors).toBeUndefined();
    if (!reply.data) throw new Error(`no data for ${query.slice(0, 60)}`);
    return reply.data;
  }

  beforeAll(async () => {
    const identityUrl = await identity.start();
    env = await startIncidentsTestApp('incidents_userdir_named', {
      INCIDENTS_USER_CHECK: 'identity',
      IDENTITY_BASE_URL: identityUrl,
      INCIDENTS_ALERTS_CONSUMER: 'false',
      INCIDENTS_ESCALATION_WORKER: 'false',
    });
  });

  afterAll(async () => {
    await env?.stop();
    await identity.stop();
  });

  it('refuses an escalation policy targeting unknown users, naming each, and stores nothing', async () => {
    const policy = (targets: string) =>
      `mutation { saveEscalationPolicy(input: { id: "default", name: "Primary", levels: [
         { targets: [${targets}], delayMinutes: 5 } { targets: [{ userId: "u-ghost" }, { userId: "u-alice" }], delayMinutes: 10 }
       ] }) { id version } }`;
    expect(await refusal(policy('{ userId: "u-bob" }, { userId: "u-nobody" }'))).toMatchObject({
      message: 'unknown users "u-nobody", "u-ghost"',
      code: 'BAD_USER_INPUT',
      reason: 'UNKNOWN_USER',
      unknown: ['u-nobody', 'u-ghost'],
    });
    expect((await ok<{ escalationPolicies: unknown[] }>('{ escalationPolicies { id } }')).escalationPolicies).toEqual(
      [],
    );
    // The lookup ran with the caller's own token, as the gateway forwarded it.
    expect(identity.credentials.at(-1)).toMatch(/^Bearer ey/);

    const saved = await ok<{ saveEscalationPolicy: { id: string; version: number } }>(
      `mutation { saveEscalationPolicy(input: { id: "default", name: "Primary", levels: [
         { targets: [{ userId: "u-bob" }, { userId: "u-alice" }], delayMinutes: 5 }
       ] }) { id version } }`,
    );
    expect(saved.saveEscalationPolicy).toEqual({ id: 'default', version: 1 });
  });

  it('keeps a disabled user the policy already named through an edit, and refuses naming a disabled user anew', async () => {
    const policy = (name: string, targets: string[], version: number | null) =>
      `mutation { saveEscalationPolicy(${version === null ? '' : `expectedVersion: ${version}, `}input: {
         id: "leavers", name: ${q(name)},
         levels: [{ targets: [${targets.map((t) => `{ userId: ${q(t)} }`).join(' ')}], delayMinutes: 5 }] }) { version } }`;
    expect(await refusal(policy('Leavers', ['u-alice', 'u-dora'], null))).toMatchObject({
      message: 'user "u-dora" (dora) is disabled and cannot be given new work',
      code: 'BAD_USER_INPUT',
      reason: 'DISABLED_USER',
      disabled: ['u-dora'],
    });
    await ok(policy('Leavers', ['u-alice'], null));
    // As if u-dora had been named while still active and left since: the policy names her.
    const db = await env.database();
    await db.query(`UPDATE escalation_policies SET document = replace(document::text, 'u-alice', 'u-dora')::jsonb
                     WHERE id = 'leavers'`);
    const renamed = await ok<{ saveEscalationPolicy: { version: number } }>(policy('Leavers (old)', ['u-dora'], 1));
    expect(renamed.saveEscalationPolicy.version).toBe(2);
    expect(await refusal(policy('Leavers', ['u-dora', 'u-erin'], 2))).toMatchObject({
      message: 'user "u-erin" (erin) is disabled and cannot be given new work',
      reason: 'DISABLED_USER',
    });
  });

  it("refuses an admin setting an unknown user's contact methods; a user's own need no lookup", async () => {
    expect(await refusal('mutation { setContactMethods(userId: "u-ghost", methods: []) { kind } }')).toMatchObject({
      message: 'unknown user "u-ghost"',
      reason: 'UNKNOWN_USER',
    });
    expect(
      (
        await ok<{ setContactMethods: unknown[] }>(
          'mutation { setContactMethods(userId: "u-bob", methods: []) { kind } }',
        )
      ).setContactMethods,
    ).toEqual([]);

    // Someone identity does not know signs in with a token of this deployment: their own list is theirs to set.
    const asked = identity.asked.length;
    const newcomer = testUser('u-newcomer', 'nina', ['viewer']);
    expect(
      (await ok<{ setContactMethods: unknown[] }>('mutation { setContactMethods(methods: []) { kind } }', newcomer))
        .setContactMethods,
    ).toEqual([]);
    expect(identity.asked.length).toBe(asked);
  });

  it('refuses unknown post-mortem owners, reviewers and action item owners by name', async () => {
    const declared = await ok<{ declareIncident: { id: string } }>(
      'mutation { declareIncident(input: { title: "Checkout 502s", severity: P3 }) { id } }',
      responder,
    );
    const incidentId = declared.declareIncident.id;
    await ok(
      `mutation { setIncidentStatus(id: ${q(incidentId)}, expectedVersion: 1, status: MITIGATED, reason: "rolled back") { id } }`,
      responder,
    );

    expect(
      await refusal(
        `mutation { createPostMortem(incidentId: ${q(incidentId)}, ownerId: "u-ghost") { id } }`,
        responder,
      ),
    ).toMatchObject({ message: 'unknown user "u-ghost"', reason: 'UNKNOWN_USER' });
    const created = await ok<{ createPostMortem: { id: string; owner: { id: string }; version: number } }>(
      `mutation { createPostMortem(incidentId: ${q(incidentId)}, ownerId: "u-alice") { id owner { id } version } }`,
      responder,
    );
    expect(created.createPostMortem).toMatchObject({ owner: { id: 'u-alice' }, version: 1 });
    const pm = q(created.createPostMortem.id);

    expect(
      await refusal(
        `mutation { updatePostMortem(id: ${pm}, expectedVersion: 1, patch: { reviewerIds: ["u-bob", "u-ghost", "u-nobody"] }) { id } }`,
      ),
    ).toMatchObject({ message: 'unknown users "u-ghost", "u-nobody"', reason: 'UNKNOWN_USER' });
    await ok(`mutation { updatePostMortem(id: ${pm}, expectedVersion: 1, patch: { reviewerIds: ["u-bob"] }) { id } }`);

    expect(
      await refusal(
        `mutation { addActionItem(postMortemId: ${pm}, expectedVersion: 2, input: { title: "Alert on 502s", type: DETECT, ownerId: "u-ghost" }) { id } }`,
        responder,
      ),
    ).toMatchObject({ message: 'unknown user "u-ghost"', reason: 'UNKNOWN_USER' });
    const added = await ok<{
      addActionItem: { version: number; actionItems: Array<{ id: string; owner: { id: string } }> };
    }>(
      `mutation { addActionItem(postMortemId: ${pm}, expectedVersion: 2, input: { title: "Alert on 502s", type: DETECT, ownerId: "u-bob" }) { version actionItems { id owner { id } } } }`,
      responder,
    );
    expect(added.addActionItem.version).toBe(3);
    const item = q(added.addActionItem.actionItems[0]?.id ?? '');

    expect(
      await refusal(
        `mutation { updateActionItem(id: ${item}, expectedVersion: 1, patch: { ownerId: "u-nobody" }) { id } }`,
        responder,
      ),
    ).toMatchObject({ message: 'unknown user "u-nobody"', reason: 'UNKNOWN_USER' });
    const stored = await ok<{
      postMortem: { reviewers: Array<{ id: string }>; actionItems: Array<{ owner: { id: string } }> };
    }>(`{ postMortem(id: ${pm}) { reviewers { id } actionItems { owner { id } } } }`);
    expect(stored.postMortem).toEqual({ reviewers: [{ id: 'u-bob' }], actionItems: [{ owner: { id: 'u-bob' } }] });
  });
});
