import type { LabelMatcher } from '../ast/ast';
import { labelsKey, sortedLabels } from './labels';
import { matchesAll } from './matchers';
import type { Labels, Sample, Series, SeriesStore } from './types';

/** An in-memory SeriesStore for tests, the conformance runner and small tools. */
export class MemorySeriesStore implements SeriesStore {
  private readonly series = new Map<string, Series>();

  /** Adds samples to a series (created on first use); a sample at an existing timestamp replaces it. */
  add(labels: Labels, samples: readonly Sample[]): void {
    const clean = sortedLabels(labels);
    const key = labelsKey(clean);
    let entry = this.series.get(key);
    if (!entry) {
      entry = { labels: clean, samples: [] };
      this.series.set(key, entry);
    }
    const byTime = new Map(entry.samples.map((s) => [s.t, s.v]));
    for (const s of samples) {
      byTime.set(s.t, s.v);
    }
    entry.samples = [...byTime.entries()].sort((a, b) => a[0] - b[0]).map(([t, v]) => ({ t, v }));
  }

  clear(): void {
    this.series.clear();
  }

  /** Every stored series' labels, for tools that need to look at the data set. */
  allLabels(): Labels[] {
    return [...this.series.values()].map((s) => s.labels);
  }

  async select(matchers: LabelMatcher[], startMs: number, endMs: number): Promise<Series[]> {
    const out: Series[] = [];
    for (const s of this.series.values()) {
      if (!matchesAll(matchers, s.labels)) {
        continue;
      }
      out.push({ labels: s.labels, samples: s.samples.filter((p) => p.t >= startMs && p.t <= endMs) });
    }
    return out;
  }
}
