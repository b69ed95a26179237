import type { DataSource } from 'typeorm';
import { errorMessage } from '../errors';

export interface DatabaseHealth {
  ok: boolean;
  /** What was seen: the round-trip time, or why the check failed. Never contains credentials. */
  detail: string;
}

/** Runs `SELECT 1` and reports whether PostgreSQL answered within `timeoutMs`. Never throws. */
export async function checkDatabaseHealth(dataSource: DataSource, timeoutMs: number): Promise<DatabaseHealth> {
  if (!dataSource.isInitialized) {
    return { ok: false, detail: 'the DataSource is not initialized' };
  }
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<DatabaseHealth>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, detail: `SELECT 1 did not answer within ${timeoutMs} ms` }),
      timeoutMs,
    );
  });
  const query = dataSource.query('SELECT 1').then(
    (): DatabaseHealth => ({ ok: true, detail: `SELECT 1 answered in ${Math.round(performance.now() - started)} ms` }),
    (error: unknown): DatabaseHealth => ({ ok: false, detail: `SELECT 1 failed: ${errorMessage(error)}` }),
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
