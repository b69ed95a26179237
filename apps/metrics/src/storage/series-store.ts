import { Injectable } from '@nestjs/common';
import { METRIC_NAME_LABEL, type LabelMatcher } from './label-matcher';
import { SamplesRepository } from './samples.repository';
import { seriesFilter } from './series-filter';
import { SeriesRepository } from './series.repository';

export interface StoredSample {
  /** Milliseconds since the epoch. */
  t: number;
  v: number;
}

export interface SelectedSeries {
  /** All labels of the series, `__name__` included. */
  labels: Record<string, string>;
  samples: StoredSample[];
}

/**
 * The read side of the store, for the PromQL engine and the Prometheus HTTP API: the series matching every
 * matcher (Prometheus semantics: regexes fully anchored, a missing label is the empty string) that have at least
 * one sample in [startMs, endMs], with those samples in time order.
 */
@Injectable()
export class SeriesStore {
  constructor(
    private readonly series: SeriesRepository,
    private readonly samples: SamplesRepository,
  ) {}

  async selectSeries(matchers: readonly LabelMatcher[], startMs: number, endMs: number): Promise<SelectedSeries[]> {
    const found = await this.series.findMatching(seriesFilter(matchers));
    const rows = await this.samples.findRange(
      found.map((series) => series.id),
      startMs,
      endMs,
    );
    const bySeries = new Map<number, StoredSample[]>();
    for (const row of rows) {
      let samples = bySeries.get(row.seriesId);
      if (samples === undefined) {
        samples = [];
        bySeries.set(row.seriesId, samples);
      }
      samples.push({ t: row.t, v: row.value });
    }
    const selected: SelectedSeries[] = [];
    for (const series of found) {
      const samples = bySeries.get(series.id);
      if (samples !== undefined) {
        selected.push({ labels: { [METRIC_NAME_LABEL]: series.name, ...series.labels }, samples });
      }
    }
    return selected;
  }
}
