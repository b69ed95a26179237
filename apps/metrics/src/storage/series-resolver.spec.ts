import { SeriesResolver } from './series-resolver';
import type { NewSeries, SeriesRepository } from './series.repository';

/** An in-memory stand-in for the series table that records what reached it. */
function fakeRepository(): { repository: SeriesRepository; calls: NewSeries[][] } {
  const calls: NewSeries[][] = [];
  const table = new Map<string, number>();
  const repository = {
    resolveIds: (series: readonly NewSeries[]): Promise<Map<string, number>> => {
      calls.push([...series]);
      const found = new Map<string, number>();
      for (const s of series) {
        const hex = s.fingerprint.toString('hex');
        if (!table.has(hex)) table.set(hex, table.size + 1);
        found.set(hex, table.get(hex) as number);
      }
      return Promise.resolve(found);
    },
  } as unknown as SeriesRepository;
  return { repository, calls };
}

describe('SeriesResolver', () => {
  it('resolves each new series once per batch and serves later batches from the cache', async () => {
    const { repository, calls } = fakeRepository();
    const resolver = new SeriesResolver(repository, 100);
    const first = await resolver.resolve(['up', 'up', 'down'], [{ job: 'a' }, { job: 'a' }, { job: 'a' }]);
    expect(first.misses).toBe(2);
    expect(first.ids[0]).toBe(first.ids[1]);
    expect(first.ids[2]).not.toBe(first.ids[0]);
    const second = await resolver.resolve(['down', 'up'], [{ job: 'a' }, { job: 'a' }]);
    expect(second).toEqual({ ids: [first.ids[2], first.ids[0]], misses: 0 });
    expect(calls).toHaveLength(1);
  });

  it('gives one id to label orders and empty values that spell the same series, without a second lookup', async () => {
    const { repository, calls } = fakeRepository();
    const resolver = new SeriesResolver(repository, 100);
    const first = await resolver.resolve(
      ['up', 'up'],
      [
        { job: 'a', instance: 'x' },
        { instance: 'x', job: 'a' },
      ],
    );
    expect(first.misses).toBe(1);
    expect(first.ids[1]).toBe(first.ids[0]);
    const second = await resolver.resolve(['up'], [{ instance: 'x', job: 'a', path: '' }]);
    expect(second).toEqual({ ids: [first.ids[0]], misses: 0 });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.[0]?.labels).toEqual({ instance: 'x', job: 'a' });
  });
});
