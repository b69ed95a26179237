// `npm run bench:alerting`: the alerting service on the real servers (a metrics service process over HTTP,
// PostgreSQL, Kafka).
//  1. One full evaluation cycle of BENCH_RULES (1,000) alerting rules in BENCH_GROUPS (10) groups over
//     BENCH_SERIES (10,000) series, p50/p99 over BENCH_CYCLES cycles, against the raw baseline of the same
//     queries sent straight to the metrics service's Prometheus API with the same concurrency.
//  2. Publish-to-webhook: a sample published to Kafka until a real HTTP receiver gets the notification
//     (`for: 0s`, `group_wait: 0s`, `query_offset: 0`, group interval BENCH_E2E_INTERVAL_SECONDS), p50/p99 over
//     BENCH_PROBES probes, against the raw baseline of the same sample becoming queryable.
import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { TokenService } from '@keel/auth';
import { latencySummary, type LatencySummary } from '@keel/testing';
import { EvaluationService } from '../evaluation/evaluation.service';
import { dataSourceAuthorization } from '../evaluation/prometheus-querier';
import { startAlertingTestEnv, type AlertingTestEnv } from '../test/alerting-test-env';

const RULES = Number(process.env.BENCH_RULES ?? 1000);
const GROUPS = Number(process.env.BENCH_GROUPS ?? 10);
const SERIES = Number(process.env.BENCH_SERIES ?? 10_000);
const CYCLES = Number(process.env.BENCH_CYCLES ?? 50);
const PROBES = Number(process.env.BENCH_PROBES ?? 40);
const E2E_INTERVAL_S = Number(process.env.BENCH_E2E_INTERVAL_SECONDS ?? 1);
const STEP_MS = 15_000;
const PER_SHARD = Math.max(1, Math.floor(SERIES / RULES));

const fmt = (n: number): string => n.toLocaleString('en-US');
const ms = (n: number): string => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
const log = (line: string): void => void process.stdout.write(`${line}\n`);
const sleep = (delayMs: number): Promise<void> => new Promise((r) => setTimeout(r, delayMs));

