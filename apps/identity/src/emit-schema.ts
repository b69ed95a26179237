// `nx run identity:graphql:schema`: boots the app (PostgreSQL must be reachable; no token is issued, so a
// throwaway JWT secret is used when none is set) and writes the subgraph SDL to apps/identity/schema.graphql.
// With --check it writes nothing and exits 1 when the committed file is stale.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@keel/config';
import { printSubgraphSdl } from '@keel/graphql';
import { AppModule } from './app.module';
import { IDENTITY_SERVICE, identityConfigSchema } from './config';
import { firstDifference, identitySchemaFile } from './schema-file';

async function main(check: boolean): Promise<number> {
  const config = loadConfigOrExit(identityConfigSchema, IDENTITY_SERVICE, {
    LOG_LEVEL: 'warn',
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/keel',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ...process.env,
  });
  const app = await NestFactory.create(AppModule.forRoot(config), { logger: ['error', 'warn'] });
  let sdl: string;
  try {
    await app.init();
    sdl = printSubgraphSdl(app);
  } finally {
    await app.close();
  }

  const file = identitySchemaFile();
  if (!check) {
    writeFileSync(file, sdl);
    console.log(`identity: wrote ${file}`);
    return 0;
  }
  const committed = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const difference = firstDifference(committed, sdl);
  if (difference === undefined) {
    console.log(`identity: ${file} is up to date`);
    return 0;
  }
  console.error(`identity: ${file} is stale (${difference}); run \`nx run identity:graphql:schema\` and commit it`);
  return 1;
}

main(process.argv.includes('--check')).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`identity: could not print the schema: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
