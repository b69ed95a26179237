import { LruCache } from './lru-cache';
import { fingerprintOf, normalizeLabels, seriesKey, type LabelSet } from './series-key';
import type { NewSeries, SeriesRepository } from './series.repository';

export interface ResolveReport {
  ids: number[];
  /** Distinct series of the batch that were not in the cache. */
  misses: number;
}

/** Series ids for samples: from the in-process LRU cache, the misses created or read in one bulk statement. */
export class SeriesResolver {
  private readonly cache: LruCache<string, number>;

  constructor(
    private readonly repository: SeriesRepository,
    cacheSize: number,
  ) {
    this.cache = new LruCache(cacheSize);
  }

  async resolve(names: readonly string[], labelSets: readonly LabelSet[]): Promise<ResolveReport> {
    const ids = new Array<number>(names.length);
    const missing = new Map<string, { series: NewSeries; positions: number[] }>();
    for (let i = 0; i < names.length; i += 1) {
      const name = names[i] as string;
      const labels = labelSets[i] as LabelSet;
      const key = seriesKey(name, labels);
      const id = this.cache.get(key);
      if (id !== undefined) {
        ids[i] = id;
        continue;
      }
      const entry = missing.get(key);
      if (entry === undefined) {
        missing.set(key, {
          series: { fingerprint: fingerprintOf(key), name, labels: normalizeLabels(labels) },
          positions: [i],
        });
      } else {
        entry.positions.push(i);
      }
    }
    if (missing.size > 0) {
      const found = await this.repository.resolveIds([...missing.values()].map((entry) => entry.series));
      for (const [key, entry] of missing) {
        const id = found.get(entry.series.fingerprint.toString('hex'));
        if (id === undefined) {
          throw new Error(`series ${JSON.stringify(key)} has no id after its upsert`);
        }
        this.cache.set(key, id);
        for (const position of entry.positions) {
          ids[position] = id;
        }
      }
    }
    return { ids, misses: missing.size };
  }
}
