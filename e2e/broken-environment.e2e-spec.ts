import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// A service started with a broken environment must stop at once, naming each bad variable, and never print a
// secret's value. Runs the compiled services as an operator would start them.
const root = join(__dirname, '..');

function start(app: string, env: Record<string, string>): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [join(root, 'dist', 'apps', app, 'src', 'main.js')], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: run.status, stderr: run.stderr };
}

describe('a service with a broken environment', () => {
  it.each(['identity', 'incidents', 'gateway'])('%s stops with exit code 78 and names every bad variable', (app) => {
    const result = start(app, { PORT: 'eighty', JWT_SECRET: 'too-short-secret-value', DATABASE_URL: 'mysql://x' });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain(`Invalid environment for ${app}`);
    expect(result.stderr).toMatch(/PORT: expected an integer 1\.\.65535/);
    expect(result.stderr).toMatch(/JWT_SECRET: /);
    expect(result.stderr).not.toContain('too-short-secret-value');
  });

  it('names a missing required variable', () => {
    const result = start('identity', { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/keel' });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/JWT_SECRET: required/);
  });
});
