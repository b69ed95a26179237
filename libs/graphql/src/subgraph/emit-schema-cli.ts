import { readFile, writeFile } from 'node:fs/promises';
import type { INestApplication } from '@nestjs/common';
import { printSubgraphSdl } from './print-sdl';

export interface EmitSchemaOptions {
  service: string;
  /** The committed SDL, e.g. apps/identity/schema.graphql (relative to the working directory). */
  schemaFile: string;
  createApp: () => Promise<INestApplication>;
  /** With --check: compare instead of writing, exit 1 when the committed file is stale. */
  argv?: string[];
}

/**
 * The body of an app's `src/emit-schema.ts`: boots the app (no HTTP listener), prints its subgraph SDL and
 * writes it to the committed file, or with `--check` fails when the committed file differs.
 */
export async function emitSchemaCli(options: EmitSchemaOptions): Promise<void> {
  const check = (options.argv ?? process.argv).includes('--check');
  const app = await options.createApp();
  await app.init();
  const sdl = printSubgraphSdl(app);
  await app.close();
  const committed = await readFile(options.schemaFile, 'utf8').catch(() => '');
  if (check) {
    if (committed !== sdl) {
      console.error(
        `[${options.service}] ${options.schemaFile} is stale: run \`npm run graphql:schema\` and commit it`,
      );
      process.exit(1);
    }
    console.log(`[${options.service}] ${options.schemaFile} is up to date`);
    return;
  }
  if (committed !== sdl) await writeFile(options.schemaFile, sdl);
  console.log(`[${options.service}] ${committed === sdl ? 'unchanged' : 'wrote'} ${options.schemaFile}`);
}

/** Local defaults so `npm run graphql:schema` works on a development machine without a configured env. */
export function withDevelopmentDefaults(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/keel',
    JWT_SECRET: 'schema-emission-only-secret-not-used-for-tokens',
    LOG_LEVEL: 'warn',
    ...env,
  };
}
