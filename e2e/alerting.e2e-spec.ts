import { randomUUID } from 'node:crypto';
import { graphqlRequest as graphql, runCompiledScript, startPlatform, type Platform } from '@keel/testing';

// Alerting end to end through the gateway: an admin manages a rule group, a responder silences alerts, a viewer
// reads both and may change neither. Every call goes through the gateway's supergraph to the alerting subgraph
// as a real process, with tokens from logins at the gateway.
describe('alerting through the gateway: managed rule groups and silences by role', () => {
  let platform: Platform;
  const tokens = { admin: '', responder: '', viewer: '' };
  const run = randomUUID().slice(0, 8);
  const groupName = `e2e_${run}`;
  const source = [
    'groups:',
    `  - name: ${groupName}`,
    '    rules:',
    '      - alert: E2eAlwaysFiring',
    '        expr: vector(1) > 0',
    '        for: 1m',
    '        labels:',
    `          run: "${run}"`,
    '        annotations:',
    '          summary: "value {{ $value }}"',
    '',
  ].join('\n');

  async function login(username: string, password: string): Promise<string> {
    const reply = await graphql<{ login: { accessToken: string } }>(
      platform.gateway.url,
      'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { accessToken } }',
      { variables: { u: username, p: password } },
    );
    expect(reply.errors).toBeUndefined();
    return reply.data?.login.accessToken ?? '';
  }

  beforeAll(async () => {
    platform = await startPlatform();
    const password = 'e2e-alerting-password-1234';
    await runCompiledScript(
      'apps/cli/src/main.js',
      platform.env,
      ['admin', 'create', '--username', 'e2e-alerting-admin'],
      `${password}\n`,
    );
    tokens.admin = await login('e2e-alerting-admin', password);
    for (const role of ['responder', 'viewer'] as const) {
      const created = await graphql(
        platform.gateway.url,
        'mutation ($input: CreateUserInput!) { createUser(input: $input) { id } }',
        {
          token: tokens.admin,
          variables: { input: { username: `e2e-${role}`, displayName: role, password, roles: [role] } },
        },
      );
      expect(created.errors).toBeUndefined();
      tokens[role] = await login(`e2e-${role}`, password);
    }
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('lets an admin create a managed rule group, which everyone reads back through the gateway', async () => {
    const saved = await graphql<{ saveRuleGroup: { name: string; source: string; version: number } }>(
      platform.gateway.url,
      'mutation ($name: String!, $source: String!) { saveRuleGroup(name: $name, source: $source) { name source version } }',
      { token: tokens.admin, variables: { name: groupName, source } },
    );
    expect(saved.errors).toBeUndefined();
    expect(saved.data?.saveRuleGroup).toEqual({ name: groupName, source: 'MANAGED', version: 1 });

    const read = await graphql<{
      ruleGroups: Array<{
        name: string;
        file: string;
        version: number | null;
        rules: Array<{ name: string; type: string; query: string; durationSeconds: number }>;
      }>;
    }>(
      platform.gateway.url,
      '{ ruleGroups(source: MANAGED) { name file version rules { name type query durationSeconds } } }',
      { token: tokens.viewer },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data?.ruleGroups).toEqual([
      {
        name: groupName,
        file: `managed/${groupName}`,
        version: 1,
        rules: [{ name: 'E2eAlwaysFiring', type: 'ALERTING', query: 'vector(1) > 0', durationSeconds: 60 }],
      },
    ]);
  });

  it('lets a responder create a silence, which everyone reads back through the gateway', async () => {
    const endsAt = new Date(Date.now() + 60 * 60_000).toISOString();
    const created = await graphql<{ createSilence: { id: string; createdBy: string; state: string } }>(
      platform.gateway.url,
      'mutation ($input: CreateSilenceInput!) { createSilence(input: $input) { id createdBy state } }',
      {
        token: tokens.responder,
        variables: { input: { matchers: [`run="${run}"`], endsAt, comment: 'e2e maintenance' } },
      },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createSilence).toMatchObject({ createdBy: 'e2e-responder', state: 'ACTIVE' });

    const read = await graphql<{
      silences: Array<{
        id: string;
        matchers: Array<{ text: string }>;
        endsAt: string;
        comment: string;
        state: string;
      }>;
    }>(platform.gateway.url, '{ silences { id matchers { text } endsAt comment state } }', {
      token: tokens.viewer,
    });
    expect(read.errors).toBeUndefined();
    expect(read.data?.silences).toEqual([
      {
        id: created.data?.createSilence.id,
        matchers: [{ text: `run="${run}"` }],
        endsAt,
        comment: 'e2e maintenance',
        state: 'ACTIVE',
      },
    ]);
  });

  it('answers FORBIDDEN to a viewer on both mutations and to a responder on rule groups, changing nothing', async () => {
    const save = (token: string) =>
      graphql(
        platform.gateway.url,
        'mutation ($name: String!, $source: String!) { saveRuleGroup(name: $name, source: $source) { name } }',
        { token, variables: { name: groupName, source: source.replace('for: 1m', 'for: 5m') } },
      );
    for (const token of [tokens.viewer, tokens.responder]) {
      const denied = await save(token);
      expect(denied.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    const silence = await graphql(
      platform.gateway.url,
      'mutation ($input: CreateSilenceInput!) { createSilence(input: $input) { id } }',
      {
        token: tokens.viewer,
        variables: {
          input: {
            matchers: ['alertname="E2eAlwaysFiring"'],
            endsAt: new Date(Date.now() + 60_000).toISOString(),
            comment: 'not allowed',
          },
        },
      },
    );
    expect(silence.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);

    const after = await graphql<{
      ruleGroups: Array<{ version: number; rules: Array<{ durationSeconds: number }> }>;
      silences: Array<{ id: string }>;
    }>(platform.gateway.url, '{ ruleGroups(source: MANAGED) { version rules { durationSeconds } } silences { id } }', {
      token: tokens.viewer,
    });
    expect(after.errors).toBeUndefined();
    expect(after.data?.ruleGroups).toEqual([{ version: 1, rules: [{ durationSeconds: 60 }] }]);
    expect(after.data?.silences).toHaveLength(1);
  });
});
