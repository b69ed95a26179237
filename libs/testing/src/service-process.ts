import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './free-port';
import { workspaceRoot } from '@keel/config';

const ROOT = workspaceRoot(__dirname);

export interface ServiceProcess {
  name: string;
  url: string;
  process: ChildProcess;
  log: string[];
  stop(): Promise<void>;
}

// kafkajs 2.2.4 computes one negative timer delay, which Node 24 reports on every start; nothing is wrong.
const NODE_FLAGS = ['--enable-source-maps', '--disable-warning=TimeoutNegativeWarning'];

/**
 * Runs a compiled script of the workspace (`dist/<script>`) to its end and resolves with its standard output;
 * throws with both outputs when it fails.
 */
export function runCompiledScript(
  script: string,
  env: NodeJS.ProcessEnv,
  args: string[] = [],
  input = '',
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, join(ROOT, 'dist', script), ...args], {
      env,
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`${script} ${args.join(' ')} exited ${code}:\n${stdout}${stderr}`)),
    );
    child.stdin.end(input);
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts an app as a real process from `dist/apps/<name>/src/main.js` on a free loopback port and waits until
 * its `/health/ready` answers 200. Build first (`node tools/build/build.mjs`).
 */
export async function startServiceProcess(
  name: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<ServiceProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [...NODE_FLAGS, join(ROOT, 'dist', 'apps', name, 'src', 'main.js')], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const service: ServiceProcess = {
    name,
    url: `http://127.0.0.1:${port}`,
    process: child,
    log: [],
    stop: () => stopChild(child),
  };
  child.stdout?.on('data', (chunk: Buffer) => service.log.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => service.log.push(chunk.toString()));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with ${child.exitCode}:\n${service.log.join('').slice(-4000)}`);
    const ready = await fetch(`${service.url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return service;
    await new Promise((r) => setTimeout(r, 250));
  }
  await service.stop();
  throw new Error(`${name} was not ready after ${timeoutMs} ms:\n${service.log.join('').slice(-4000)}`);
}
