export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

export interface RecentError {
  service: string;
  time: string;
  message: string;
}

export interface HealthReport {
  date: string;
  services: CheckResult[];
  database: CheckResult;
  kafka: CheckResult;
  recentErrors: RecentError[];
  healthy: boolean;
}

/** The seed's daily health check, as text a person reads in the morning. */
export function renderHealthReport(report: HealthReport): string {
  const mark = (ok: boolean) => (ok ? 'ok  ' : 'FAIL');
  const lines = ['=== Daily Health Check ===', `Date: ${report.date}`, '', 'Service Status:'];
  for (const s of report.services) lines.push(`  ${mark(s.ok)} ${s.name.padEnd(12)} ${s.detail}`);
  lines.push('', 'Database Status:', `  ${mark(report.database.ok)} ${report.database.detail}`);
  lines.push('', 'Kafka Status:', `  ${mark(report.kafka.ok)} ${report.kafka.detail}`);
  lines.push('', 'Recent Errors:');
  if (report.recentErrors.length === 0) lines.push('  none');
  for (const e of report.recentErrors) lines.push(`  ${e.time} ${e.service}: ${e.message}`);
  lines.push('', report.healthy ? 'Overall: healthy' : 'Overall: UNHEALTHY');
  return lines.join('\n');
}

const ERROR_LEVEL = 50; // pino: 50 error, 60 fatal

/** The last `limit` error/fatal lines of a service's JSON log (lines that are not JSON are skipped). */
export function recentErrorsFromLog(service: string, content: string, limit: number): RecentError[] {
  const errors: RecentError[] = [];
  for (const line of content.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as {
        level?: number;
        time?: number | string;
        msg?: string;
        err?: { message?: string };
      };
      if (typeof entry.level === 'number' && entry.level >= ERROR_LEVEL) {
        const time = typeof entry.time === 'number' ? new Date(entry.time).toISOString() : String(entry.time ?? '');
        errors.push({
          service,
          time,
          message: [entry.msg, entry.err?.message].filter(Boolean).join(': ') || '(no message)',
        });
      }
    } catch {
      // a partial line while the service is writing: not an error entry
    }
  }
  return errors.slice(-limit);
}
