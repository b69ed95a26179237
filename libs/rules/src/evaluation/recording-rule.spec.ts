import { MemorySeriesStore, parseSeriesDescription, parseSeriesValues } from '@keel/promql';
import type { RecordingRule } from '../rule-file/rule-file.types';
import { memoryQuerier, NOT_A_VECTOR_OR_SCALAR } from './memory-querier';
import { RecordingRuleEvaluator } from './recording-rule';

const MIN = 60_000;

function storeOf(...lines: string[]): MemorySeriesStore {
  const store = new MemorySeriesStore();
  for (const line of lines) {
    const { labels, rest } = parseSeriesDescription(line);
    store.add(
      labels,
      parseSeriesValues(rest).flatMap((v, i) => (v.kind === 'float' ? [{ t: i * MIN, v: v.v }] : [])),
    );
  }
  return store;
}

function rule(name: string, expr: string, labels: Record<string, string> = {}): RecordingRule {
  return { kind: 'recording', name, expr, labels, position: { file: 'rules.yml', line: 1, column: 1 } };
}

describe('RecordingRuleEvaluator', () => {
  const store = storeOf(
    'up{job="api",instance="a"} 1 1',
    'up{job="api",instance="b"} 0 1',
    'up{job="db",instance="c"} 1 1',
  );

  it('names the result after the rule, applies its labels and writes at ts minus the query offset', async () => {
    const r = new RecordingRuleEvaluator(rule('job:up:sum', 'sum by (job) (up)', { team: 'core' }));
    const out = await r.eval(2 * MIN, MIN, memoryQuerier(store));
    expect(out.sort((a, b) => a.labels.job.localeCompare(b.labels.job))).toEqual([
      { labels: { __name__: 'job:up:sum', job: 'api', team: 'core' }, timestampMs: MIN, value: 2 },
      { labels: { __name__: 'job:up:sum', job: 'db', team: 'core' }, timestampMs: MIN, value: 1 },
    ]);
    expect(r.health).toBe('ok');
    expect(r.lastEvaluationMs).toEqual(expect.any(Number));
  });

  it('records a scalar as one series named after the rule; an empty rule label removes that label', async () => {
    const scalar = new RecordingRuleEvaluator(rule('fixed', '1'));
    expect(await scalar.eval(0, 0, memoryQuerier(store))).toEqual([
      { labels: { __name__: 'fixed' }, timestampMs: 0, value: 1 },
    ]);
    const dropped = new RecordingRuleEvaluator(rule('db_up', 'up{job="db"}', { job: '' }));
    expect((await dropped.eval(0, 0, memoryQuerier(store)))[0].labels).toEqual({ __name__: 'db_up', instance: 'c' });
  });

  it('refuses results that collapse into one label set once renamed', async () => {
    const both = storeOf('a{x="1"} 1', 'b{x="1"} 2');
    const r = new RecordingRuleEvaluator(rule('ab', '{__name__=~"a|b"}'));
    await expect(r.eval(0, 0, memoryQuerier(both))).rejects.toThrow(
      'vector contains metrics with the same labelset after applying rule labels',
    );
    expect(r.health).toBe('err');
  });

  it('fails past the group limit', async () => {
    const r = new RecordingRuleEvaluator(rule('copy', 'up'));
    await expect(r.eval(0, 0, memoryQuerier(store), 2)).rejects.toThrow('exceeded limit of 2 with 3 series');
    expect(await r.eval(0, 0, memoryQuerier(store), 3)).toHaveLength(3);
    expect(r.health).toBe('ok');
    expect(r.lastError).toBeUndefined();
  });

  it('fails on a result that is neither a vector nor a scalar', async () => {
    const r = new RecordingRuleEvaluator(rule('text', '"hello"'));
    await expect(r.eval(0, 0, memoryQuerier(store))).rejects.toThrow(NOT_A_VECTOR_OR_SCALAR);
    expect(r.lastError).toBe('rule result is not a vector or scalar');
  });
});
