import { config } from '../testing/factories';
import { Route } from './route';

const tree = (): Route =>
  Route.fromConfig(
    config(
      'route:',
      '  receiver: default',
      '  group_by: [alertname]',
      '  routes:',
      '    - match: { owner: team-A }',
      '      receiver: team-a',
      '      routes:',
      '        - match: { env: testing }',
      '          receiver: testing',
      "          group_by: ['...']",
      '        - match: { env: production }',
      '          receiver: prod-a',
      '          group_wait: 1m',
      '          continue: true',
      '        - match_re: { env: "produ.*", job: ".*" }',
      '          receiver: prod-b',
      '          group_by: [job]',
      '          group_interval: 10m',
      '          repeat_interval: 1h',
      '    - matchers: [\'owner=~"team-(B|C)"\']',
      '      receiver: team-bc',
      '      group_by: [foo, bar]',
      '    - matchers: [\'{owner="team-A", zone!="eu"}\', \'a="1"\']',
      '      receiver: never-reached',
      'receivers:',
      ...['default', 'team-a', 'testing', 'prod-a', 'prod-b', 'team-bc', 'never-reached'].map((n) => `  - name: ${n}`),
    ).route,
  );

describe('Route', () => {
  it('computes keys and ids like Alertmanager', () => {
    const root = tree();
    const keys: string[] = [];
    const ids: string[] = [];
    root.walk((r) => {
      keys.push(r.key());
      ids.push(r.id());
    });
    expect(keys).toEqual([
      '{}',
      '{}/{owner="team-A"}',
      '{}/{owner="team-A"}/{env="testing"}',
      '{}/{owner="team-A"}/{env="production"}',
      '{}/{owner="team-A"}/{env=~"produ.*",job=~".*"}',
      '{}/{owner=~"team-(B|C)"}',
      '{}/{a="1",owner="team-A",zone!="eu"}',
    ]);
    expect(ids).toEqual([
      '{}',
      '{}/{owner="team-A"}/0',
      '{}/{owner="team-A"}/{env="testing"}/0',
      '{}/{owner="team-A"}/{env="production"}/1',
      '{}/{owner="team-A"}/{env=~"produ.*",job=~".*"}/2',
      '{}/{owner=~"team-(B|C)"}/1',
      '{}/{a="1",owner="team-A",zone!="eu"}/2',
    ]);
  });

  it('matches depth-first and stops at the first matching child unless it continues', () => {
    const receivers = (labels: Record<string, string>): string[] =>
      tree()
        .match(labels)
        .map((r) => r.options.receiver);
    expect(receivers({ owner: 'team-A', env: 'testing' })).toEqual(['testing']);
    expect(receivers({ owner: 'team-A', env: 'production', job: 'x' })).toEqual(['prod-a', 'prod-b']);
    expect(receivers({ owner: 'team-A', env: 'staging' })).toEqual(['team-a']);
    expect(receivers({ owner: 'team-C' })).toEqual(['team-bc']);
    expect(receivers({ owner: 'team-Z' })).toEqual(['default']);
    // The third child would match too, but the first matching sibling does not continue.
    expect(receivers({ owner: 'team-A', a: '1' })).toEqual(['team-a']);
  });

  it('inherits options from the parent and the defaults', () => {
    const root = tree();
    const [teamA, teamBC] = root.routes;
    const [testing, prodA, prodB] = teamA.routes;
    expect(root.options).toMatchObject({
      groupWaitMs: 30_000,
      groupIntervalMs: 300_000,
      repeatIntervalMs: 14_400_000,
      groupByAll: false,
    });
    expect([...teamA.options.groupBy]).toEqual(['alertname']);
    expect(testing.options.groupByAll).toBe(true);
    expect(prodA.options).toMatchObject({ groupWaitMs: 60_000, groupIntervalMs: 300_000 });
    expect([...prodA.options.groupBy]).toEqual(['alertname']);
    expect(prodB.options).toMatchObject({ groupWaitMs: 30_000, groupIntervalMs: 600_000, repeatIntervalMs: 3_600_000 });
    expect([...prodB.options.groupBy]).toEqual(['job']);
    expect([...teamBC.options.groupBy]).toEqual(['foo', 'bar']);
  });

  it('lets an explicit group_by below a `...` route turn grouping by all labels off', () => {
    const root = Route.fromConfig(
      config(
        "route: { receiver: r, group_by: ['...'], routes: [{ match: { a: b }, group_by: [x] }, { match: { c: d } }] }",
        'receivers: [{ name: r }]',
      ).route,
    );
    expect(root.routes[0].options.groupByAll).toBe(false);
    expect(root.routes[1].options.groupByAll).toBe(true);
  });

  it('builds group labels and group keys', () => {
    const root = tree();
    const labels = { alertname: 'HighLatency', owner: 'team-A', env: 'testing', job: 'api' };
    const [testing] = root.match(labels);
    expect(testing.groupLabels(labels)).toEqual(labels);
    expect(root.groupLabels(labels)).toEqual({ alertname: 'HighLatency' });
    expect(root.groupKey(root.groupLabels(labels))).toBe('{}:{alertname="HighLatency"}');
    expect(testing.groupKey(testing.groupLabels(labels))).toBe(
      '{}/{owner="team-A"}/{env="testing"}:{alertname="HighLatency", env="testing", job="api", owner="team-A"}',
    );
    // group_by labels missing from the alert are left out of the group.
    expect(root.routes[1].groupLabels({ owner: 'team-B', foo: '1' })).toEqual({ foo: '1' });
  });
});
