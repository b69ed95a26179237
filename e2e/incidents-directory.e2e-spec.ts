import { TokenService } from '@keel/auth';
import {
  createTestSchema,
  graphqlRequest as graphql,
  runCompiledScript,
  startPlatform,
  startServiceProcess,
  uniqueName,
  type Platform,
  type ServiceProcess,
  type TestSchema,
} from '@keel/testing';

interface Schedule {
  version: number;
  overrides: Array<{ user: { id: string; username: string } }>;
}

// The incidents service checks the users named in on-call schedules with the identity service, over HTTP, as
// real processes behind the gateway: an unknown user is refused by name, a known one is accepted, whether the
// caller is an admin or a responder.
describe('incidents directory: users checked with identity', () => {
  let platform: Platform;
  const tokens = { admin: '', responder: '' };
  const ids = { admin: '', responder: '' };
  const password = 'e2e-directory-password-1234';

  async function login(username: string): Promise<{ token: string; id: string }> {
    const reply = await graphql<{ login: { accessToken: string; user: { id: string } } }>(
      platform.gateway.url,
      'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken user { id } } }',
      { variables: { u: username, p: password } },
    );
    expect(reply.errors).toBeUndefined();
    return { token: reply.data?.login.accessToken ?? '', id: reply.data?.login.user.id ?? '' };
  }

  const saveSchedule = (participants: string[]) =>
    graphql<{ saveOncallSchedule: Schedule }>(
      platform.gateway.url,
      `
        mutation ($participants: [ID!]!) {
          saveOncallSchedule(
            input: {
              name: "e2e-directory"
              timeZone: "UTC"
              layers: [
                { participants: $participants, rotation: DAILY, handoffTime: "09:00", start: "2026-03-01T09:00:00Z" }
              ]
            }
          ) {
            version
            overrides {
              user {
                id
                username
              }
            }
          }
        }
      `,
      { token: tokens.admin, variables: { participants } },
    );

  /** An override of one day (1 April 2026 unless another `day` is given). */
  const addOverride = (token: string, userId: string, version: number, day = '2026-04-01') =>
    graphql<{ addScheduleOverride: Schedule }>(
      platform.gateway.url,
      `
        mutation ($userId: ID!, $version: Int!, $start: DateTime!, $end: DateTime!) {
          addScheduleOverride(
            input: { schedule: "e2e-directory", userId: $userId, start: $start, end: $end, expectedVersion: $version }
          ) {
            version
            overrides {
              user {
                id
                username
              }
            }
          }
        }
      `,
      {
        token,
        variables: {
          userId,
          version,
          start: `${day}T00:00:00Z`,
          end: new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString(),
        },
      },
    );

  beforeAll(async () => {
    platform = await startPlatform();
    await runCompiledScript(
      'apps/cli/src/main.js',
      platform.env,
      ['admin', 'create', '--username', 'e2e-directory-admin'],
      `${password}\n`,
    );
    ({ token: tokens.admin, id: ids.admin } = await login('e2e-directory-admin'));
    const created = await graphql(
      platform.gateway.url,
      'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }',
      {
        token: tokens.admin,
        variables: {
          input: { username: 'e2e-directory-responder', displayName: 'Rita', password, roles: ['responder'] },
        },
      },
    );
    expect(created.errors).toBeUndefined();
    ({ token: tokens.responder, id: ids.responder } = await login('e2e-directory-responder'));
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('refuses a schedule naming unknown users, naming every one of them', async () => {
    const reply = await saveSchedule([ids.admin, 'u-123', '00000000-0000-4000-8000-000000000000']);
    expect(reply.errors?.[0]?.message).toBe('unknown users "u-123", "00000000-0000-4000-8000-000000000000"');
    expect(reply.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_USER' });
    expect(reply.data?.saveOncallSchedule ?? null).toBeNull();
  });

  it('accepts a schedule of known users', async () => {
    const reply = await saveSchedule([ids.admin, ids.responder]);
    expect(reply.errors).toBeUndefined();
    expect(reply.data?.saveOncallSchedule.version).toBe(1);
  });

  it('refuses an override for an unknown user by name, for a responder too', async () => {
    const reply = await addOverride(tokens.responder, 'u-123', 1);
    expect(reply.errors?.[0]?.message).toBe('unknown user "u-123"');
    expect(reply.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_USER' });
  });

  it('refuses an escalation policy targeting an unknown user by name, and accepts known users', async () => {
    const savePolicy = (userIds: string[]) =>
      graphql<{ saveEscalationPolicy: { id: string; version: number } }>(
        platform.gateway.url,
        `
          mutation ($targets: [EscalationTargetInput!]!) {
            saveEscalationPolicy(
              input: { id: "e2e-directory", name: "E2E directory", levels: [{ targets: $targets, delayMinutes: 5 }] }
            ) {
              id
              version
            }
          }
        `,
        { token: tokens.admin, variables: { targets: userIds.map((userId) => ({ userId })) } },
      );
    const refused = await savePolicy([ids.responder, 'u-ghost']);
    expect(refused.errors?.[0]?.message).toBe('unknown user "u-ghost"');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNKNOWN_USER' });
    const saved = await savePolicy([ids.responder, ids.admin]);
    expect(saved.errors).toBeUndefined();
    expect(saved.data?.saveEscalationPolicy).toEqual({ id: 'e2e-directory', version: 1 });
  });

  it("resolves users for the incidents service's own token, as a check without a caller does", async () => {
    // What UserDirectory does outside a request (a Kafka consumer, the escalation worker): a one-minute
    // `incidents` service token signed with the shared secret, and federation's entity lookup at identity.
    const tokens = new TokenService({ secret: String(platform.env.JWT_SECRET), issuer: 'keel', accessTtlSeconds: 60 });
    const incidents = tokens.issueServiceToken('incidents').token;
    const lookup = await graphql<{ _entities: Array<{ id: string; username: string; disabled: boolean } | null> }>(
      platform.identity.url,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id username disabled } } }',
      {
        token: incidents,
        variables: {
          r: [
            { __typename: 'User', id: ids.responder },
            { __typename: 'User', id: 'u-ghost' },
          ],
        },
      },
    );
    expect(lookup.errors).toBeUndefined();
    expect(lookup.data?._entities).toEqual([
      { id: ids.responder, username: 'e2e-directory-responder', disabled: false },
      null,
    ]);
    // The admin queries stay closed to it, and no other service's token resolves users.
    const users = await graphql(platform.identity.url, '{ users { id } }', { token: incidents });
    expect(users.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const gateway = await graphql(
      platform.identity.url,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } } }',
      { token: tokens.issueServiceToken('gateway').token, variables: { r: [{ __typename: 'User', id: ids.admin }] } },
    );
    expect(gateway.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("accepts a responder's override for a known user, whose name the gateway resolves", async () => {
    const reply = await addOverride(tokens.responder, ids.responder, 1);
    expect(reply.errors).toBeUndefined();
    expect(reply.data?.addScheduleOverride).toEqual({
      version: 2,
      overrides: [{ user: { id: ids.responder, username: 'e2e-directory-responder' } }],
    });
  });

  it('refuses an override for a user disabled at identity, naming them, and stores nothing', async () => {
    const created = await graphql<{ createUser: { id: string } }>(
      platform.gateway.url,
      'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }',
      {
        token: tokens.admin,
        variables: {
          input: { username: 'e2e-directory-leaver', displayName: 'Leo', password, roles: ['responder'] },
        },
      },
    );
    const leaver = created.data?.createUser.id ?? '';
    const disabled = await graphql(platform.gateway.url, 'mutation ($id: ID!) { disableUser(id: $id) { id } }', {
      token: tokens.admin,
      variables: { id: leaver },
    });
    expect(disabled.errors).toBeUndefined();
    const reply = await addOverride(tokens.admin, leaver, 2, '2026-05-01');
    expect(reply.errors?.[0]?.message).toBe(
      `user "${leaver}" (e2e-directory-leaver) is disabled and cannot be given new work`,
    );
    expect(reply.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DISABLED_USER' });
    // Nothing was stored: the schedule is still at version 2 (a stored override would make this a CONFLICT).
    const again = await addOverride(tokens.admin, leaver, 2, '2026-05-01');
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DISABLED_USER' });
  });

  describe('the runbook report reads the real alerting rules with its default credential', () => {
    let schema: TestSchema | undefined;
    let incidents: ServiceProcess | undefined;

    beforeAll(async () => {
      // The platform's incidents process does not know where alerting listens; this one does, and keeps
      // INCIDENTS_ALERTING_AUTH at its default (keel: an `incidents` service token).
      schema = await createTestSchema('e2e_incidents_runbooks');
      const env = { ...platform.env, DATABASE_URL: schema.url, DATABASE_SCHEMA: schema.name };
      await runCompiledScript('apps/incidents/src/migrate.js', env);
      incidents = await startServiceProcess('incidents', {
        ...env,
        ALERTING_BASE_URL: platform.alerting.url,
        INCIDENTS_ALERTS_CONSUMER: 'false',
        INCIDENTS_ESCALATION_WORKER: 'false',
        INCIDENTS_ALERTS_GROUP_ID: uniqueName('e2e_runbooks_intake'),
      });
    }, 120_000);

    afterAll(async () => {
      await incidents?.stop();
      await schema?.drop();
    });

    it('lists the alert rules no runbook covers', async () => {
      const reply = await graphql<{
        runbookValidationReport: { alertRulesAvailable: boolean; alertRulesError: string | null; missing: string[] };
      }>(String(incidents?.url), '{ runbookValidationReport { alertRulesAvailable alertRulesError missing } }', {
        token: tokens.responder,
      });
      expect(reply.errors).toBeUndefined();
      expect(reply.data?.runbookValidationReport).toMatchObject({ alertRulesAvailable: true, alertRulesError: null });
      // The seed rules the platform's alerting service loads (apps/alerting/rules), none with a runbook here.
      expect(reply.data?.runbookValidationReport.missing).toEqual(
        expect.arrayContaining(['HighErrorRate', 'DatabaseConnectionPoolExhausted']),
      );
    });
  });
});
