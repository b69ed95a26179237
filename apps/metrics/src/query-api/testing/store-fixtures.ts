import type { INestApplicationContext } from '@nestjs/common';
import { daysBetween } from '../../storage/partition-range';
import { PartitionManager } from '../../storage/partition-manager.service';
import { SamplesRepository } from '../../storage/samples.repository';
import { fingerprintOf, normalizeLabels, seriesKey } from '../../storage/series-key';
import { SeriesRepository } from '../../storage/series.repository';

export interface FixtureSeries {
  name: string;
  labels: Record<string, string>;
  samples: { t: number; v: number }[];
}

/**
 * Writes series straight through the store's repositories (the same COPY the ingest path ends in), for the
 * query tests and the benchmark: partitions first, then series ids, then the samples in chunks.
 */
export async function writeFixtureSeries(
  app: INestApplicationContext,
  series: readonly FixtureSeries[],
  chunkRows = 200_000,
): Promise<void> {
  if (series.length === 0) return;
  let minT = Infinity;
  let maxT = -Infinity;
  for (const s of series) {
    for (const p of s.samples) {
      minT = Math.min(minT, p.t);
      maxT = Math.max(maxT, p.t);
    }
  }
  if (minT <= maxT) await app.get(PartitionManager).ensureDays(daysBetween(minT, maxT));
  const entries = series.map((s) => {
    const labels = normalizeLabels(s.labels);
    return { fingerprint: fingerprintOf(seriesKey(s.name, labels)), name: s.name, labels };
  });
  const ids = await app.get(SeriesRepository).resolveIds(entries);
  const samples = app.get(SamplesRepository);
  let columns = { seriesIds: [] as number[], times: [] as number[], values: [] as number[] };
  for (const [i, s] of series.entries()) {
    const id = ids.get((entries[i]?.fingerprint ?? Buffer.alloc(0)).toString('hex'));
    if (id === undefined) throw new Error(`no id for series ${s.name}`);
    for (const p of s.samples) {
      columns.seriesIds.push(id);
      columns.times.push(p.t);
      columns.values.push(p.v);
    }
    if (columns.seriesIds.length >= chunkRows) {
      await samples.write(columns);
      columns = { seriesIds: [], times: [], values: [] };
    }
  }
  await samples.write(columns);
}

/** Samples every `stepMs` from `fromMs` for `count` points, valued by `value(i)`. */
export function regularSamples(
  fromMs: number,
  stepMs: number,
  count: number,
  value: (i: number) => number,
): { t: number; v: number }[] {
  return Array.from({ length: count }, (_, i) => ({ t: fromMs + i * stepMs, v: value(i) }));
}
