import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually, graphqlRequest, runCompiledScript, startPlatform, type Platform } from '@keel/testing';

// An outage as an SRE lives it, through the gateway, with identity, incidents and the gateway as real processes on
// the real PostgreSQL and Kafka: the on-call responder is paged over a webhook, acknowledges, takes command, works
// the checklist; the incident is mitigated (its post-mortem drafted), resolved, and cannot close while a required
// action item is open; the post-mortem is reviewed, published and exported; then the incident closes.
describe('incident response through the gateway', () => {
  let platform: Platform;
  let receiver: Server;
  let receiverUrl = '';
  const pages: Array<Record<string, unknown>> = [];
  const password = 'e2e-response-password-1234';
  const tokens = { admin: '', responder: '' };
  const ids = { admin: '', responder: '' };
  let incidentId = '';
  let version = 0;
  let postMortemId = '';

  async function graphql<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const reply = await graphqlRequest<T>(platform.gateway.url, query, { token, variables });
    if (reply.errors) throw new Error(`${query.trim().split('\n')[0]}: ${JSON.stringify(reply.errors)}`);
    return reply.data as T;
  }

  async function login(username: string): Promise<{ token: string; id: string }> {
    const data = await graphql<{ login: { accessToken: string; user: { id: string } } }>(
      '',
      'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken user { id } } }',
      { u: username, p: password },
    );
    return { token: data.login.accessToken, id: data.login.user.id };
  }

  /** Runs an incident mutation at the version last read, and keeps the new version. */
  async function change(token: string, field: string, args: string): Promise<{ status: string; version: number }> {
    const data = await graphql<Record<string, { status: string; version: number }>>(
      token,
      `mutation ($id: ID!, $v: Int!) { ${field}(id: $id, expectedVersion: $v${args ? `, ${args}` : ''}) { status version } }`,
      { id: incidentId, v: version },
    );
    const result = data[field] as { status: string; version: number };
    version = result.version;
    return result;
  }

  beforeAll(async () => {
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        pages.push(JSON.parse(body) as Record<string, unknown>);
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/page`;
    platform = await startPlatform();
    await runCompiledScript(
      'apps/cli/src/main.js',
      platform.env,
      ['admin', 'create', '--username', 'e2e-response-admin'],
      `${password}\n`,
    );
    ({ token: tokens.admin, id: ids.admin } = await login('e2e-response-admin'));
    await graphql(tokens.admin, 'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }', {
      input: { username: 'e2e-response-rita', displayName: 'Rita', password, roles: ['responder'] },
    });
    ({ token: tokens.responder, id: ids.responder } = await login('e2e-response-rita'));
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it('pages the on-call responder when a P1 is declared', async () => {
    await graphql(tokens.admin, 'mutation { registerService(input: { name: "checkout-api" }) { name } }');
    await graphql(
      tokens.responder,
      'mutation ($url: String!) { setContactMethods(methods: [{ kind: WEBHOOK, secretUrl: $url }]) { id } }',
      { url: receiverUrl },
    );
    await graphql(
      tokens.admin,
      `
        mutation ($user: ID!, $admin: ID!) {
          saveEscalationPolicy(
            input: {
              id: "default"
              name: "Checkout on-call"
              levels: [
                { targets: [{ userId: $user }], delayMinutes: 5 }
                { targets: [{ userId: $admin }], delayMinutes: 5 }
              ]
            }
          ) {
            version
          }
        }
      `,
      { user: ids.responder, admin: ids.admin },
    );
    const declared = await graphql<{ declareIncident: { id: string; version: number; status: string } }>(
      tokens.admin,
      `
        mutation {
          declareIncident(
            input: {
              title: "Checkout failing after the schema migration"
              severity: P1
              services: ["checkout-api"]
              tags: ["migration"]
              type: "database"
            }
          ) {
            id
            version
            status
          }
        }
      `,
    );
    ({ id: incidentId, version } = declared.declareIncident);
    expect(declared.declareIncident.status).toBe('INVESTIGATING');
    const page = await eventually(() => pages.find((p) => JSON.stringify(p).includes(incidentId)), {
      timeoutMs: 30_000,
      intervalMs: 200,
      what: 'the webhook page for the incident',
    });
    expect(JSON.stringify(page)).toContain('Checkout failing after the schema migration');
  });

  it('records the response: acknowledgement, command, checklist and a back-dated note, each with its actor', async () => {
    await change(tokens.responder, 'acknowledgeIncident', '');
    await change(tokens.responder, 'assignIncidentRole', `role: "incident_commander", userId: "${ids.responder}"`);
    await change(tokens.responder, 'assignIncidentRole', `role: "communications_lead", userId: "${ids.admin}"`);
    await change(tokens.responder, 'completeChecklistStep', 'stepId: "notify_on_call_team", note: "paged via webhook"');
    await graphql(
      tokens.responder,
      'mutation ($id: ID!, $at: DateTime!) { addIncidentNote(id: $id, text: "Migration 42 started", occurredAt: $at, key: true) { id } }',
      { id: incidentId, at: new Date(Date.now() - 20 * 60_000).toISOString() },
    );
    const read = await graphql<{
      incident: {
        escalation: { status: string; acknowledgedBy: { username: string } | null };
        roles: Array<{ role: string; userId: string }>;
        missingRoles: string[];
        checklist: { completed: number; steps: Array<{ id: string; completedBy: string | null }> };
        timeline: Array<{ kind: string; actor: { id: string }; summary: string }>;
      };
    }>(
      tokens.admin,
      `
        query ($id: ID!) {
          incident(id: $id) {
            escalation {
              status
              acknowledgedBy {
                username
              }
            }
            roles {
              role
              userId
            }
            missingRoles
            checklist {
              completed
              steps {
                id
                completedBy
              }
            }
            timeline {
              kind
              actor {
                id
              }
              summary
            }
          }
        }
      `,
      { id: incidentId },
    );
    expect(read.incident.escalation).toEqual({
      status: 'ACKNOWLEDGED',
      acknowledgedBy: { username: 'e2e-response-rita' },
    });
    expect(read.incident.missingRoles).toEqual([]);
    expect(read.incident.checklist.steps[0]).toEqual({ id: 'notify_on_call_team', completedBy: ids.responder });
    expect(read.incident.timeline[0]).toMatchObject({ kind: 'note', actor: { id: ids.responder } });
    expect(read.incident.timeline.filter((e) => e.kind === 'role_change').map((e) => e.actor.id)).toEqual([
      ids.responder,
      ids.responder,
    ]);
  });

  it('drafts the post-mortem at mitigation and keeps the incident open while a required action item is open', async () => {
    expect((await change(tokens.responder, 'setIncidentStatus', 'status: MITIGATED')).status).toBe('MITIGATED');
    const drafted = await graphql<{ incident: { postMortem: { id: string; status: string; version: number } } }>(
      tokens.responder,
      'query ($id: ID!) { incident(id: $id) { postMortem { id status version } } }',
      { id: incidentId },
    );
    expect(drafted.incident.postMortem.status).toBe('DRAFT');
    postMortemId = drafted.incident.postMortem.id;
    await change(tokens.responder, 'setIncidentStatus', 'status: RESOLVED');
    const edited = await graphql<{ updatePostMortem: { version: number } }>(
      tokens.responder,
      `
        mutation ($id: ID!, $v: Int!, $admin: ID!) {
          updatePostMortem(
            id: $id
            expectedVersion: $v
            patch: {
              summary: "Checkout failed for 25 minutes after migration 42 locked the orders table."
              impactDescription: "About 4% of checkouts failed."
              rootCauseAnalysis: "The migration took an exclusive lock on a hot table."
              contributingFactors: [{ category: CODE_CHANGE, description: "Migration without lock timeout" }]
              resolutionActions: [{ description: "Cancelled the migration", outcome: EFFECTIVE }]
              resolutionEffectiveness: "Errors stopped within a minute."
              recommendations: [{ description: "Set lock_timeout on every migration", priority: HIGH }]
              wentWell: ["The page reached the on-call at once"]
              wentWrong: ["The migration ran at peak time"]
              gotLucky: ["No payment was charged twice"]
              reviewerIds: [$admin]
            }
          ) {
            version
          }
        }
      `,
      { id: postMortemId, v: drafted.incident.postMortem.version, admin: ids.admin },
    );
    const withItem = await graphql<{
      addActionItem: { version: number; actionItems: Array<{ id: string; version: number }> };
    }>(
      tokens.responder,
      `
        mutation ($id: ID!, $v: Int!, $owner: ID!) {
          addActionItem(
            postMortemId: $id
            expectedVersion: $v
            input: {
              title: "Add lock_timeout to the migration runner"
              type: PREVENT
              ownerId: $owner
              dueDate: "2026-12-31"
              required: true
            }
          ) {
            version
            actionItems {
              id
              version
            }
          }
        }
      `,
      { id: postMortemId, v: edited.updatePostMortem.version, owner: ids.responder },
    );
    const blocked = await graphqlRequest(
      platform.gateway.url,
      'mutation ($id: ID!, $v: Int!) { closeIncident(id: $id, expectedVersion: $v) { status } }',
      { token: tokens.responder, variables: { id: incidentId, v: version } },
    );
    expect(blocked.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', reason: 'INCIDENT_CLOSING_BLOCKED' });
    expect(blocked.errors?.[0]?.message).toContain('Add lock_timeout to the migration runner');

    const submitted = await graphql<{ submitPostMortemForReview: { version: number } }>(
      tokens.responder,
      'mutation ($id: ID!, $v: Int!) { submitPostMortemForReview(id: $id, expectedVersion: $v) { version } }',
      { id: postMortemId, v: withItem.addActionItem.version },
    );
    const published = await graphql<{ publishPostMortem: { status: string } }>(
      tokens.admin,
      'mutation ($id: ID!, $v: Int!) { publishPostMortem(id: $id, expectedVersion: $v) { status } }',
      { id: postMortemId, v: submitted.submitPostMortemForReview.version },
    );
    expect(published.publishPostMortem.status).toBe('PUBLISHED');
    const item = withItem.addActionItem.actionItems[0] as { id: string; version: number };
    await graphql(
      tokens.responder,
      'mutation ($id: ID!, $v: Int!) { completeActionItem(id: $id, expectedVersion: $v) { status } }',
      {
        id: item.id,
        v: item.version,
      },
    );
    expect((await change(tokens.responder, 'closeIncident', '')).status).toBe('CLOSED');
  });

  it('exports the published post-mortem as Markdown that reads well', async () => {
    const { postMortemMarkdown } = await graphql<{ postMortemMarkdown: string }>(
      tokens.admin,
      'query ($id: ID!) { postMortemMarkdown(id: $id) }',
      { id: postMortemId },
    );
    expect(postMortemMarkdown).toMatch(/^# /);
    for (const text of [
      'Checkout failed for 25 minutes after migration 42 locked the orders table.',
      'The migration took an exclusive lock on a hot table.',
      'Add lock_timeout to the migration runner',
      'No payment was charged twice',
      'Migration 42 started',
    ]) {
      expect(postMortemMarkdown).toContain(text);
    }
  });
});
