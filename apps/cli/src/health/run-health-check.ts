import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { createKafkaClient } from '@keel/kafka';
import { serviceUrls, type CliConfig } from '../config';
import { recentErrorsFromLog, type CheckResult, type HealthReport, type RecentError } from './health-report';

const TIMEOUT_MS = 3000;

async function checkService(name: string, baseUrl: string): Promise<CheckResult> {
  try {
    const response = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = (await response.json().catch(() => ({}))) as { status?: string; error?: Record<string, unknown> };
    if (response.ok) return { name, ok: true, detail: `ready (${baseUrl})` };
    return {
      name,
      ok: false,
      detail: `not ready: ${Object.keys(body.error ?? {}).join(', ') || `HTTP ${response.status}`}`,
    };
  } catch (error) {
    return {
      name,
      ok: false,
      detail: `unreachable at ${baseUrl}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

async function checkDatabase(url: string): Promise<CheckResult> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: TIMEOUT_MS });
  try {
    await client.connect();
    const result = await client.query<{ version: string }>('SELECT version()');
    return { name: 'postgresql', ok: true, detail: result.rows[0]?.version.split(',')[0] ?? 'connected' };
  } catch (error) {
    return { name: 'postgresql', ok: false, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function checkKafka(brokers: string[]): Promise<CheckResult> {
  const kafka = createKafkaClient({ brokers, clientId: 'keel-cli' });
  try {
    const health = await kafka.checkHealth(TIMEOUT_MS);
    return { name: 'kafka', ok: health.ok, detail: health.detail };
  } finally {
    await kafka.close();
  }
}

async function recentErrors(logDir: string): Promise<RecentError[]> {
  const files = await readdir(logDir).catch(() => [] as string[]);
  const all: RecentError[] = [];
  for (const file of files.filter((f) => f.endsWith('.log'))) {
    const content = await readFile(join(logDir, file), 'utf8').catch(() => '');
    all.push(...recentErrorsFromLog(file.replace(/\.log$/, ''), content.slice(-512 * 1024), 10));
  }
  return all.sort((a, b) => a.time.localeCompare(b.time)).slice(-10);
}

export async function runHealthCheck(config: CliConfig): Promise<HealthReport> {
  const [services, database, kafka, errors] = await Promise.all([
    Promise.all(Object.entries(serviceUrls(config)).map(([name, url]) => checkService(name, url))),
    checkDatabase(config.DATABASE_URL),
    checkKafka(config.KAFKA_BROKERS),
    recentErrors(config.KEEL_LOG_DIR),
  ]);
  return {
    date: new Date().toISOString(),
    services,
    database,
    kafka,
    recentErrors: errors,
    healthy: services.every((s) => s.ok) && database.ok && kafka.ok,
  };
}
