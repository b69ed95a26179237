import { Client } from 'pg';
import { TEST_DATABASE_URL, uniqueName, until } from '@keel/testing';
import { AdvisoryLease } from './advisory-lease';

interface Contender {
  lease: AdvisoryLease;
  events: string[];
}

/** How the lease tests wait: 10 s at the most, every 20 ms. */
const WAIT = { timeoutMs: 10_000, intervalMs: 20 };

describe('AdvisoryLease (PostgreSQL session advisory lock)', () => {
  const name = uniqueName('lease');
  const contenders: Contender[] = [];

  function contender(): Contender {
    const events: string[] = [];
    const lease = new AdvisoryLease({
      url: TEST_DATABASE_URL,
      name,
      retryMs: 50,
      onAcquired: () => void events.push('acquired'),
      onLost: () => void events.push('lost'),
    });
    const c = { lease, events };
    contenders.push(c);
    return c;
  }

  afterAll(async () => {
    await Promise.all(contenders.map((c) => c.lease.stop()));
  });

  it('is held by exactly one of two processes, and taken over when the holder stops', async () => {
    const a = contender();
    const b = contender();
    await a.lease.start();
    await b.lease.start();
    expect(a.lease.held).toBe(true);
    expect(b.lease.held).toBe(false);
    // b keeps trying without getting it while a holds it.
    await new Promise((r) => setTimeout(r, 200));
    expect(b.events).toEqual([]);

    await a.lease.stop();
    expect(a.events).toEqual(['acquired', 'lost']);
    await until(() => b.lease.held, { ...WAIT, what: 'b to take over' });
    expect(b.events).toEqual(['acquired']);
    await b.lease.stop();
  });

  it('gives the work up when its connection dies, and another process takes over', async () => {
    const a = contender();
    const b = contender();
    await a.lease.start();
    await b.lease.start();
    expect(a.lease.held).toBe(true);

    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      // The holder's backend: the session that holds this advisory lock.
      const killed = await admin.query<{ ok: boolean }>(
        `SELECT pg_terminate_backend(l.pid) AS ok FROM pg_locks l
          WHERE l.locktype = 'advisory' AND l.granted AND l.objid::bigint = (hashtext($1)::bigint & 4294967295)`,
        [name],
      );
      expect(killed.rows).toEqual([{ ok: true }]);
    } finally {
      await admin.end();
    }
    await until(() => a.events.includes('lost'), { ...WAIT, what: 'a to notice the lost connection' });
    await until(() => b.lease.held, { ...WAIT, what: 'b to take over' });
    // a does not get it back while b holds it.
    await new Promise((r) => setTimeout(r, 200));
    expect(a.lease.held).toBe(false);
    expect(a.events).toEqual(['acquired', 'lost']);
  });
});