/** Rule r watches shard r (PER_SHARD series); one rule in ten has an instance above its threshold (pending). */
function cycleRulesYaml(): string {
  const lines = ['groups:'];
  const perGroup = Math.ceil(RULES / GROUPS);
  for (let g = 0; g < GROUPS; g++) {
    lines.push(`  - name: bench-${g}`, '    rules:');
    for (let r = g * perGroup; r < Math.min(RULES, (g + 1) * perGroup); r++) {
      lines.push(
        `      - alert: BenchRule${r}`,
        `        expr: bench_load{shard="s${r}"} > 50`,
        '        for: 5m',
        '        labels:',
        '          severity: warning',
        '        annotations:',
        '          summary: "{{ $labels.instance }} of shard {{ $labels.shard }} at {{ $value | humanize }}"',
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

function e2eRulesYaml(): string {
  return [
    'groups:',
    '  - name: bench-e2e',
    `    interval: ${E2E_INTERVAL_S}s`,
    '    query_offset: 0s',
    '    rules:',
    '      - alert: BenchProbe',
    '        expr: bench_probe > 0',
    '        for: 0s',
    '        labels:',
    '          severity: page',
    '',
  ].join('\n');
}

function e2eNotificationYaml(port: number): string {
  return [
    'route:',
    '  receiver: bench',
    "  group_by: ['probe']",
    '  group_wait: 0s',
    '  group_interval: 1m',
    '  repeat_interval: 4h',
    'receivers:',
    '  - name: bench',
    '    webhook_configs:',
    `      - url: http://127.0.0.1:${port}/hook`,
    '        send_resolved: false',
    '',
  ].join('\n');
}

async function publishLoad(env: AlertingTestEnv, t0: number): Promise<void> {
  let batch = [];
  for (const t of [t0 - 2 * STEP_MS, t0 - STEP_MS, t0]) {
    for (let s = 0; s < RULES; s++) {
      for (let i = 0; i < PER_SHARD; i++) {
        const value = s % 10 === 0 && i === 0 ? 100 : i;
        batch.push({ name: 'bench_load', labels: { shard: `s${s}`, instance: `i${i}` }, value, timestampMs: t });
        if (batch.length === 5000) {
          await env.publisher.publish(batch);
          batch = [];
        }
      }
    }
  }
  await env.publisher.publish(batch);
  await env.publisher.flush();
  await env.waitForData(`bench_load{shard="s${RULES - 1}",instance="i${PER_SHARD - 1}"}`, t0);
}

function queryClient(env: AlertingTestEnv): (query: string, timeMs: number) => Promise<number> {
  // The alerting service's own header source: a short service token, renewed before it expires.
  const authorization = dataSourceAuthorization(
    { ALERTING_DATASOURCE_AUTH: 'keel', ALERTING_DATASOURCE_TOKEN: undefined },
    new TokenService({ secret: env.jwtSecret, issuer: 'keel', accessTtlSeconds: 300 }),
  );
  return async (query, timeMs) => {
    const response = await fetch(`${env.metrics.url}/api/v1/query`, {
      method: 'POST',
      headers: { authorization: authorization() ?? '', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query, time: String(timeMs / 1000) }),
    });
    const body = (await response.json()) as { status: string; data?: { result?: unknown[] } };
    if (body.status !== 'success') throw new Error(`query ${query} failed: ${JSON.stringify(body)}`);
    return body.data?.result?.length ?? 0;
  };
}

async function benchCycle(env: AlertingTestEnv): Promise<{ cycle: LatencySummary; raw: LatencySummary }> {
  const t0 = Math.floor(Date.now() / STEP_MS) * STEP_MS;
  const dir = mkdtempSync(join(tmpdir(), 'keel-bench-rules-'));
  writeFileSync(join(dir, 'bench.yml'), cycleRulesYaml());
  const publishStarted = performance.now();
  await publishLoad(env, t0);
  log(
    `  load: ${fmt(3 * RULES * PER_SHARD)} samples published and queryable in ${ms(performance.now() - publishStarted)}`,
  );

  const app = await env.startAlerting({ ALERTING_RULES_DIR: dir });
  try {
    const evaluation = app.get(EvaluationService);
    const query = queryClient(env);
    const perGroup = Math.ceil(RULES / GROUPS);
    const raw = async (ts: number): Promise<void> => {
      await Promise.all(
        Array.from({ length: GROUPS }, async (_, g) => {
          for (let r = g * perGroup; r < Math.min(RULES, (g + 1) * perGroup); r++) {
            await query(`bench_load{shard="s${r}"} > 50`, ts);
          }
        }),
      );
    };
    // Warm-up: the first cycle writes the pending alerts' state; plans, connections and JIT settle.
    for (let i = 0; i < 3; i++) {
      await evaluation.evaluateAll(t0 + i * 100);
      await raw(t0 + i * 100);
    }
    const pending = evaluation.statuses().flatMap((g) => g.rules.flatMap((r) => r.alerts));
    const errors = evaluation.statuses().flatMap((g) => g.rules.filter((r) => r.health !== 'ok'));
    if (errors.length > 0) throw new Error(`rules unhealthy after warm-up: ${JSON.stringify(errors[0])}`);
    log(`  ${fmt(pending.length)} alerts pending after warm-up (one rule in ten has an instance above threshold)`);
    const cycles: number[] = [];
    const raws: number[] = [];
    for (let i = 3; i < CYCLES + 3; i++) {
      const ts = t0 + i * 100;
      // Alternate, so drift of the shared machine hits both sides alike.
      let started = performance.now();
      await evaluation.evaluateAll(ts);
      cycles.push(performance.now() - started);
      started = performance.now();
      await raw(ts);
      raws.push(performance.now() - started);
    }
    return { cycle: latencySummary(cycles), raw: latencySummary(raws) };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Receiver {
  server: Server;
  port: number;
  /** Resolves when a firing notification for the probe arrives. */
  waitFor(probe: string, timeoutMs: number): Promise<number>;
}

async function startReceiver(): Promise<Receiver> {
  const arrived = new Map<string, number>();
  const waiters = new Map<string, (at: number) => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = performance.now();
      const payload = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        alerts: { status: string; labels: Record<string, string> }[];
      };
      for (const alert of payload.alerts) {
        const probe = alert.labels['probe'];
        if (alert.status !== 'firing' || !probe || arrived.has(probe)) continue;
        arrived.set(probe, at);
        waiters.get(probe)?.(at);
      }
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    waitFor(probe, timeoutMs) {
      const known = arrived.get(probe);
      if (known !== undefined) return Promise.resolve(known);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no notification for ${probe} in ${timeoutMs} ms`)), timeoutMs);
        waiters.set(probe, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });
    },
  };
}

async function benchPublishToWebhook(env: AlertingTestEnv): Promise<{ e2e: LatencySummary; raw: LatencySummary }> {
  const receiver = await startReceiver();
  const dir = mkdtempSync(join(tmpdir(), 'keel-bench-e2e-'));
  const rulesDir = join(dir, 'rules');
  mkdirSync(rulesDir);
  writeFileSync(join(rulesDir, 'e2e.yml'), e2eRulesYaml());
  const notificationConfig = join(dir, 'alertmanager.yml');
  writeFileSync(notificationConfig, e2eNotificationYaml(receiver.port));
  let app: INestApplication | undefined;
  try {
    app = await env.startAlerting({
      ALERTING_RULES_DIR: rulesDir,
      ALERTING_NOTIFICATION_CONFIG: notificationConfig,
      ALERTING_QUERY_OFFSET_SECONDS: '0',
    });
    const query = queryClient(env);
    const e2e: number[] = [];
    const raw: number[] = [];
    const run = `r${Date.now().toString(36)}`;
    for (let i = -2; i < PROBES; i++) {
      // A random phase against the evaluation ticks, as real samples have.
      await sleep(Math.random() * E2E_INTERVAL_S * 1000);
      const probe = `${run}-${i}`;
      const published = performance.now();
      await env.publisher.publish([{ name: 'bench_probe', labels: { probe }, value: 1, timestampMs: Date.now() }]);
      await env.publisher.flush();
      const notified = receiver.waitFor(probe, 30_000);
      let queryable = Number.NaN;
      while (Number.isNaN(queryable)) {
        if ((await query(`bench_probe{probe="${probe}"}`, Date.now())) > 0) queryable = performance.now();
        else await sleep(5);
      }
      const at = await notified;
      if (i < 0) continue; // warm-up probes
      e2e.push(at - published);
      raw.push(queryable - published);
    }
    // Let the last answer reach the sender before the app shuts down (it would log an aborted delivery).
    await sleep(200);
    return { e2e: latencySummary(e2e), raw: latencySummary(raw) };
  } finally {
    await app?.close();
    await new Promise((r) => receiver.server.close(r));
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  log(
    `bench:alerting: ${fmt(RULES)} alerting rules in ${GROUPS} groups over ${fmt(SERIES)} series ` +
      '(metrics service over HTTP, PostgreSQL, Kafka)',
  );
  const env = await startAlertingTestEnv([]);
  try {
    const { cycle, raw } = await benchCycle(env);
    log(
      `  full cycle of ${fmt(RULES)} rules: p50 ${ms(cycle.p50)}, p99 ${ms(cycle.p99)} (${cycle.count} cycles); ` +
        `raw baseline, the same ${fmt(RULES)} queries straight to the metrics API: p50 ${ms(raw.p50)}, ` +
        `p99 ${ms(raw.p99)}; ratio ${(cycle.p50 / raw.p50).toFixed(2)} (goal: cycle under 1 s: ` +
        `${cycle.p99 < 1000 ? 'met' : 'NOT met'})`,
    );
    const { e2e, raw: visible } = await benchPublishToWebhook(env);
    const goalMs = 2000 + E2E_INTERVAL_S * 1000;
    log(
      `  publish to webhook (for: 0s, group_wait: 0s, interval ${E2E_INTERVAL_S} s, query_offset 0): ` +
        `p50 ${ms(e2e.p50)}, p99 ${ms(e2e.p99)} (${e2e.count} probes); raw baseline, publish to queryable: ` +
        `p50 ${ms(visible.p50)}, p99 ${ms(visible.p99)}; ratio ${(e2e.p50 / visible.p50).toFixed(2)} ` +
        `(goal: p99 under 2 s + interval = ${fmt(goalMs)} ms: ${e2e.p99 < goalMs ? 'met' : 'NOT met'})`,
    );
  } finally {
    await env.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench:alerting failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
