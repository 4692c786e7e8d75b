import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import pg from 'pg';
import { inject } from 'vitest';
import { ClusterConnections, OverloadedError, type Lease } from '../../apps/server/src/platform/postgres/connection-manager.ts';

import { cloneTemplate } from '../support/databases.ts';

const adminUrl = inject('pgAdminUrl');
const databases = Array.from({ length: 6 }, (_, i) => `rsm_cm_test_${process.pid}_${i}`);

async function countBackends(names: string[]): Promise<number> {
  const client = new pg.Client(adminUrl);
  await client.connect();
  const res = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = ANY($1)', [names]);
  await client.end();
  return res.rows[0]!.n;
}

beforeAll(async () => {
  const client = new pg.Client(adminUrl);
  await client.connect();
  for (const name of databases) await cloneTemplate(client, name);
  await client.end();
});

afterAll(async () => {
  const client = new pg.Client(adminUrl);
  await client.connect();
  for (const name of databases) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
});

function manager(overrides: Partial<ConstructorParameters<typeof ClusterConnections>[0]> = {}) {
  return new ClusterConnections({
    clusterId: 'test',
    url: adminUrl,
    maxConnections: 3,
    maxPerDatabase: 2,
    idleTimeoutMs: 60_000,
    acquireTimeoutMs: 300,
    ...overrides,
  });
}

