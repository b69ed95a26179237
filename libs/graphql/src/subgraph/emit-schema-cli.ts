import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { printSubgraphSdl } from './print-sdl';
import { committedSchemaFile, firstSdlDifference } from './schema-file';

export interface EmitSchemaOptions {
  /** The app folder name under apps/, e.g. `identity`. */
  service: string;
  /** Builds the app's context (NestFactory.createApplicationContext): the schema is built without an HTTP server. */
  createContext: () => Promise<INestApplicationContext>;
  argv?: string[];
}

async function printSdl(options: EmitSchemaOptions): Promise<string> {
  const app = await options.createContext();
  try {
    return printSubgraphSdl(app);
  } finally {
    await app.close();
  }
}

/**
 * The body of an app's `src/emit-schema.ts` (`nx run <app>:graphql:schema`): writes the subgraph SDL to the
 * committed `apps/<app>/schema.graphql`; with `--check` writes nothing and exits 1, naming the first differing
 * line, when the committed file is stale.
 */
export async function emitSchemaCli(options: EmitSchemaOptions): Promise<void> {
  const check = (options.argv ?? process.argv).includes('--check');
  const tag = `[${options.service}]`;
  try {
    const sdl = await printSdl(options);
    const file = committedSchemaFile(options.service);
    const committed = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const difference = firstSdlDifference(committed, sdl);
    if (!check) {
      if (difference !== undefined) writeFileSync(file, sdl);
      console.log(`${tag} ${difference === undefined ? 'unchanged' : 'wrote'} ${file}`);
      process.exit(0);
    }
    if (difference === undefined) {
      console.log(`${tag} ${file} is up to date`);
      process.exit(0);
    }
    console.error(`${tag} ${file} is stale (${difference}): run \`npm run graphql:schema\` and commit it`);
    process.exit(1);
  } catch (error) {
    console.error(`${tag} could not print the schema: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
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
