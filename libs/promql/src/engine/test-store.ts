import { parseSeriesDescription, parseSeriesValues } from '../testing/series-notation';
import { MemorySeriesStore } from './memory-store';
import { STALE_NAN } from './stale';

/** Builds a store from promqltest-style lines (`metric{a="b"} 0+1x10`) at a fixed interval; for specs. */
export function storeFrom(intervalMs: number, lines: string[]): MemorySeriesStore {
  const store = new MemorySeriesStore();
  for (const line of lines) {
    const { labels, rest } = parseSeriesDescription(line);
    const samples = parseSeriesValues(rest).flatMap((v, i) => {
      if (v.kind === 'float') {
        return [{ t: i * intervalMs, v: v.v }];
      }
      return v.kind === 'stale' ? [{ t: i * intervalMs, v: STALE_NAN }] : [];
    });
    store.add(labels, samples);
  }
  return store;
}
