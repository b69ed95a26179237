import { readFileSync } from 'node:fs';
import { assertEntitiesMatchMigrations } from '@keel/database';
import { committedSchemaFile, firstSdlDifference, printSubgraphSdl } from '@keel/graphql';
import { TEST_DATABASE_URL } from '@keel/testing';
import { IDENTITY_ENTITIES, IDENTITY_MIGRATIONS } from './database/identity-database';
import { startIdentityApp, type IdentityTestApp } from './test/identity-test-app';

describe('identity schema (PostgreSQL, GraphQL)', () => {
  let identity: IdentityTestApp;

  beforeAll(async () => {
    identity = await startIdentityApp('schema');
  });

  afterAll(async () => {
    await identity?.close();
  });

  it('has migrations that build exactly what the entities describe', async () => {
    await expect(
      assertEntitiesMatchMigrations({
        url: TEST_DATABASE_URL,
        entities: IDENTITY_ENTITIES,
        migrations: IDENTITY_MIGRATIONS,
        schemaPrefix: 'identity_drift',
      }),
    ).resolves.toBeUndefined();
  });

  it('has a committed schema.graphql equal to the SDL of the running code (else: nx run identity:graphql:schema)', () => {
    const committed = readFileSync(committedSchemaFile('identity'), 'utf8');
    const printed = printSubgraphSdl(identity.app);
    expect(firstSdlDifference(committed, printed)).toBeUndefined();
    expect(printed).toContain('type Mutation');
  });
});
