import { evaluateInstant } from './engine';
import { storeFrom } from './test-store';
import type { QueryValue } from './types';

function values(value: QueryValue): Record<string, number> {
  if (value.type === 'scalar') {
    return { scalar: value.v };
  }
  if (value.type !== 'vector') {
    throw new Error(`expected a vector, got ${value.type}`);
  }
  return Object.fromEntries(value.samples.map((x) => [JSON.stringify(x.labels), x.v]));
}

const store = storeFrom(300_000, [
  'node_cpu{instance="a",mode="idle"} 3',
  'node_cpu{instance="a",mode="user"} 1',
  'node_cpu{instance="b",mode="idle"} 8',
  'node_role{instance="a",role="db"} 1',
  'lhs{instance="a"} 10',
  'rhs{instance="a"} 4',
  'dup{label="x"} 1',
  'dup{label="y"} 2',
  'one{} 3',
]);

async function run(query: string): Promise<Record<string, number>> {
  return values((await evaluateInstant(query, 60_000, store)).value);
}

describe('binary operators', () => {
  it('scalar arithmetic and bool comparisons', async () => {
    expect(await run('2 ^ 3 ^ 2')).toEqual({ scalar: 512 });
    expect(await run('5 % 3')).toEqual({ scalar: 2 });
    expect(await run('1 == bool 2')).toEqual({ scalar: 0 });
    expect(await run('1 / 0')).toEqual({ scalar: Infinity });
  });

  it('vector-scalar arithmetic drops the name; comparisons filter and keep it', async () => {
    expect(await run('lhs * 2')).toEqual({ '{"instance":"a"}': 20 });
    expect(await run('lhs > 5')).toEqual({ '{"__name__":"lhs","instance":"a"}': 10 });
    expect(await run('5 < lhs')).toEqual({ '{"__name__":"lhs","instance":"a"}': 10 });
    expect(await run('lhs > bool 50')).toEqual({ '{"instance":"a"}': 0 });
  });

  it('one-to-one matching ignores the metric name', async () => {
    expect(await run('lhs - rhs')).toEqual({ '{"instance":"a"}': 6 });
    expect(await run('lhs > rhs')).toEqual({ '{"__name__":"lhs","instance":"a"}': 10 });
  });

  it('group_left copies labels from the one side', async () => {
    expect(await run('node_cpu * on(instance) group_left(role) node_role')).toEqual({
      '{"instance":"a","mode":"idle","role":"db"}': 3,
      '{"instance":"a","mode":"user","role":"db"}': 1,
    });
    expect(await run('node_role * on(instance) group_right(role) node_cpu')).toEqual({
      '{"instance":"a","mode":"idle","role":"db"}': 3,
      '{"instance":"a","mode":"user","role":"db"}': 1,
    });
  });

  it('and, or, unless work on signatures', async () => {
    expect(Object.keys(await run('node_cpu and on(instance) node_role'))).toHaveLength(2);
    expect(Object.keys(await run('node_cpu unless on(instance) node_role'))).toEqual([
      '{"__name__":"node_cpu","instance":"b","mode":"idle"}',
    ]);
    expect(Object.keys(await run('lhs or rhs'))).toEqual(['{"__name__":"lhs","instance":"a"}']);
  });

  it('refuses many-to-many matching with the duplicate series named', async () => {
    await expect(evaluateInstant('one > on() dup', 0, store)).rejects.toThrow(
      'found duplicate series for the match group {} on the right hand-side of the operation: ' +
        '[{__name__="dup", label="x"}, {__name__="dup", label="y"}];many-to-many matching not allowed: matching labels must be unique on one side',
    );
  });

  it('refuses implicit many-to-one matching', async () => {
    await expect(evaluateInstant('node_cpu + on(instance) node_role', 0, store)).rejects.toThrow(
      'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
    );
  });

  it('refuses a result with duplicate label sets', async () => {
    await expect(evaluateInstant('-dup / on() group_left one', 0, store)).resolves.toBeDefined();
    await expect(evaluateInstant('-{__name__=~"lhs|rhs"}', 0, store)).rejects.toThrow(
      'vector cannot contain metrics with the same labelset',
    );
  });
});
