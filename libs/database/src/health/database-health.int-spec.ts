import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../data-source/create-data-source';
import { startTcpProxy } from '@keel/testing';
import { checkDatabaseHealth } from './check-database-health';
import { poolStats } from './pool-stats';

const url = process.env.KEEL_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/keel';

describe('pool statistics and health check (PostgreSQL)', () => {
  const schema = `db_health_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = createDataSource({ url, schema, entities: [], migrations: [], poolMax: 2 });
    await dataSource.initialize();
    await dataSource.query(`CREATE SCHEMA "${schema}"`);
  });

  afterAll(async () => {
    await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await dataSource.destroy();
  });

  it('connects with the application name and the service schema first on the search_path', async () => {
    const [row] = await dataSource.query<{ application_name: string; schema: string }[]>(
      `SELECT current_setting('application_name') AS application_name, current_schema() AS schema`,
    );
    expect(row).toEqual({ application_name: `keel-${schema}`, schema });
  });

  it('counts active, idle and waiting connections of the pool', async () => {
    const first = dataSource.createQueryRunner();
    const second = dataSource.createQueryRunner();
    await first.connect();
    await second.connect();
    try {
      expect(poolStats(dataSource)).toEqual({ active: 2, idle: 0, total: 2, waiting: 0, max: 2 });
      const queued = dataSource.query('SELECT 1');
      await new Promise((resolve) => setImmediate(resolve));
      expect(poolStats(dataSource).waiting).toBe(1);
      await first.release();
      await queued;
    } finally {
      if (!second.isReleased) {
        await second.release();
      }
    }
    const stats = poolStats(dataSource);
    expect(stats).toEqual({ active: 0, idle: stats.total, total: stats.total, waiting: 0, max: 2 });
    expect(stats.total).toBeGreaterThan(0);
  });

  it('reports PostgreSQL healthy when SELECT 1 answers', async () => {
    const health = await checkDatabaseHealth(dataSource, 1000);
    expect(health.ok).toBe(true);
    expect(health.detail).toMatch(/^SELECT 1 answered in \d+ ms$/);
  });

  it('reports a timeout when no connection becomes free in time', async () => {
    const holders = [dataSource.createQueryRunner(), dataSource.createQueryRunner()];
    await Promise.all(holders.map((runner) => runner.connect()));
    try {
      expect(await checkDatabaseHealth(dataSource, 150)).toEqual({
        ok: false,
        detail: 'SELECT 1 did not answer within 150 ms',
      });
    } finally {
      await Promise.all(holders.map((runner) => runner.release()));
    }
  });

  it('reports the connection error once the server behind the pool is gone', async () => {
    const target = new URL(url);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const proxied = new URL(url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    const viaProxy = createDataSource({ url: proxied.toString(), schema, entities: [], migrations: [] });
    await viaProxy.initialize();
    try {
      expect((await checkDatabaseHealth(viaProxy, 1000)).ok).toBe(true);
      await proxy.shut();
      // The first query may still pick the pooled connection that was just cut; the next one must connect anew.
      expect((await checkDatabaseHealth(viaProxy, 1000)).ok).toBe(false);
      const health = await checkDatabaseHealth(viaProxy, 1000);
      expect(health).toEqual({ ok: false, detail: `SELECT 1 failed: connect ECONNREFUSED 127.0.0.1:${proxy.port}` });
    } finally {
      await viaProxy.destroy();
    }
  });

  it('reports an uninitialized DataSource as unhealthy and its pool as empty', async () => {
    const idle = createDataSource({ url, schema, entities: [], migrations: [] });
    expect(await checkDatabaseHealth(idle, 100)).toEqual({ ok: false, detail: 'the DataSource is not initialized' });
    expect(poolStats(idle)).toEqual({ active: 0, idle: 0, total: 0, waiting: 0, max: 0 });
  });
});
