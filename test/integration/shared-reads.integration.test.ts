/**
 * The read calls of one request share one pipelined connection of their studio (ADR 26): a page's batch takes
 * the studio's connection once; a read that fails (or whose SQL fails) fails alone; a transaction opened by a read
 * runs on a connection of its own; the connection goes back when the last read ends, and a broken one is closed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, type Studio } from '../support/studios.ts';
import { SharedReads } from '../../apps/server/src/platform/tenancy/shared-reads.ts';
import type { TenantLocation } from '../../apps/server/src/platform/tenancy/directory.ts';

let server: TestServer;
let studio: Studio;
let location: TenantLocation;
beforeAll(async () => {
  server = await createTestServer();
  studio = await createStudio(server);
  location = (await server.platform.directory.locate(studio.id))!;
});
afterAll(async () => server?.close());

const pid = async (db: { execute: (q: ReturnType<typeof sql>) => Promise<{ rows: unknown[] }> }) =>
  ((await db.execute(sql`SELECT pg_backend_pid() AS pid`)).rows[0] as { pid: number }).pid;
// This studio's connections only: the test server's outbox worker may hold another studio's at any moment.
const activeHere = () => server.platform.clusters.get(location.clusterId)!.connections.activeFor(location.databaseName);

describe('the reads of one request share a connection', () => {
  it("a page's batch of reads takes the studio's connection once, and every call gets its own answer", async () => {
    await studio.owner.mutate('rooms.create', { name: 'Live room', hourlyRateCents: 6000, capacity: 6 }, studio.slug);
    const open = vi.spyOn(server.platform.directory, 'open');
    try {
      const page = await studio.owner.queryBatch(
        [
          { procedure: 'rooms.list' },
          { procedure: 'studio.get' },
          { procedure: 'clients.list', input: {} },
          { procedure: 'rooms.list' },
          { procedure: 'clients.get', input: { id: '00000000-0000-4000-8000-000000000000' } },
          { procedure: 'dashboard.summary' },
        ],
        studio.slug,
      );
      expect(page.results.map((r) => r.status)).toEqual([200, 200, 200, 200, 404, 200]);
      expect((page.results[0]!.data as { name: string }[]).map((r) => r.name)).toContain('Live room');
      expect(page.results[3]!.data).toEqual(page.results[0]!.data);
      expect(open).toHaveBeenCalledTimes(1);
    } finally {
      open.mockRestore();
    }
    expect(activeHere()).toBe(0);
  });

  it('queries sent together on the shared connection each get their own result, and a failing one fails alone', async () => {
    const reads = new SharedReads(server.platform.directory);
    const [a, b, c] = await Promise.all([reads.join(location), reads.join(location), reads.join(location)]);
    expect(a.lease.client).toBe(b.lease.client);
    const results = await Promise.allSettled([
      a.db.execute(sql`SELECT pg_sleep(0.05), 1 AS n`),
      b.db.execute(sql`SELECT 1 / 0 AS n`),
      c.db.execute(sql`SELECT 3 AS n`),
      a.db.execute(sql`SELECT 4 AS n`),
    ]);
    expect(results.map((r) => (r.status === 'fulfilled' ? (r.value.rows[0] as { n: number }).n : 'failed'))).toEqual([1, 'failed', 3, 4]);
    a.release();
    b.release();
    expect(activeHere()).toBe(1); // c still reads
    c.release();
    c.release(); // giving a share back twice counts once
    expect(activeHere()).toBe(0);
  });

  it("a read's transaction runs on a connection of its own, untouched by the other reads' statements", async () => {
    const reads = new SharedReads(server.platform.directory);
    const [a, b] = await Promise.all([reads.join(location), reads.join(location)]);
    try {
      const shared = await pid(a.db);
      const seen = await a.db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL application_name = 'inside the transaction'`);
        const other = await b.db.execute(sql`SELECT current_setting('application_name') AS name`); // sent meanwhile
        return { own: await pid(tx), other: (other.rows[0] as { name: string }).name };
      });
      expect(seen.own).not.toBe(shared);
      expect(seen.other).not.toBe('inside the transaction');
    } finally {
      a.release();
      b.release();
    }
  });

  it('a connection that broke while shared is closed once the last read gives it back, never handed out again', async () => {
    const reads = new SharedReads(server.platform.directory);
    const [a, b] = await Promise.all([reads.join(location), reads.join(location)]);
    const brokenPid = await pid(a.db);
    await server.platform.controlDb.execute(sql`SELECT pg_terminate_backend(${brokenPid})`);
    await expect(b.db.execute(sql`SELECT 1`)).rejects.toThrow();
    a.release(true);
    const c = await reads.join(location); // a later read of the request does not take the broken connection
    expect(c.lease.client).not.toBe(a.lease.client);
    expect(await pid(c.db)).not.toBe(brokenPid);
    b.release();
    c.release();
    expect(activeHere()).toBe(0);
  });
});
