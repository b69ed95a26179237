import { MemorySeriesStore } from '@keel/promql';
import { memoryQuerier } from './memory-querier';

describe('memoryQuerier', () => {
  const store = new MemorySeriesStore();
  store.add({ __name__: 'up', job: 'api' }, [{ t: 0, v: 1 }]);
  const q = memoryQuerier(store);

  it('returns a vector as samples and a scalar as one sample without labels', async () => {
    expect(await q.query('up', 30_000)).toEqual([{ labels: { __name__: 'up', job: 'api' }, value: 1 }]);
    expect(await q.query('time()', 30_000)).toEqual([{ labels: {}, value: 30 }]);
  });

  it("refuses other result types with Prometheus' message and passes query errors through", async () => {
    await expect(q.query('up[5m]', 0)).rejects.toThrow('rule result is not a vector or scalar');
    await expect(q.query('sum(', 0)).rejects.toThrow();
  });
});
