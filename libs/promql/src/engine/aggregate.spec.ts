import { evaluateInstant } from './engine';
import { storeFrom } from './test-store';
import type { QueryValue } from './types';

function entries(value: QueryValue): [string, number][] {
  if (value.type !== 'vector') {
    throw new Error(`expected a vector, got ${value.type}`);
  }
  return value.samples.map((x) => [JSON.stringify(x.labels), x.v]);
}

const store = storeFrom(300_000, [
  'req{job="api",instance="0",group="prod"} 100',
  'req{job="api",instance="1",group="prod"} 200',
  'req{job="api",instance="0",group="canary"} 300',
  'req{job="app",instance="0",group="prod"} 500',
  'req{job="app",instance="1",group="canary"} NaN',
  'ver{job="api",instance="0"} 6',
  'ver{job="api",instance="1"} 6',
  'ver{job="app",instance="0"} 7',
]);

async function run(query: string): Promise<Record<string, number>> {
  return Object.fromEntries(entries((await evaluateInstant(query, 0, store)).value));
}

describe('aggregations', () => {
  it('sum, avg, count, min, max and group by labels', async () => {
    expect(await run('sum by (job) (req{job="api"})')).toEqual({ '{"job":"api"}': 600 });
    expect(await run('avg without (instance, group) (req{job="api"})')).toEqual({ '{"job":"api"}': 200 });
    expect(await run('count(req)')).toEqual({ '{}': 5 });
    expect(await run('max(req)')).toEqual({ '{}': 500 });
    expect(await run('min by (group) (req{job="api"})')).toEqual({
      '{"group":"prod"}': 100,
      '{"group":"canary"}': 300,
    });
    expect(await run('group by (job) (req)')).toEqual({ '{"job":"api"}': 1, '{"job":"app"}': 1 });
  });

  it('stddev and stdvar use the population formulas', async () => {
    expect(await run('stdvar(req{job="api"})')).toEqual({ '{}': 20000 / 3 });
    expect((await run('stddev(req{job="api"})'))['{}']).toBeCloseTo(Math.sqrt(20000 / 3));
  });

  it('sum is compensated against cancellation', async () => {
    const big = storeFrom(1000, ['x{p="a"} 2', 'x{p="b"} 8', 'x{p="c"} 1e100', 'x{p="d"} -1e100']);
    const r = await evaluateInstant('sum(x)', 0, big);
    expect(entries(r.value)).toEqual([['{}', 10]]);
  });

  it('topk and bottomk keep whole series, order them, and put NaN last', async () => {
    const top = entries((await evaluateInstant('topk(2, req)', 0, store)).value);
    expect(top.map(([, v]) => v)).toEqual([500, 300]);
    expect(top[0][0]).toContain('"__name__":"req"');
    const bottom = entries((await evaluateInstant('bottomk(10, req{job="app"})', 0, store)).value);
    expect(bottom.map(([, v]) => v)).toEqual([500, NaN]);
    await expect(evaluateInstant('topk(NaN, req)', 0, store)).rejects.toThrow('Parameter value is NaN');
  });

  it('quantile interpolates and warns outside [0, 1]', async () => {
    expect(await run('quantile(0.5, req{job="api"})')).toEqual({ '{}': 200 });
    const r = await evaluateInstant('quantile(1.5, req)', 0, store);
    expect(r.warnings).toEqual(['PromQL warning: quantile value should be between 0 and 1, got 1.5 (1:10)']);
  });

  it('count_values counts by value label', async () => {
    expect(await run('count_values("version", ver)')).toEqual({ '{"version":"6"}': 2, '{"version":"7"}': 1 });
    await expect(evaluateInstant('count_values("a\\xc5z", ver)', 0, store)).rejects.toThrow(
      'invalid label name "a\\xc5z"',
    );
  });

  it('limitk takes k series per group', async () => {
    expect(Object.keys(await run('limitk by (job) (1, req)'))).toHaveLength(2);
  });
});
