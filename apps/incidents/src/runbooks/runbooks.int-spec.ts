import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Identity } from '@keel/auth';
import { auditTopic } from '@keel/contracts';
import { createKafkaClient, type KafkaClient } from '@keel/kafka';
import { eventually, statementsWhile, TEST_KAFKA_BROKERS, uniqueName } from '@keel/testing';
import {
  listen,
  startIncidentsTestApp,
  TEST_USERS,
  type AuditEventReply,
  type GraphQLReply,
  type IncidentsTestApp,
} from '../test/incidents-test-env';

interface Runbook {
  name: string;
  version: number;
  currentVersion: number;
  archived: boolean;
  title: string;
  owner: string;
  services: string[];
  lastReviewed: string | null;
  markdown: string;
  author: { id: string; name: string };
  versions: Array<{ version: number; author: { id: string } }>;
}

interface IncidentRunbook {
  name: string;
  version: number;
  automatic: boolean;
  activatedBy: { id: string; name: string };
}

interface Report {
  maxAgeDays: number;
  outdated: Array<{ runbook: string; reviewAgeDays: number }>;
  missing: string[];
  alertRulesAvailable: boolean;
  alertRulesError: string | null;
  unknownAlerts: Array<{ runbook: string; alertName: string }>;
  brokenLinks: Array<{ runbook: string; line: number; target: string; reason: string }>;
  externalLinksChecked: boolean;
  externalLinksCheckedCount: number;
  recommendations: Array<{ kind: string; runbook: string | null; alertName: string | null }>;
}

const { admin, responder, viewer } = TEST_USERS;

const RUNBOOK_FIELDS =
  'name version currentVersion archived title owner services lastReviewed markdown author { id name } versions { version author { id } }';
const ACTIVATION_FIELDS = 'name version automatic activatedBy { id name }';
const REPORT_FIELDS = `maxAgeDays outdated { runbook reviewAgeDays } missing alertRulesAvailable alertRulesError
  unknownAlerts { runbook alertName } brokenLinks { runbook line target reason } externalLinksChecked
  externalLinksCheckedCount recommendations { kind runbook alertName }`;

const daysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const gql = (text: string): string => JSON.stringify(text);

