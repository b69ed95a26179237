import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@keel/testing';

export interface WorkerProcess {
  url: string;
  child: ChildProcess;
  log: string[];
  exited: Promise<void>;
}

const ROOT = join(__dirname, '..', '..', '..', '..');
export const COMPILED_WORKER = join(ROOT, 'dist', 'apps', 'metrics', 'src', 'ingest-worker.js');

/** Starts the compiled ingest worker (build first: node tools/build/build.mjs) and waits for /health/ready. */
export async function startIngestWorker(env: Record<string, string>, timeoutMs = 60_000): Promise<WorkerProcess> {
  if (!existsSync(COMPILED_WORKER)) {
    throw new Error(`${COMPILED_WORKER} is missing: build first with node tools/build/build.mjs`);
  }
  const port = await freePort();
  const child = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', COMPILED_WORKER], {
    env: { ...env, PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1' },
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const worker = { url: `http://127.0.0.1:${port}`, child, log, exited };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`ingest worker exited with ${child.exitCode}:\n${log.join('').slice(-4000)}`);
    }
    const ready = await fetch(`${worker.url}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return worker;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`ingest worker not ready after ${timeoutMs} ms:\n${log.join('').slice(-4000)}`);
}
