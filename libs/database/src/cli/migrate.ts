// `npm run db:migrate [service...]`: runs the migrations of every app that has a `src/migrate.ts`
// (or only of the services named), one after the other, each in its own process as it would run in
// production. tools/build/run.mjs has compiled the workspace into dist/ before this starts.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

function workspaceRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`db:migrate: no nx.json above ${__dirname}; run it from the Keel workspace`);
    }
    dir = parent;
  }
  return dir;
}

function main(): number {
  const root = workspaceRoot();
  const available = readdirSync(join(root, 'apps')).filter((app) =>
    existsSync(join(root, 'apps', app, 'src', 'migrate.ts')),
  );
  const requested = process.argv.slice(2);
  const unknown = requested.filter((name) => !available.includes(name));
  if (unknown.length > 0) {
    console.error(
      `db:migrate: no apps/<name>/src/migrate.ts for ${unknown.join(', ')}; known: ${available.join(', ') || 'none'}`,
    );
    return 2;
  }
  const services = requested.length > 0 ? requested : available;
  if (services.length === 0) {
    console.log('db:migrate: no app has a src/migrate.ts yet');
    return 0;
  }
  const failed: string[] = [];
  for (const service of services) {
    const entry = join(root, 'dist', 'apps', service, 'src', 'migrate.js');
    const run = spawnSync(process.execPath, ['--enable-source-maps', entry], { stdio: 'inherit' });
    if (run.status !== 0) {
      failed.push(service);
    }
  }
  if (failed.length > 0) {
    console.error(`db:migrate: failed for ${failed.join(', ')}`);
    return 1;
  }
  console.log(`db:migrate: ${services.length} service(s) migrated`);
  return 0;
}

process.exit(main());
