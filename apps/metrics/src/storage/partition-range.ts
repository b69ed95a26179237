/** Daily partitions of `samples`, in UTC: partition `samples_pYYYYMMDD` holds t in [day start, next day start). */
export const DAY_MS = 86_400_000;

const PARTITION_PREFIX = 'samples_p';
const PARTITION_NAME = /^samples_p(\d{4})(\d{2})(\d{2})$/;

export function dayStartMs(tMs: number): number {
  return Math.floor(tMs / DAY_MS) * DAY_MS;
}

export function partitionName(dayStart: number): string {
  const date = new Date(dayStart);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${PARTITION_PREFIX}${year}${month}${day}`;
}

/** The day start a partition name stands for, or undefined for a table that is not one of ours. */
export function parsePartitionName(name: string): number | undefined {
  const match = PARTITION_NAME.exec(name);
  if (match === null) {
    return undefined;
  }
  const [, year, month, day] = match;
  const dayStart = Date.UTC(Number(year), Number(month) - 1, Number(day));
  return partitionName(dayStart) === name ? dayStart : undefined;
}

/** Every day start from the day of `fromMs` to the day of `toMs`, both included. */
export function daysBetween(fromMs: number, toMs: number): number[] {
  const days: number[] = [];
  for (let day = dayStartMs(fromMs); day <= toMs; day += DAY_MS) {
    days.push(day);
  }
  return days;
}

/** The days the partition manager keeps ready: from the oldest a late sample may have, to `daysAhead` days ahead. */
export function daysToPrepare(nowMs: number, lateWindowMs: number, daysAhead: number): number[] {
  return daysBetween(nowMs - lateWindowMs, dayStartMs(nowMs) + daysAhead * DAY_MS);
}

/** Partitions whose every sample is older than the retention: their day ends at or before now − retention. */
export function partitionsOlderThan(names: readonly string[], nowMs: number, retentionDays: number): string[] {
  const cutoff = nowMs - retentionDays * DAY_MS;
  return names.filter((name) => {
    const dayStart = parsePartitionName(name);
    return dayStart !== undefined && dayStart + DAY_MS <= cutoff;
  });
}
