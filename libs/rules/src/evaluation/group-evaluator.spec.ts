import { isStaleNaN, MemorySeriesStore, parseSeriesDescription, parseSeriesValues, STALE_NAN } from '@keel/promql';
import type { Rule, RuleGroup } from '../rule-file/rule-file.types';
import type { AlertTransition } from './evaluation.types';
import { GroupEvaluator, type RuleOutput } from './group-evaluator';
import { memoryQuerier } from './memory-querier';

const MIN = 60_000;
const position = { file: 'rules.yml', line: 1, column: 1 };

function storeOf(...lines: string[]): MemorySeriesStore {
  const store = new MemorySeriesStore();
  for (const line of lines) {
    const { labels, rest } = parseSeriesDescription(line);
    const samples = parseSeriesValues(rest).flatMap((v, i) => {
      if (v.kind === 'float') return [{ t: i * MIN, v: v.v }];
      return v.kind === 'stale' ? [{ t: i * MIN, v: STALE_NAN }] : [];
    });
    store.add(labels, samples);
  }
  return store;
}

function alert(name: string, expr: string, forMs = 0, labels: Record<string, string> = {}): Rule {
  return { kind: 'alerting', name, expr, forMs, keepFiringForMs: 0, labels, annotations: {}, position };
}

function record(name: string, expr: string): Rule {
  return { kind: 'recording', name, expr, labels: {}, position };
}

function group(rules: Rule[], extra: Partial<RuleGroup> = {}): RuleGroup {
  return { name: 'g', limit: 0, labels: {}, rules, position, ...extra };
}

const brief = (t: AlertTransition): string => `${t.rule} ${t.from}->${t.to}`;

