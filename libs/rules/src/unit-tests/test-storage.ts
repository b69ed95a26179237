import { type LabelMatcher, type Labels, matchesAll, type Sample, type Series, type SeriesStore } from '@keel/promql';
import { labelsKey, sortedLabels } from '../evaluation/labels';

interface StoredSeries {
  labels: Labels;
  samples: Sample[];
}

interface PendingSeries {
  labels: Labels;
  samples: Sample[];
  next: number;
}

const bitsView = new DataView(new ArrayBuffer(16));

/** Whether two floats are the same bit pattern (a stale marker is not any NaN). */
function sameBits(a: number, b: number): boolean {
  bitsView.setFloat64(0, a);
  bitsView.setFloat64(8, b);
  return bitsView.getBigUint64(0) === bitsView.getBigUint64(8);
}

/** First index in `samples` (sorted by time) whose time is at least `t`. */
function lowerBound(samples: Sample[], t: number): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (samples[mid].t < t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/**
 * The storage of a promtool test group: append-only series (as a TSDB head refuses out-of-order and conflicting
 * samples) and input series that become visible step by step, like promqltest's LazyLoader.WithSamplesTill.
 */
export class RuleTestStorage implements SeriesStore {
  private readonly series = new Map<string, StoredSeries>();
  private readonly pending: PendingSeries[] = [];

  /** Queues input samples; they are appended by `appendTill`. */
  load(labels: Labels, samples: Sample[]): void {
    this.pending.push({ labels: sortedLabels(labels), samples: [...samples].sort((a, b) => a.t - b.t), next: 0 });
  }

  /** Appends the queued input samples up to `timeMs` (inclusive). */
  appendTill(timeMs: number): void {
    for (const p of this.pending) {
      while (p.next < p.samples.length && p.samples[p.next].t <= timeMs) {
        const s = p.samples[p.next++];
        this.append(p.labels, s.t, s.v);
      }
    }
  }

  /** Appends one sample; throws Prometheus' storage errors for an older or conflicting sample. */
  append(labels: Labels, t: number, v: number): void {
    const key = labelsKey(labels);
    let entry = this.series.get(key);
    if (!entry) {
      entry = { labels: sortedLabels(labels), samples: [] };
      this.series.set(key, entry);
    }
    const last = entry.samples[entry.samples.length - 1];
    if (last !== undefined) {
      if (t < last.t) {
        throw new Error('out of order sample');
      }
      if (t === last.t) {
        if (!sameBits(last.v, v)) {
          throw new Error('duplicate sample for timestamp');
        }
        return;
      }
    }
    entry.samples.push({ t, v });
  }

  async select(matchers: LabelMatcher[], startMs: number, endMs: number): Promise<Series[]> {
    const out: Series[] = [];
    for (const s of this.series.values()) {
      if (!matchesAll(matchers, s.labels)) {
        continue;
      }
      const from = lowerBound(s.samples, startMs);
      const to = lowerBound(s.samples, endMs + 1);
      out.push({ labels: s.labels, samples: s.samples.slice(from, to) });
    }
    return out;
  }
}
