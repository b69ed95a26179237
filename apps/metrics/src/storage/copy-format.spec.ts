import { copyTextChunks } from './copy-format';

describe('copyTextChunks', () => {
  it('writes one tab-separated line per sample, special values as PostgreSQL spells them', () => {
    const text = [
      ...copyTextChunks({
        seriesIds: [1, 2, 3, 4],
        times: [1000, 2000, 3000, 4000],
        values: [0.1, Number.NaN, Number.POSITIVE_INFINITY, -1e-300],
      }),
    ].join('');
    expect(text).toBe('1\t1000\t0.1\n2\t2000\tNaN\n3\t3000\tInfinity\n4\t4000\t-1e-300\n');
  });

  it('splits many rows into chunks without losing any', () => {
    const n = 10_000;
    const columns = {
      seriesIds: Array.from({ length: n }, (_, i) => i),
      times: Array.from({ length: n }, () => 1),
      values: Array.from({ length: n }, () => 2),
    };
    const chunks = [...copyTextChunks(columns)];
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('').split('\n')).toHaveLength(n + 1);
  });

  it('writes nothing for no samples', () => {
    expect([...copyTextChunks({ seriesIds: [], times: [], values: [] })]).toEqual([]);
  });
});
