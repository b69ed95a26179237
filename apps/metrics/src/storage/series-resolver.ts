import { LruCache } from './lru-cache';
import { fingerprintOf, normalizeLabels, rawSeriesKey, seriesKey, type LabelSet } from './series-key';
import type { NewSeries, SeriesRepository } from './series.repository';

export interface ResolveReport {
  ids: number[];
  /** Distinct series of the batch that were not in the cache. */
  misses: number;
}

interface Missing {
  series: NewSeries;
  positions: number[];
  /** Raw keys of the samples waiting for this series, cached along with the canonical key once resolved. */
  rawKeys: Set<string>;
}

/**
 * Series ids for samples: from the in-process LRU cache, the misses created or read in one bulk statement. The
 * cache is looked up by rawSeriesKey (no sort per sample); only a miss pays for the canonical key, which finds a
 * series already cached under another label order before going to the database.
 */
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
    const missing = new Map<string, Missing>();
    for (let i = 0; i < names.length; i += 1) {
      const name = names[i] as string;
      const labels = labelSets[i] as LabelSet;
      const raw = rawSeriesKey(name, labels);
      const id = this.cache.get(raw);
      if (id !== undefined) {
        ids[i] = id;
        continue;
      }
      const key = seriesKey(name, labels);
      const known = key === raw ? undefined : this.cache.get(key);
      if (known !== undefined) {
        this.cache.set(raw, known);
        ids[i] = known;
        continue;
      }
      const entry = missing.get(key);
      if (entry === undefined) {
        missing.set(key, {
          series: { fingerprint: fingerprintOf(key), name, labels: normalizeLabels(labels) },
          positions: [i],
          rawKeys: new Set([raw]),
        });
      } else {
        entry.positions.push(i);
        entry.rawKeys.add(raw);
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
        for (const raw of entry.rawKeys) {
          this.cache.set(raw, id);
        }
        for (const position of entry.positions) {
          ids[position] = id;
        }
      }
    }
    return { ids, misses: missing.size };
  }
}
