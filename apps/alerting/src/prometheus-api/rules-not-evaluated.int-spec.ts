import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { TokenService, type Identity } from '@keel/auth';
import { EvaluationService } from '../evaluation/evaluation.service';
import { startAlertingTestEnv, type AlertingTestEnv } from '../test/alerting-test-env';

// GET /api/v1/rules on processes that do not evaluate — evaluation disabled, or a standby while another process
// holds the evaluator lease — on a real metrics service, PostgreSQL and Kafka: the groups in effect are listed
// with their rules, not evaluated, as the GraphQL API lists them.

const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

const RULES = `groups:
  - name: listed-everywhere
    interval: 30s
    rules:
      - alert: AlwaysOn
        expr: vector(1) > 0
        for: 5m
        keep_firing_for: 1m
        labels:
          severity: warning
        annotations:
          summary: always on
      - record: keel:listed:one
        expr: vector(1)
        labels:
          origin: test
  - name: default-interval
    rules:
      - record: keel:listed:two
        expr: vector(2)
`;

interface PromRulesReply {
  status: string;
  data: { groups: Array<Record<string, unknown> & { name: string; rules: Array<Record<string, unknown>> }> };
}

describe('GET /api/v1/rules on a process that does not evaluate (metrics service, PostgreSQL, Kafka)', () => {
  const viewer: Identity = { type: 'user', id: 'u-viewer', name: 'victor', roles: ['viewer'], scopes: [] };
  let dir: string;
  let env: AlertingTestEnv;

  async function rulesOf(app: INestApplication, query = ''): Promise<PromRulesReply> {
    const url = await env.urlOf(app);
    const response = await fetch(`${url}/api/v1/rules${query}`, {
      headers: { authorization: `Bearer ${app.get(TokenService).issueAccessToken(viewer).token}` },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as PromRulesReply;
  }

  /** Both groups, as Prometheus lists rules that were never evaluated. */
  const notEvaluated = [
    {
      name: 'listed-everywhere',
      file: expect.stringMatching(/listed\.yml$/),
      rules: [
        {
          state: 'inactive',
          name: 'AlwaysOn',
          query: 'vector(1) > 0',
          duration: 300,
          keepFiringFor: 60,
          labels: { severity: 'warning' },
          annotations: { summary: 'always on' },
          alerts: [],
          health: 'unknown',
          evaluationTime: 0,
          lastEvaluation: GO_ZERO_TIME,
          type: 'alerting',
        },
        {
          name: 'keel:listed:one',
          query: 'vector(1)',
          labels: { origin: 'test' },
          health: 'unknown',
          evaluationTime: 0,
          lastEvaluation: GO_ZERO_TIME,
          type: 'recording',
        },
      ],
      interval: 30,
      limit: 0,
      evaluationTime: 0,
      lastEvaluation: GO_ZERO_TIME,
    },
    {
      name: 'default-interval',
      file: expect.stringMatching(/listed\.yml$/),
      rules: [
        {
          name: 'keel:listed:two',
          query: 'vector(2)',
          labels: {},
          health: 'unknown',
          evaluationTime: 0,
          lastEvaluation: GO_ZERO_TIME,
          type: 'recording',
        },
      ],
      // ALERTING_EVALUATION_INTERVAL_SECONDS of the test environment.
      interval: 86_400,
      limit: 0,
      evaluationTime: 0,
      lastEvaluation: GO_ZERO_TIME,
    },
  ];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keel-rules-not-evaluated-int-'));
    const rulesFile = join(dir, 'listed.yml');
    writeFileSync(rulesFile, RULES);
    env = await startAlertingTestEnv([rulesFile]);
  }, 120_000);

  afterAll(async () => {
    await env?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('lists every group in effect, rules not evaluated, with ALERTING_EVALUATION_ENABLED=false', async () => {
    const reader = await env.startAlerting({ ALERTING_EVALUATION_ENABLED: 'false' });
    try {
      expect(reader.get(EvaluationService).evaluating).toBe(false);
      expect(await rulesOf(reader)).toEqual({ status: 'success', data: { groups: notEvaluated } });
      // Prometheus' filters apply as to evaluated groups.
      const recordingOnly = await rulesOf(reader, '?type=record&rule_group[]=listed-everywhere');
      expect(recordingOnly.data.groups.map((g) => [g.name, g.rules.map((r) => r['name'])])).toEqual([
        ['listed-everywhere', ['keel:listed:one']],
      ]);
    } finally {
      await reader.close();
    }
  });

  it("answers a Keel service's own token (the incidents runbook report), for reading only", async () => {
    const reader = await env.startAlerting({ ALERTING_EVALUATION_ENABLED: 'false' });
    try {
      const url = await env.urlOf(reader);
      const tokens = reader.get(TokenService);
      const incidents = `Bearer ${tokens.issueServiceToken('incidents').token}`;
      const get = (path: string, authorization: string) => fetch(`${url}${path}`, { headers: { authorization } });

      const rules = await get('/api/v1/rules?type=alert', incidents);
      expect(rules.status).toBe(200);
      const body = (await rules.json()) as PromRulesReply;
      expect(body.data.groups.map((g) => [g.name, g.rules.map((r) => r['name'])])).toEqual([
        ['listed-everywhere', ['AlwaysOn']],
      ]);
      expect((await get('/api/v1/alerts', incidents)).status).toBe(200);

      // Writing stays closed to services: posting alerts (Alertmanager's API) needs a responder or alerts:write.
      const post = await fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { authorization: incidents, 'content-type': 'application/json' },
        body: '[]',
      });
      expect(post.status).toBe(403);
      // A person still needs the viewer role: a token without roles is refused.
      const nobody = tokens.issueAccessToken({ ...viewer, id: 'u-nobody', roles: [] }).token;
      expect((await get('/api/v1/rules', `Bearer ${nobody}`)).status).toBe(403);
    } finally {
      await reader.close();
    }
  });

  it('lists them on a standby too, while the evaluator reports its own evaluations', async () => {
    const evaluator = await env.startAlerting();
    const standby = await env.startAlerting();
    try {
      expect(evaluator.get(EvaluationService).evaluating).toBe(true);
      expect(standby.get(EvaluationService).evaluating).toBe(false);
      await evaluator.get(EvaluationService).evaluateAll(Date.now());

      expect(await rulesOf(standby)).toEqual({ status: 'success', data: { groups: notEvaluated } });
      const evaluated = await rulesOf(evaluator);
      expect(evaluated.data.groups.map((g) => [g.name, g.rules.map((r) => [r['name'], r['health']])])).toEqual([
        [
          'listed-everywhere',
          [
            ['AlwaysOn', 'ok'],
            ['keel:listed:one', 'ok'],
          ],
        ],
        ['default-interval', [['keel:listed:two', 'ok']]],
      ]);
    } finally {
      await standby.close();
      await evaluator.close();
    }
  });
});
