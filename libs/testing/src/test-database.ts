import { Client } from 'pg';
import { uniqueName } from './unique-name';

export const TEST_DATABASE_URL = process.env.KEEL_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/keel';

export interface TestSchema {
  /** The schema's name; give it to the service as its DATABASE_SCHEMA. */
  name: string;
  url: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A PostgreSQL schema of its own for one test file, on the real server (created empty). */
export async function createTestSchema(prefix: string, url = TEST_DATABASE_URL): Promise<TestSchema> {
  const name = uniqueName(`t_${prefix}`);
  await withClient(url, (client) => client.query(`CREATE SCHEMA "${name}"`));
  return {
    name,
    url,
    drop: () =>
      withClient(url, (client) => client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`)).then(() => undefined),
  };
}