describe('GroupEvaluator', () => {
  it('makes a recording result visible to the next rules at the same timestamp through the sink', async () => {
    const rules = [record('job:up:sum', 'sum by (job) (up)'), alert('JobDown', 'job:up:sum == 0')];
    const withSink = storeOf('up{job="api",instance="a"} 0');
    const g = new GroupEvaluator(group(rules));
    const sink = (o: RuleOutput): void =>
      o.samples.forEach((s) => withSink.add(s.labels, [{ t: s.timestampMs, v: s.value }]));
    const result = await g.eval(0, memoryQuerier(withSink), { sink });
    expect(result.transitions.map(brief)).toEqual(['JobDown inactive->firing']);
    expect(result.samples.map((s) => s.labels.__name__)).toEqual(['job:up:sum', 'ALERTS', 'ALERTS_FOR_STATE']);

    const withoutSink = new GroupEvaluator(group(rules));
    const alone = await withoutSink.eval(0, memoryQuerier(storeOf('up{job="api",instance="a"} 0')));
    expect(alone.transitions).toEqual([]);
  });

  it('records a failing rule on that rule and evaluates the others', async () => {
    const g = new GroupEvaluator(group([record('broken', '"text"'), alert('Always', '1'), record('one', '1')]));
    const result = await g.eval(0, memoryQuerier(new MemorySeriesStore()));
    expect(result.rules.map((r) => [r.name, r.health, r.lastError, r.samples])).toEqual([
      ['broken', 'err', 'rule result is not a vector or scalar', 0],
      ['Always', 'ok', undefined, 2],
      ['one', 'ok', undefined, 1],
    ]);
    expect(g.rules[0].health).toBe('err');
    expect(result.alertsToSend.map((a) => a.alert.labels.alertname)).toEqual(['Always']);
  });

  it('marks a rule failed when the sink refuses its output, and goes on', async () => {
    const g = new GroupEvaluator(group([record('a', '1'), record('b', '2')]));
    const sink = (o: RuleOutput): void => {
      if (o.rule === 'a') throw new Error('out of order sample');
    };
    const result = await g.eval(0, memoryQuerier(new MemorySeriesStore()), { sink });
    expect(result.rules.map((r) => [r.name, r.health, r.lastError])).toEqual([
      ['a', 'err', 'out of order sample'],
      ['b', 'ok', undefined],
    ]);
  });

  it('reports every alert transition, once, and which persisted fields changed', async () => {
    const g = new GroupEvaluator(
      group([alert('Short', 'up == 0', MIN), alert('Long', 'up == 0', 5 * MIN), alert('Now', 'up == 0')]),
    );
    const q = memoryQuerier(storeOf('up{job="api"} 0 0 0 1x30'));
    const at = async (t: number): Promise<string[]> => (await g.eval(t, q)).transitions.map(brief);

    expect(await at(0)).toEqual(['Short inactive->pending', 'Long inactive->pending', 'Now inactive->firing']);
    const first = await g.eval(MIN, q);
    expect(first.transitions.map(brief)).toEqual(['Short pending->firing']);
    expect(first.changedAlerts.map((c) => [c.rule, c.fields])).toEqual([
      ['Short', ['state', 'firedAtMs', 'lastSentAtMs', 'validUntilMs']],
    ]);
    const second = await g.eval(2 * MIN, q);
    expect(second.transitions).toEqual([]);
    // Only the resend of `Now` (sent at 0, resend delay 1m passed) touches stored fields.
    expect(second.changedAlerts.map((c) => [c.rule, c.fields])).toEqual([['Now', ['lastSentAtMs', 'validUntilMs']]]);
    expect(await at(3 * MIN)).toEqual(['Short firing->resolved', 'Long pending->deleted', 'Now firing->resolved']);
    expect(await at(18 * MIN)).toEqual([]);
    expect(await at(19 * MIN)).toEqual(['Short inactive->deleted', 'Now inactive->deleted']);
  });

  it('writes stale markers for series a rule stopped producing (ALERTS of a former state included)', async () => {
    const store = storeOf('up{job="a"} 0 stale', 'up{job="b"} 0 0');
    const g = new GroupEvaluator(group([record('copy', 'up'), alert('Down', 'up{job="b"} == 0', MIN)]));
    await g.eval(0, memoryQuerier(store));
    const result = await g.eval(MIN, memoryQuerier(store));
    const stale = result.samples.filter((s) => isStaleNaN(s.value));
    expect(stale.map((s) => [s.labels, s.timestampMs])).toEqual([
      [{ __name__: 'copy', job: 'a' }, MIN],
      [{ __name__: 'ALERTS', alertname: 'Down', alertstate: 'pending', job: 'b' }, MIN],
    ]);
  });

  it('applies group labels under rule labels, and the group interval, offset and limit', async () => {
    const g = new GroupEvaluator(
      group([alert('A', 'vector(1)', 0, { team: 'rule' })], {
        labels: { team: 'group', env: 'prod' },
        intervalMs: 5 * MIN,
        queryOffsetMs: 30_000,
      }),
      { evaluationIntervalMs: MIN, queryOffsetMs: 0, externalURL: 'http://prom' },
    );
    expect([g.intervalMs, g.queryOffsetMs, g.file]).toEqual([5 * MIN, 30_000, 'rules.yml']);
    const result = await g.eval(MIN, memoryQuerier(new MemorySeriesStore()));
    expect(result.alertsToSend).toEqual([
      expect.objectContaining({
        alert: expect.objectContaining({
          labels: { alertname: 'A', env: 'prod', team: 'rule' },
          validUntilMs: 21 * MIN,
        }),
        notification: expect.objectContaining({
          generatorURL: 'http://prom/graph?g0.expr=vector%281%29&g0.tab=1',
        }),
      }),
    ]);
    expect(result.samples[0].timestampMs).toBe(30_000);

    const defaults = new GroupEvaluator(group([]), { evaluationIntervalMs: 2 * MIN, queryOffsetMs: 1000 });
    expect([defaults.intervalMs, defaults.queryOffsetMs]).toEqual([2 * MIN, 1000]);
  });

  it('restores alerts per rule name', async () => {
    const g = new GroupEvaluator(group([alert('Down', 'up == 0', 5 * MIN)]));
    g.restore({
      Down: [
        {
          fingerprint: '',
          labels: { alertname: 'Down', job: 'api' },
          annotations: {},
          state: 'pending',
          value: 0,
          activeAtMs: 0,
        },
      ],
    });
    const result = await g.eval(5 * MIN, memoryQuerier(storeOf('up{job="api"} 0x5')));
    expect(result.transitions.map(brief)).toEqual(['Down pending->firing']);
    expect(g.alertingRule('Down')?.activeAlerts()[0].firedAtMs).toBe(5 * MIN);
  });
});