describe('tenant connection manager', () => {
  it('never opens more connections than the cluster cap, across studios', async () => {
    const m = manager();
    const leases = await Promise.all([m.acquire(databases[0]!), m.acquire(databases[1]!), m.acquire(databases[2]!)]);
    expect(m.stats().open).toBe(3);
    expect(await countBackends(databases)).toBe(3);
    const waiting = m.acquire(databases[3]!);
    expect(m.stats().waiting).toBe(1);
    leases[0]!.release();
    const fourth = await waiting; // the freed slot is handed over: the idle connection of studio 0 is closed for studio 3
    expect(fourth.database).toBe(databases[3]);
    expect(m.stats().open).toBeLessThanOrEqual(3);
    for (const l of [...leases.slice(1), fourth]) l.release();
    await m.close();
  });

  it('refuses with OverloadedError after a bounded wait when everything is busy, and recovers', async () => {
    const m = manager({ acquireTimeoutMs: 150 });
    const leases = await Promise.all([m.acquire(databases[0]!), m.acquire(databases[1]!), m.acquire(databases[2]!)]);
    const started = Date.now();
    await expect(m.acquire(databases[4]!)).rejects.toBeInstanceOf(OverloadedError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(m.stats().acquireTimeouts).toBe(1);
    expect(m.stats().waiting).toBe(0);
    for (const l of leases) l.release();
    const later = await m.acquire(databases[4]!);
    const res = await later.client.query('SELECT current_database() AS db');
    expect(res.rows[0].db).toBe(databases[4]);
    later.release();
    await m.close();
  });

  it('limits one studio to its share so it cannot take every connection', async () => {
    const m = manager({ maxConnections: 5, maxPerDatabase: 2, acquireTimeoutMs: 100 });
    const a1 = await m.acquire(databases[0]!);
    const a2 = await m.acquire(databases[0]!);
    await expect(m.acquire(databases[0]!)).rejects.toBeInstanceOf(OverloadedError);
    const other = await m.acquire(databases[1]!); // another studio is still served
    for (const l of [a1, a2, other]) l.release();
    await m.close();
  });

  it('reuses idle connections, evicts the least used studio first, and closes idle ones after the timeout', async () => {
    const m = manager({ maxConnections: 2, idleTimeoutMs: 200 });
    const first = await m.acquire(databases[0]!);
    const firstClient = first.client;
    first.release();
    const again = await m.acquire(databases[0]!);
    expect(again.client).toBe(firstClient); // reused, not reopened
    again.release();
    (await m.acquire(databases[1]!)).release();
    // cap 2 reached with two idle connections; a third studio evicts the least used one: studio 1 (used once; studio 0 twice)
    const third = await m.acquire(databases[2]!);
    third.release();
    expect(m.stats().open).toBe(2);
    expect(await countBackends([databases[1]!])).toBe(0);
    expect(await countBackends([databases[0]!])).toBe(1);
    await new Promise((r) => setTimeout(r, 1_300));
    expect(m.stats().open).toBe(0);
    expect(await countBackends(databases)).toBe(0);
    await m.close();
  });

  it('keeps a busy studio connected while a long tail of occasional studios churns', async () => {
    const m = manager({ maxConnections: 3 });
    const hot = databases[0]!;
    for (let i = 0; i < 5; i++) (await m.acquire(hot)).release();
    const hotLease = await m.acquire(hot);
    const hotClient = hotLease.client;
    hotLease.release();
    for (const tail of databases.slice(1)) (await m.acquire(tail)).release(); // five occasional studios, cap 3
    const again = await m.acquire(hot);
    expect(again.client).toBe(hotClient); // never evicted by the tail
    again.release();
    await m.close();
  });

  it('closes a connection released as broken instead of reusing it', async () => {
    const m = manager();
    const lease: Lease = await m.acquire(databases[5]!);
    const client = lease.client;
    lease.release(true);
    const next = await m.acquire(databases[5]!);
    expect(next.client).not.toBe(client);
    next.release();
    await m.close();
  });

  it('closes a connection that failed while held, even when its holder gives it back as sound', async () => {
    const m = manager();
    const lease: Lease = await m.acquire(databases[5]!);
    const { rows } = await lease.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    // Terminated in the middle of a query: the query fails at once, the socket closes a moment later. The holder
    // gives the connection back, and the studio's next call takes one, in between.
    let failure = '';
    const nextLease = lease.client.query('SELECT pg_sleep(10)').then(
      () => m.acquire(databases[5]!),
      (error: unknown) => {
        failure = String(error);
        lease.release(); // a procedure that did not look at why its query failed
        return m.acquire(databases[5]!);
      },
    );
    const killer = new pg.Client(adminUrl);
    await killer.connect();
    await killer.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    await killer.end();
    const next = await nextLease;
    expect(failure).toMatch(/terminat/);
    expect(next.client).not.toBe(lease.client);
    expect((await next.client.query<{ one: number }>('SELECT 1 AS one')).rows[0]!.one).toBe(1);
    next.release();
    await m.close();
  });

  it('opens at most maxConcurrentOpens connections at once; the others wait their turn and are all served', async () => {
    const m = manager({ maxConnections: 6, maxConcurrentOpens: 1, acquireTimeoutMs: 5_000, coldAcquireTimeoutMs: 5_000 });
    let mostOpening = 0;
    const probe = setInterval(() => (mostOpening = Math.max(mostOpening, m.stats().opening)), 1);
    const leases = await Promise.all(databases.slice(0, 4).map((d) => m.acquire(d)));
    clearInterval(probe);
    expect(mostOpening).toBe(1);
    expect(new Set(leases.map((l) => l.database)).size).toBe(4);
    for (const l of leases) l.release();
    await m.close();
  });

  it('serves a studio with an idle connection at once while cold studios queue for opens', async () => {
    const m = manager({ maxConnections: 6, maxConcurrentOpens: 1, acquireTimeoutMs: 5_000, coldAcquireTimeoutMs: 5_000 });
    const hot = databases[0]!;
    const warm = await m.acquire(hot);
    const hotClient = warm.client;
    warm.release();
    const cold = databases.slice(1, 5).map((d) => m.acquire(d));
    expect(m.stats().opening).toBe(1);
    expect(m.stats().waiting).toBe(3);
    const again = await m.acquire(hot); // not queued behind the three waiting opens
    expect(again.client).toBe(hotClient);
    expect(m.stats().waiting).toBeGreaterThan(0);
    again.release();
    for (const l of await Promise.all(cold)) l.release();
    await m.close();
  });

  it('serves a burst of one studio with one connection: calls wait briefly for it instead of opening more', async () => {
    const m = manager({ maxConnections: 6, maxPerDatabase: 4, acquireTimeoutMs: 5_000, coldAcquireTimeoutMs: 5_000, extraOpenPatienceMs: 200 });
    const studio = databases[0]!;
    let mostOpen = 0;
    const call = async () => {
      const lease = await m.acquire(studio);
      mostOpen = Math.max(mostOpen, m.stats().open);
      await lease.client.query('SELECT 1');
      lease.release();
    };
    await Promise.all(Array.from({ length: 10 }, call)); // a cold studio's page
    await Promise.all(Array.from({ length: 10 }, call)); // and the next one, warm
    expect(mostOpen).toBe(1);
    await m.close();
  });

  it('while the studio’s connection is still being opened past the patience, its burst waits for it rather than opening more', async () => {
    // Opens that take 600 ms (a loaded machine), a patience of 200 ms (far above a SELECT 1, even on a busy CI machine).
    const target = new URL(adminUrl);
    const proxy = net.createServer((socket) => {
      socket.pause();
      setTimeout(() => {
        const upstream = net.connect(Number(target.port), target.hostname);
        socket.pipe(upstream).pipe(socket);
        socket.resume();
        upstream.on('error', () => socket.destroy());
        socket.on('error', () => upstream.destroy());
      }, 600);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const slowUrl = new URL(adminUrl);
    slowUrl.hostname = '127.0.0.1';
    slowUrl.port = String((proxy.address() as net.AddressInfo).port);
    const m = manager({
      url: slowUrl.toString(),
      maxConnections: 6,
      maxPerDatabase: 4,
      acquireTimeoutMs: 5_000,
      coldAcquireTimeoutMs: 5_000,
      extraOpenPatienceMs: 200,
    });
    let mostOpen = 0;
    const call = async () => {
      const lease = await m.acquire(databases[1]!);
      mostOpen = Math.max(mostOpen, m.stats().open);
      await lease.client.query('SELECT 1');
      lease.release();
    };
    try {
      await Promise.all(Array.from({ length: 8 }, call)); // a cold studio's page
      expect(mostOpen).toBe(1);
    } finally {
      await m.close();
      proxy.close();
    }
  });

  it('opens another connection for a studio whose connection stays busy past the patience (no self-deadlock)', async () => {
    const m = manager({ maxConnections: 6, maxPerDatabase: 4, acquireTimeoutMs: 5_000, extraOpenPatienceMs: 50 });
    const studio = databases[0]!;
    const outer = await m.acquire(studio);
    const started = Date.now();
    const inner = await m.acquire(studio); // e.g. a service that needs a second connection while holding one
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(inner.client).not.toBe(outer.client);
    expect(m.stats().open).toBe(2);
    inner.release();
    outer.release();
    await m.close();
  });

  it('sheds a cold studio after the short cold deadline while a warm studio keeps its longer wait', async () => {
    const m = manager({ maxConnections: 1, maxPerDatabase: 1, acquireTimeoutMs: 3_000, coldAcquireTimeoutMs: 100 });
    const busy = await m.acquire(databases[0]!);
    const started = Date.now();
    await expect(m.acquire(databases[1]!)).rejects.toBeInstanceOf(OverloadedError);
    const shedAfter = Date.now() - started;
    expect(shedAfter).toBeGreaterThanOrEqual(90);
    expect(shedAfter).toBeLessThan(2_000);
    const warmWaiter = m.acquire(databases[0]!); // same studio: waits for its own connection
    setTimeout(() => busy.release(), 200);
    const lease = await warmWaiter;
    expect(lease.client).toBe(busy.client);
    lease.release();
    await m.close();
  });
});
