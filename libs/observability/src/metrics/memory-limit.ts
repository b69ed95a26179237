import { readFileSync } from 'node:fs';
import { totalmem } from 'node:os';

// cgroup v2, then v1. v1 reports "no limit" as a huge number, hence the comparison with the machine's memory.
const CGROUP_LIMIT_FILES = ['/sys/fs/cgroup/memory.max', '/sys/fs/cgroup/memory/memory.limit_in_bytes'];

/** The memory this process may use: its cgroup (container) limit, or the machine's memory when unlimited. */
export function memoryLimitBytes(readFile: (path: string) => string = (path) => readFileSync(path, 'utf8')): number {
  const machine = totalmem();
  for (const file of CGROUP_LIMIT_FILES) {
    let raw: string;
    try {
      raw = readFile(file).trim();
    } catch {
      continue;
    }
    const limit = Number(raw);
    if (/^\d+$/.test(raw) && limit > 0 && limit < machine) {
      return limit;
    }
  }
  return machine;
}