function present<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}`);
  return value;
}

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; port: number }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

describe('runbooks (PostgreSQL, Kafka, HTTP)', () => {
  let env: IncidentsTestApp;
  let kafka: KafkaClient;
  let auditEvents: Awaited<ReturnType<typeof listen>>;
  let alerting: { server: Server; port: number };
  let links: { server: Server; port: number };
  const alertingRequests: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
  const linkRequests: Array<{ method: string; url: string }> = [];
  let incidentId: string;

  const graphql = <T>(query: string, who?: Identity): Promise<GraphQLReply<T>> => env.graphql<T>(query, who);

  /** database-failover: reviewed 10 days ago; its links cover every kind the report checks. */
  const failover = (version: 1 | 2): string =>
    [
      '---',
      'owner: team-database',
      'alerts: [DatabaseDown]',
      'services: [checkout-api]',
      'incident_types: [database]',
      `last_reviewed: ${daysAgo(10)}`,
      '---',
      `# Database failover${version === 2 ? ' (v2)' : ''}`,
      '',
      `Check [the pool runbook](pool-exhausted.md) and [cache](legacy-cache.md).`,
      `Dashboard: http://127.0.0.1:${links.port}/ok and [old dashboard](http://127.0.0.1:${links.port}/gone).`,
      'Admin console: http://10.0.0.1/admin',
      `Local: http://localhost:${links.port}/ok`,
    ].join('\n');

  const legacyCache = [
    '---',
    'owner: team-cache',
    'alerts: [CacheDown, CacheEvicting]',
    'incident_types: [cache]',
    'last_reviewed: 2020-01-01',
    '---',
    '# Legacy cache',
  ].join('\n');

  async function save(name: string, markdown: string, expectedVersion: number | null, who: Identity = responder) {
    return graphql<{ saveRunbook: Runbook }>(
      `mutation { saveRunbook(input: { name: ${gql(name)}, markdown: ${gql(markdown)}, expectedVersion: ${expectedVersion} })
        { ${RUNBOOK_FIELDS} } }`,
      who,
    );
  }

  async function report(maxAgeDays?: number): Promise<Report> {
    const reply = await graphql<{ runbookValidationReport: Report }>(
      `{ runbookValidationReport${maxAgeDays === undefined ? '' : `(maxAgeDays: ${maxAgeDays})`} { ${REPORT_FIELDS} } }`,
      responder,
    );
    expect(reply.errors).toBeUndefined();
    return present(reply.data?.runbookValidationReport, 'a report');
  }

  beforeAll(async () => {
    alerting = await serve((req, res) => {
      alertingRequests.push({ url: req.url ?? '', headers: req.headers });
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          status: 'success',
          data: {
            groups: [
              {
                name: 'database',
                file: 'db.yml',
                rules: [
                  { type: 'alerting', name: 'DatabaseDown', query: 'up{job="db"} == 0' },
                  { type: 'recording', name: 'job:up:sum', query: 'sum(up)' },
                ],
              },
              {
                name: 'edge',
                file: 'edge.yml',
                rules: [
                  { type: 'alerting', name: 'HighErrorRate' },
                  { type: 'alerting', name: 'CacheDown' },
                ],
              },
            ],
          },
        }),
      );
    });
    links = await serve((req, res) => {
      linkRequests.push({ method: req.method ?? '', url: req.url ?? '' });
      res.statusCode = req.url === '/ok' ? 200 : 404;
      res.end();
    });
    env = await startIncidentsTestApp('incidents_runbooks', {
      ALERTING_BASE_URL: `http://127.0.0.1:${alerting.port}`,
      INCIDENTS_RUNBOOK_CHECK_EXTERNAL_LINKS: 'true',
      INCIDENTS_RUNBOOK_LINK_ALLOW_HOSTS: '127.0.0.1',
      INCIDENTS_RUNBOOK_LINK_TIMEOUT_MS: '3000',
    });
    kafka = createKafkaClient({ brokers: TEST_KAFKA_BROKERS, clientId: uniqueName('runbooks_int') });
    auditEvents = await listen(kafka, auditTopic);
  });

  afterAll(async () => {
    await kafka?.close();
    await env?.stop();
    await new Promise((resolve) => links?.server.close(resolve));
    await new Promise((resolve) => alerting?.server.close(resolve));
  });

  it('refuses a viewer saving a runbook', async () => {
    const reply = await save('database-failover', failover(1), null, viewer);
    expect(reply.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const listed = await graphql<{ runbooks: Runbook[] }>(
      `
        {
          runbooks {
            name
          }
        }
      `,
      viewer,
    );
    expect(listed.data?.runbooks).toEqual([]);
  });

  it('creates a runbook at version 1 from its front matter, then saves version 2; both stay readable', async () => {
    const created = await save('database-failover', failover(1), null);
    expect(created.errors).toBeUndefined();
    expect(created.data?.saveRunbook).toMatchObject({
      name: 'database-failover',
      version: 1,
      currentVersion: 1,
      archived: false,
      title: 'Database failover',
      owner: 'team-database',
      services: ['checkout-api'],
      lastReviewed: daysAgo(10),
      author: { id: 'u-responder', name: 'rita' },
      versions: [{ version: 1, author: { id: 'u-responder' } }],
    });

    const second = await save('database-failover', failover(2), 1, admin);
    expect(second.errors).toBeUndefined();
    expect(second.data?.saveRunbook).toMatchObject({ version: 2, currentVersion: 2, title: 'Database failover (v2)' });
    expect(second.data?.saveRunbook.versions).toEqual([
      { version: 2, author: { id: 'u-admin' } },
      { version: 1, author: { id: 'u-responder' } },
    ]);

    const latest = await graphql<{ runbook: Runbook }>(`{ runbook(name: "database-failover") { ${RUNBOOK_FIELDS} } }`);
    expect(latest.status).toBe(401); // no token
    const old = await graphql<{ runbook: Runbook }>(
      `{ runbook(name: "database-failover", version: 1) { ${RUNBOOK_FIELDS} } }`,
      viewer,
    );
    expect(old.data?.runbook).toMatchObject({ version: 1, currentVersion: 2, markdown: failover(1) });
    const current = await graphql<{ runbook: Runbook }>(
      `
        {
          runbook(name: "database-failover") {
            version
            markdown
          }
        }
      `,
      viewer,
    );
    expect(current.data?.runbook).toEqual({ version: 2, markdown: failover(2) });

    const missingVersion = await graphql(
      `
        {
          runbook(name: "database-failover", version: 7) {
            name
          }
        }
      `,
      viewer,
    );
    expect(missingVersion.errors?.[0]).toMatchObject({
      message: 'runbook "database-failover" has no version 7 (current version 2)',
      extensions: { code: 'NOT_FOUND', reason: 'RUNBOOK_VERSION_NOT_FOUND' },
    });

    const db = await env.database();
    const rows = await db.query<{ version: number; owner: string }>(
      `SELECT v.version, v.front_matter->>'owner' AS owner FROM runbook_versions v WHERE name = $1 ORDER BY version`,
      ['database-failover'],
    );
    expect(rows.rows).toEqual([
      { version: 1, owner: 'team-database' },
      { version: 2, owner: 'team-database' },
    ]);
  });

  it('refuses a save on a stale version, and a create of an existing name, naming both versions', async () => {
    const stale = await save('database-failover', failover(1), 1);
    expect(stale.errors?.[0]).toMatchObject({
      message:
        'runbook "database-failover" was changed by someone else (expected version 1, current version 2); reload it and retry',
      extensions: { code: 'CONFLICT', reason: 'RUNBOOK_VERSION_CONFLICT', version: 2 },
    });
    const again = await save('database-failover', failover(1), 0);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', version: 2 });
    expect(again.errors?.[0]?.message).toContain('expected version 0 to create it, current version 2');
    const unknown = await save('never-saved', failover(1), 3);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'RUNBOOK_NOT_FOUND' });
  });

  it("refuses a runbook with the parser's problems, each at its file line, and stores nothing", async () => {
    const reply = await save(
      'broken',
      ['---', 'owner: team-x', 'last_reviewed: yesterday', 'colour: blue', '---', '# Broken'].join('\n'),
      null,
    );
    const error = present(reply.errors?.[0], 'an error');
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_RUNBOOK' });
    expect(error.message).toContain('broken.md:3:16: field "last_reviewed" must be a calendar date YYYY-MM-DD');
    expect(error.message).toContain('broken.md:4:1: unknown field "colour"');
    const problems = (error.extensions as { problems?: Array<{ line: number }> }).problems;
    expect(problems?.map((p) => p.line).sort()).toEqual([3, 4]);

    const badName = await save('../escape', failover(1), null);
    expect(badName.errors?.[0]?.message).toContain('runbook name "../escape" is invalid');
    const listed = await graphql<{ runbooks: Runbook[] }>(
      `
        {
          runbooks {
            name
          }
        }
      `,
      viewer,
    );
    expect(listed.data?.runbooks.map((r) => r.name)).toEqual(['database-failover']);
  });

  it('lists runbooks by service, alert name and incident type', async () => {
    expect((await save('legacy-cache', legacyCache, null)).errors).toBeUndefined();
    const names = async (args: string) =>
      (await graphql<{ runbooks: Runbook[] }>(`{ runbooks${args} { name } }`, viewer)).data?.runbooks.map(
        (r) => r.name,
      );
    expect(await names('')).toEqual(['database-failover', 'legacy-cache']);
    expect(await names('(service: "checkout-api")')).toEqual(['database-failover']);
    expect(await names('(alertName: "CacheEvicting")')).toEqual(['legacy-cache']);
    expect(await names('(incidentType: "database")')).toEqual(['database-failover']);
    expect(await names('(incidentType: "security")')).toEqual([]);
  });

  it('activates the matching runbook when an incident of its service and type is declared', async () => {
    await graphql(
      `
        mutation {
          registerService(input: { name: "checkout-api" }) {
            name
          }
        }
      `,
      admin,
    );
    const declared = await graphql<{ declareIncident: { id: string } }>(
      `
        mutation {
          declareIncident(
            input: { title: "Checkout database down", severity: P1, services: ["checkout-api"], type: "database" }
          ) {
            id
          }
        }
      `,
      responder,
    );
    expect(declared.errors).toBeUndefined();
    incidentId = present(declared.data?.declareIncident.id, 'an incident id');

    const read = await graphql<{
      incident: {
        runbooks: IncidentRunbook[];
        timeline: Array<{ kind: string; summary: string; actor: { id: string } }>;
      };
    }>(
      `{ incident(id: "${incidentId}") { runbooks { ${ACTIVATION_FIELDS} } timeline { kind summary actor { id } } } }`,
      viewer,
    );
    expect(read.errors).toBeUndefined();
    expect(read.data?.incident.runbooks).toEqual([
      {
        name: 'database-failover',
        version: 2,
        automatic: true,
        activatedBy: { id: 'runbook-matching', name: 'runbook matching' },
      },
    ]);
    expect(read.data?.incident.timeline.filter((e) => e.kind === 'runbook')).toEqual([
      {
        kind: 'runbook',
        summary: 'Runbook "database-failover" (version 2) activated automatically',
        actor: { id: 'runbook-matching' },
      },
    ]);
  });

  it('refuses an unknown runbook by name and an unknown incident', async () => {
    const unknown = await graphql(
      `mutation { activateRunbook(incidentId: "${incidentId}", name: "db-failover") { name } }`,
      responder,
    );
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'unknown runbook "db-failover"',
      extensions: { code: 'NOT_FOUND', reason: 'RUNBOOK_NOT_FOUND' },
    });
    const missingIncident = '00000000-0000-4000-8000-000000000001';
    const noIncident = await graphql(
      `mutation { activateRunbook(incidentId: "${missingIncident}", name: "legacy-cache") { name } }`,
      responder,
    );
    expect(noIncident.errors?.[0]).toMatchObject({
      message: `incident ${missingIncident} does not exist`,
      extensions: { code: 'NOT_FOUND', reason: 'INCIDENT_NOT_FOUND' },
    });
    const byViewer = await graphql(
      `mutation { activateRunbook(incidentId: "${incidentId}", name: "legacy-cache") { name } }`,
      viewer,
    );
    expect(byViewer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('activates a runbook by hand, once, with a timeline entry naming the responder', async () => {
    const reply = await graphql<{ activateRunbook: IncidentRunbook }>(
      `mutation { activateRunbook(incidentId: "${incidentId}", name: "legacy-cache") { ${ACTIVATION_FIELDS} } }`,
      responder,
    );
    expect(reply.errors).toBeUndefined();
    expect(reply.data?.activateRunbook).toEqual({
      name: 'legacy-cache',
      version: 1,
      automatic: false,
      activatedBy: { id: 'u-responder', name: 'rita' },
    });
    const repeated = await graphql<{ activateRunbook: IncidentRunbook }>(
      `mutation { activateRunbook(incidentId: "${incidentId}", name: "legacy-cache") { ${ACTIVATION_FIELDS} } }`,
      admin,
    );
    expect(repeated.data?.activateRunbook.activatedBy.id).toBe('u-responder');

    const db = await env.database();
    const entries = await db.query<{ actor_type: string; actor_id: string; actor_name: string; detail: unknown }>(
      `SELECT actor_type, actor_id, actor_name, detail FROM incident_timeline
        WHERE incident_id = $1 AND kind = 'runbook' ORDER BY id`,
      [incidentId],
    );
    expect(entries.rows).toEqual([
      {
        actor_type: 'system',
        actor_id: 'runbook-matching',
        actor_name: 'runbook matching',
        detail: { kind: 'runbook', name: 'database-failover', version: 2, automatic: true },
      },
      {
        actor_type: 'user',
        actor_id: 'u-responder',
        actor_name: 'rita',
        detail: { kind: 'runbook', name: 'legacy-cache', version: 1, automatic: false },
      },
    ]);
  });

  it('reports outdated runbooks, alert rules without one and broken links, guarding private addresses', async () => {
    const linksBefore = linkRequests.length;
    const result = await report();
    expect(result.maxAgeDays).toBe(90);
    expect(result.outdated.map((o) => o.runbook)).toEqual(['legacy-cache']);
    expect(result.alertRulesAvailable).toBe(true);
    expect(result.missing).toEqual(['HighErrorRate']);
    expect(result.unknownAlerts).toEqual([{ runbook: 'legacy-cache', alertName: 'CacheEvicting' }]);
    expect(result.externalLinksChecked).toBe(true);
    expect(result.externalLinksCheckedCount).toBe(4);

    const broken = result.brokenLinks.map((b) => [b.runbook, b.line, b.target, b.reason]);
    expect(broken).toEqual([
      ['database-failover', 10, 'pool-exhausted.md', 'runbook "pool-exhausted.md" does not exist'],
      ['database-failover', 11, `http://127.0.0.1:${links.port}/gone`, 'external link is broken: HTTP 404'],
      [
        'database-failover',
        12,
        'http://10.0.0.1/admin',
        'external link is broken: not checked: "10.0.0.1" is a private address (allow the host in INCIDENTS_RUNBOOK_LINK_ALLOW_HOSTS)',
      ],
      ['database-failover', 13, `http://localhost:${links.port}/ok`, expect.stringContaining('a loopback address')],
    ]);
    // Only the allow-listed loopback host was requested: /ok and /gone, never through "localhost".
    expect(
      linkRequests
        .slice(linksBefore)
        .map((r) => `${r.method} ${r.url}`)
        .sort(),
    ).toEqual(['HEAD /gone', 'HEAD /ok']);
    expect(result.recommendations.map((r) => r.kind)).toEqual(
      expect.arrayContaining(['write_missing', 'fix_broken_links', 'review_outdated', 'remove_unknown_alert']),
    );

    // The alerting API was asked as the incidents service, with a token the platform accepts.
    const asked = present(alertingRequests.at(-1), 'a request to the alerting API');
    expect(asked.url).toBe('/api/v1/rules?type=alert');
    const token = String(asked.headers.authorization).replace(/^Bearer /, '');
    expect(env.tokens.verifyAccessToken(token)).toMatchObject({ type: 'service', id: 'incidents' });

    const strict = await report(5);
    expect(strict.outdated.map((o) => o.runbook)).toEqual(['database-failover', 'legacy-cache']);
    const bad = await graphql(
      `
        {
          runbookValidationReport(maxAgeDays: 0) {
            maxAgeDays
          }
        }
      `,
      responder,
    );
    expect(bad.errors?.[0]?.extensions?.reason).toBe('INVALID_RUNBOOK_VALIDATION_OPTIONS');
  });

  it('archives a runbook (admin, at its version): no longer listed or activated, still readable', async () => {
    const byResponder = await graphql(
      `
        mutation {
          archiveRunbook(name: "legacy-cache", expectedVersion: 1) {
            name
          }
        }
      `,
      responder,
    );
    expect(byResponder.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stale = await graphql(
      `
        mutation {
          archiveRunbook(name: "database-failover", expectedVersion: 1) {
            name
          }
        }
      `,
      admin,
    );
    expect(stale.errors?.[0]?.message).toContain('expected version 1, current version 2');
    const archived = await graphql<{ archiveRunbook: Runbook }>(
      `
        mutation {
          archiveRunbook(name: "legacy-cache", expectedVersion: 1) {
            name
            archived
            currentVersion
          }
        }
      `,
      admin,
    );
    expect(archived.data?.archiveRunbook).toEqual({ name: 'legacy-cache', archived: true, currentVersion: 1 });

    const listed = await graphql<{ runbooks: Runbook[] }>(
      `
        {
          runbooks {
            name
          }
        }
      `,
      viewer,
    );
    expect(listed.data?.runbooks.map((r) => r.name)).toEqual(['database-failover']);
    const all = await graphql<{ runbooks: Runbook[] }>(
      `
        {
          runbooks(includeArchived: true) {
            name
            archived
          }
        }
      `,
      viewer,
    );
    expect(all.data?.runbooks).toEqual([
      { name: 'database-failover', archived: false },
      { name: 'legacy-cache', archived: true },
    ]);
    const read = await graphql<{ runbook: Runbook }>(
      `
        {
          runbook(name: "legacy-cache") {
            markdown
          }
        }
      `,
      viewer,
    );
    expect(read.data?.runbook.markdown).toBe(legacyCache);
    const declared = await graphql<{ declareIncident: { id: string } }>(
      `
        mutation {
          declareIncident(input: { title: "Cache down", severity: P2, type: "cache" }) {
            id
          }
        }
      `,
      responder,
    );
    const other = present(declared.data?.declareIncident.id, 'an incident id');
    const activate = await graphql(
      `mutation { activateRunbook(incidentId: "${other}", name: "legacy-cache") { name } }`,
      responder,
    );
    expect(activate.errors?.[0]).toMatchObject({
      message: 'runbook "legacy-cache" is archived',
      extensions: { code: 'CONFLICT', reason: 'RUNBOOK_ARCHIVED' },
    });
    const runbooks = await graphql<{ incident: { runbooks: IncidentRunbook[] } }>(
      `{ incident(id: "${other}") { runbooks { name } } }`,
      viewer,
    );
    expect(runbooks.data?.incident.runbooks).toEqual([]);
  });

  it('says in the report when the alerting API is unreachable, instead of failing', async () => {
    await new Promise((resolve) => alerting.server.close(resolve));
    const result = await report();
    expect(result.alertRulesAvailable).toBe(false);
    expect(result.alertRulesError).toContain(
      `alerting API http://127.0.0.1:${alerting.port}/api/v1/rules?type=alert is unreachable`,
    );
    expect(result.missing).toEqual([]);
    expect(result.unknownAlerts).toEqual([]);
    expect(result.outdated).toEqual([]); // database-failover is current; legacy-cache is archived
  });

  it('audits every successful runbook mutation on keel.audit.v1 with its actor', async () => {
    const expected = [
      ['incidents.save_runbook', 'u-responder', 'database-failover'],
      ['incidents.save_runbook', 'u-admin', 'database-failover'],
      ['incidents.save_runbook', 'u-responder', 'legacy-cache'],
      ['incidents.activate_runbook', 'u-responder', 'legacy-cache'],
      ['incidents.activate_runbook', 'u-admin', 'legacy-cache'],
      ['incidents.archive_runbook', 'u-admin', 'legacy-cache'],
    ];
    const successes = (): AuditEventReply[] =>
      auditEvents.messages
        .map((m) => m.value as AuditEventReply)
        .filter((e) => e.outcome === 'success' && e.resource.type === 'runbook');
    await eventually(() => (successes().length >= expected.length ? true : undefined), {
      timeoutMs: 15_000,
      intervalMs: 100,
      what: 'the audit events of the runbook mutations',
    });
    // keel.audit.v1 is keyed by resource: each runbook's events keep their order, but two runbooks may be on
    // different partitions, consumed in another order between them than the mutations'.
    const perRunbook = (rows: string[][]): Record<string, string[][]> => {
      const groups: Record<string, string[][]> = {};
      for (const row of rows) (groups[row[2] ?? ''] ??= []).push(row);
      return groups;
    };
    const events = successes().map((e) => [e.action, e.actor.id, e.resource.id ?? '']);
    expect(perRunbook(events)).toEqual(perRunbook(expected));
  });

  /** The statements about activations the app sent while `work` ran. */
  const activationStatements = <T>(work: () => Promise<T>) => statementsWhile(env.app, /\bincident_runbooks\b/, work);

  it('reads the runbooks of a whole list of incidents in one statement, answering as for each incident alone', async () => {
    // Three more incidents of database-failover's service and type: each activates it when declared.
    for (const title of ['Orders database down', 'Payments database down', 'Search database down']) {
      const declared = await graphql<{ declareIncident: { id: string } }>(
        `mutation { declareIncident(input: { title: ${gql(title)}, severity: P2, services: ["checkout-api"], type: "database" }) { id } }`,
        responder,
      );
      expect(declared.errors).toBeUndefined();
    }
    const fields = `id runbooks { ${ACTIVATION_FIELDS} title activatedAt }`;
    const one = await activationStatements(() =>
      graphql<{ incident: { runbooks: IncidentRunbook[] } }>(`{ incident(id: "${incidentId}") { ${fields} } }`, viewer),
    );
    expect(one.statements).toHaveLength(1);
    expect(one.result.data?.incident.runbooks.map((r) => [r.name, r.automatic])).toEqual([
      ['database-failover', true],
      ['legacy-cache', false],
    ]);

    const list = await activationStatements(() =>
      graphql<{ incidents: Array<{ id: string; runbooks: IncidentRunbook[] }> }>(
        `{ incidents(first: 50) { ${fields} } }`,
        viewer,
      ),
    );
    expect(list.result.errors).toBeUndefined();
    const listed = list.result.data?.incidents ?? [];
    expect(listed).toHaveLength(5);
    expect(list.statements).toHaveLength(1);
    // With none, one and two runbooks; each incident answers as it does alone.
    expect(listed.map((i) => i.runbooks.length).sort()).toEqual([0, 1, 1, 1, 2]);
    expect(listed.find((i) => i.id === incidentId)).toEqual(one.result.data?.incident);
    for (const incident of listed) {
      const alone = await graphql<{ incident: unknown }>(`{ incident(id: "${incident.id}") { ${fields} } }`, viewer);
      expect(alone.data?.incident).toEqual(incident);
    }
  });
});
