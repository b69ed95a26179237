import { PromQLError, type LabelMatcher as PromQLMatcher, type Series, type SeriesStore } from '@keel/promql';
import { InvalidMatcherError, METRIC_NAME_LABEL, type LabelMatcher } from '../storage/label-matcher';
import { seriesFilter } from '../storage/series-filter';
import type { SeriesRepository } from '../storage/series.repository';
import { QuerySamplesRepository, SampleBudgetExceeded, SampleReadTimedOut } from './query-samples.repository';

const TOO_MANY_SAMPLES = 'query processing would load too many samples into memory in query execution';
const TIMED_OUT = 'query timed out in query execution';
const INVALID_REGULAR_EXPRESSION = '2201B';

/** The storage's matcher shape, field by field, so a change on either side is a compile error here. */
export function toStorageMatcher(matcher: PromQLMatcher): LabelMatcher {
  return { name: matcher.name, type: matcher.type, value: matcher.value };
}

/**
 * @keel/promql's SeriesStore over the PostgreSQL store, for one query: the series come from the storage's
 * matcher → SQL translation, the samples from a read bounded by what is left of the query's sample budget and
 * time, so a query over the limits is refused by PostgreSQL before this process holds its rows.
 */
export class PromqlStorageAdapter implements SeriesStore {
  private remainingSamples: number;

  constructor(
    private readonly series: SeriesRepository,
    private readonly samples: QuerySamplesRepository,
    maxSamples: number,
    private readonly deadline: number,
  ) {
    this.remainingSamples = maxSamples;
  }

  async select(matchers: PromQLMatcher[], startMs: number, endMs: number): Promise<Series[]> {
    const storageMatchers = matchers.map(toStorageMatcher);
    const found = await this.guard(() => this.series.findMatching(seriesFilter(storageMatchers)));
    if (found.length === 0) return [];
    const timeLeft = this.deadline - Date.now();
    if (timeLeft <= 0) throw new PromQLError('timeout', TIMED_OUT);
    const columns = await this.guard(() =>
      this.samples.readRange(
        found.map((s) => s.id),
        startMs,
        endMs,
        this.remainingSamples,
        timeLeft,
      ),
    );
    this.remainingSamples -= columns.times.length;
    const byId = new Map<number, Series>();
    for (let i = 0; i < columns.seriesIds.length; i++) {
      const id = columns.seriesIds[i] as number;
      let entry = byId.get(id);
      if (entry === undefined) {
        entry = { labels: {}, samples: [] };
        byId.set(id, entry);
      }
      entry.samples.push({ t: columns.times[i] as number, v: columns.values[i] as number });
    }
    const selected: Series[] = [];
    for (const s of found) {
      const entry = byId.get(s.id);
      if (entry !== undefined) {
        entry.labels = { [METRIC_NAME_LABEL]: s.name, ...s.labels };
        selected.push(entry);
      }
    }
    return selected;
  }

  /** Storage failures a client caused become the engine's errors; the rest stay internal. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof SampleBudgetExceeded) throw new PromQLError('too_many_samples', TOO_MANY_SAMPLES);
      if (error instanceof SampleReadTimedOut) throw new PromQLError('timeout', TIMED_OUT);
      if (error instanceof InvalidMatcherError) throw new PromQLError('bad_data', error.message);
      if ((error as { code?: string }).code === INVALID_REGULAR_EXPRESSION) {
        throw new PromQLError('bad_data', `invalid regular expression: ${(error as Error).message}`);
      }
      throw error;
    }
  }
}
