import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { TokenService, type Identity } from '@keel/auth';
import { uniqueName, until } from '@keel/testing';
import type { Client } from 'pg';
import { startAlertingTestEnv, type AlertingTestEnv } from '../test/alerting-test-env';
import { RuleSourcesService } from './rule-sources.service';

// saveRuleGroup on real servers (PostgreSQL, Kafka, HTTP; rule queries go to a Prometheus API stand-in whose
// answers the test holds back): what its reply shows while an evaluation is in progress, and what it says when
// the expected version does not fit.

interface GraphQLReply<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; reason?: string } }>;
}

interface SavedGroup {
  name: string;
  version: number | null;
  rules: Array<{ name: string; query: string }>;
}

const SAVE_GROUP = `mutation ($name: String!, $source: String!, $expectedVersion: Int) {
  saveRuleGroup(name: $name, source: $source, expectedVersion: $expectedVersion) { name version rules { name query } }
}`;

const admin: Identity = { type: 'user', id: 'u-admin', name: 'ada', roles: ['admin'], scopes: [] };

/** A group evaluated every second, of one recording rule. */
function groupSource(name: string, record: string, expr: string): string {
  return [
    'groups:',
    `  - name: ${name}`,
    '    interval: 1s',
    '    rules:',
    `      - record: ${record}`,
    `        expr: ${expr}`,
    '',
  ].join('\n');
}

/** Answers instant queries with an empty vector; while closed, it holds every answer until it opens again. */
class HeldDataSource {
  private readonly server: Server = createServer((req, res) => void this.handle(req, res));
  private readonly held: Array<() => void> = [];
  private open = true;

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get heldCount(): number {
    return this.held.length;
  }

  close(): void {
    this.open = false;
  }

  release(): void {
    this.open = true;
    for (const answer of this.held.splice(0)) answer();
  }

  async stop(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for await (const _chunk of req) {
      // The query itself does not matter.
    }
    const answer = (): void => {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }));
    };
    if (this.open) answer();
    else this.held.push(answer);
  }
}

describe('saveRuleGroup (PostgreSQL, Kafka, HTTP, a held Prometheus API)', () => {
  const dataSource = new HeldDataSource();
  let env: AlertingTestEnv;
  let app: INestApplication;
  let baseUrl: string;
  let tokens: TokenService;
  let db: Client;

  async function save(variables: Record<string, unknown>): Promise<GraphQLReply<{ saveRuleGroup: SavedGroup }>> {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.issueAccessToken(admin).token}` },
      body: JSON.stringify({ query: SAVE_GROUP, variables }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as GraphQLReply<{ saveRuleGroup: SavedGroup }>;
  }

  async function storedVersion(name: string): Promise<number | undefined> {
    const result = await db.query<{ version: number }>('SELECT version FROM managed_rule_groups WHERE name = $1', [
      name,
    ]);
    return result.rows[0]?.version;
  }

  beforeAll(async () => {
    await dataSource.start();
    env = await startAlertingTestEnv([]);
    app = await env.startAlerting({
      ALERTING_DATASOURCE_URL: dataSource.url,
      ALERTING_DATASOURCE_AUTH: 'none',
      ALERTING_DATASOURCE_TIMEOUT_MS: '120000',
    });
    baseUrl = await env.urlOf(app);
    tokens = app.get(TokenService);
    db = await env.database();
  }, 120_000);

  afterAll(async () => {
    await dataSource.stop();
    await env?.stop();
  });

  it('answers with the group as saved even while its previous version is being evaluated', async () => {
    const name = uniqueName('held');
    const created = await save({ name, source: groupSource(name, 'keel:held:v1', 'vector(1)') });
    expect(created.errors).toBeUndefined();
    expect(created.data?.saveRuleGroup.rules).toEqual([{ name: 'keel:held:v1', query: 'vector(1)' }]);

    // The next evaluation of version 1 (every second) waits for its query's answer.
    dataSource.close();
    await until(() => dataSource.heldCount > 0, { intervalMs: 50, what: 'an evaluation of version 1 in progress' });

    const reply = save({ name, source: groupSource(name, 'keel:held:v2', 'vector(2)'), expectedVersion: 1 });
    // Version 2 is stored and loaded; the evaluator replaces the runner only once the evaluation has ended.
    const sources = app.get(RuleSourcesService);
    await until(
      async () =>
        (await storedVersion(name)) === 2 &&
        sources.groups().some((g) => g.group.name === name && g.group.rules[0]?.name === 'keel:held:v2'),
      { intervalMs: 50, what: 'version 2 loaded' },
    );
    dataSource.release();

    const updated = await reply;
    expect(updated.errors).toBeUndefined();
    expect(updated.data?.saveRuleGroup).toEqual({
      name,
      version: 2,
      rules: [{ name: 'keel:held:v2', query: 'vector(2)' }],
    });
  });

  it('says that a group does not exist when a version is expected, and stores nothing', async () => {
    const name = uniqueName('missing');
    const reply = await save({ name, source: groupSource(name, 'keel:missing:one', 'vector(1)'), expectedVersion: 1 });
    expect(reply.data).toBeNull();
    expect(reply.errors).toEqual([
      expect.objectContaining({
        message: `rule group "${name}" does not exist (expected version 1); to create it, save it without expectedVersion`,
        extensions: { code: 'NOT_FOUND', reason: 'RULE_GROUP_NOT_FOUND' },
      }),
    ]);
    expect(await storedVersion(name)).toBeUndefined();
  });

  it('creates with expectedVersion 0, and then says the group already exists at its version', async () => {
    const name = uniqueName('create_only');
    const source = groupSource(name, 'keel:create_only:one', 'vector(1)');
    const created = await save({ name, source, expectedVersion: 0 });
    expect(created.errors).toBeUndefined();
    expect(created.data?.saveRuleGroup.version).toBe(1);

    const again = await save({ name, source, expectedVersion: 0 });
    expect(again.errors).toEqual([
      expect.objectContaining({
        message: `rule group "${name}" already exists (version 1); pass that version to replace it`,
        extensions: { code: 'CONFLICT', reason: 'RULE_GROUP_VERSION_CONFLICT' },
      }),
    ]);
    expect(await storedVersion(name)).toBe(1);
  });
});
