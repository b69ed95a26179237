/** Samples in columns, ready for COPY: row i is (seriesIds[i], times[i], values[i]). */
export interface SampleColumns {
  seriesIds: number[];
  times: number[];
  values: number[];
}

const CHUNK_ROWS = 4096;

/**
 * COPY text format, in chunks of a few thousand rows. A JavaScript number prints as the shortest text that reads
 * back to the same double, and NaN, Infinity and -Infinity are spelled as PostgreSQL reads them.
 */
export function* copyTextChunks(columns: SampleColumns): Generator<string> {
  const { seriesIds, times, values } = columns;
  for (let start = 0; start < seriesIds.length; start += CHUNK_ROWS) {
    const end = Math.min(start + CHUNK_ROWS, seriesIds.length);
    let chunk = '';
    for (let i = start; i < end; i += 1) {
      chunk += `${seriesIds[i]}\t${times[i]}\t${values[i]}\n`;
    }
    yield chunk;
  }
}
