import { parseRuleFile } from '@keel/rules';
import { rulesData } from '../prometheus-api/prom-rules-format';
import { groupKey, type LoadedGroup } from '../rules/loaded-group';
import { groupDefaultsOf, groupStatusesInEffect, notEvaluatedGroupStatus, type GroupStatus } from './group-status';

const FILE = 'rules/app.yml';
const SOURCE = `groups:
  - name: with-interval
    interval: 30s
    query_offset: 5s
    limit: 10
    rules:
      - alert: HighLatency
        expr: latency_seconds > 1
        for: 5m
        keep_firing_for: 1m
        labels: { severity: page }
        annotations: { summary: slow }
      - record: job:latency:max
        expr: max by (job) (latency_seconds)
        labels: { origin: rules }
  - name: defaults
    rules:
      - record: one
        expr: vector(1)
`;

function loadedGroups(): LoadedGroup[] {
  const parsed = parseRuleFile(SOURCE, FILE);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return parsed.groups.map((group) => ({
    key: groupKey(FILE, group.name),
    file: FILE,
    source: 'file',
    group,
    digest: group.name,
  }));
}

const defaults = groupDefaultsOf({ ALERTING_EVALUATION_INTERVAL_SECONDS: 15, ALERTING_QUERY_OFFSET_SECONDS: 10 });

describe('notEvaluatedGroupStatus', () => {
  it("shows a group's rules as defined, never evaluated, with the group's own interval, offset and limit", () => {
    const [withInterval] = loadedGroups();
    expect(notEvaluatedGroupStatus(withInterval, defaults)).toEqual({
      key: `${FILE};with-interval`,
      name: 'with-interval',
      file: FILE,
      source: 'file',
      intervalMs: 30_000,
      queryOffsetMs: 5_000,
      limit: 10,
      lastEvaluation: undefined,
      evaluationMs: 0,
      rules: [
        {
          name: 'HighLatency',
          type: 'alerting',
          query: 'latency_seconds > 1',
          forMs: 300_000,
          keepFiringForMs: 60_000,
          labels: { severity: 'page' },
          annotations: { summary: 'slow' },
          health: 'unknown',
          lastError: undefined,
          lastEvaluation: undefined,
          evaluationMs: 0,
          alerts: [],
        },
        {
          name: 'job:latency:max',
          type: 'recording',
          query: 'max by (job) (latency_seconds)',
          forMs: 0,
          keepFiringForMs: 0,
          labels: { origin: 'rules' },
          annotations: {},
          health: 'unknown',
          lastError: undefined,
          lastEvaluation: undefined,
          evaluationMs: 0,
          alerts: [],
        },
      ],
    });
  });

  it('uses the defaults for a group that sets no interval or query offset', () => {
    const [, plain] = loadedGroups();
    expect(notEvaluatedGroupStatus(plain, defaults)).toMatchObject({ intervalMs: 15_000, queryOffsetMs: 10_000 });
  });
});

describe('groupStatusesInEffect', () => {
  it("lists every group in effect in the sources' order: a runner's status where there is one", () => {
    const [withInterval, plain] = loadedGroups();
    const evaluated: GroupStatus = {
      ...notEvaluatedGroupStatus(plain, defaults),
      lastEvaluation: new Date(1_700_000_000_000),
      evaluationMs: 3,
    };
    const stale: GroupStatus = { ...evaluated, key: `${FILE};removed`, name: 'removed' };

    const statuses = groupStatusesInEffect([withInterval, plain], [stale, evaluated], defaults);

    expect(statuses.map((s) => s.name)).toEqual(['with-interval', 'defaults']);
    expect(statuses[0]).toEqual(notEvaluatedGroupStatus(withInterval, defaults));
    expect(statuses[1]).toBe(evaluated);
  });

  it('is what GET /api/v1/rules lists on a process that does not evaluate', () => {
    const data = rulesData(groupStatusesInEffect(loadedGroups(), [], defaults), { excludeAlerts: false });
    expect(data).toEqual({
      groups: [
        expect.objectContaining({
          name: 'with-interval',
          file: FILE,
          interval: 30,
          limit: 10,
          lastEvaluation: '0001-01-01T00:00:00Z',
          rules: [
            expect.objectContaining({
              name: 'HighLatency',
              state: 'inactive',
              duration: 300,
              alerts: [],
              health: 'unknown',
              type: 'alerting',
            }),
            expect.objectContaining({ name: 'job:latency:max', health: 'unknown', type: 'recording' }),
          ],
        }),
        expect.objectContaining({ name: 'defaults', interval: 15, rules: [expect.objectContaining({ name: 'one' })] }),
      ],
    });
  });
});
