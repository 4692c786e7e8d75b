/**
 * The outbox worker's safety nets (ADR 15): the backstop sweep runs overdue work even when the control
 * summary lost track of the studio, a mail sent twice under one idempotency key goes out once, and the demo
 * studio's seeded holds have their expiry recorded (and no notices for sessions nobody booked).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, withStudioDb } from '../support/studios.ts';
import { ensureDemoStudio } from '../../apps/server/src/demo/seed.ts';
import { OverloadedError } from '../../apps/server/src/platform/postgres/connection-manager.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => server?.close());

const HOUR = 3_600_000;

describe('outbox safety nets', () => {
  it('the backstop sweep expires an overdue hold whose studio the summary forgot', async () => {
    const studio = await createStudio(server);
    const roomId = (await studio.owner.mutate<{ id: string }>('rooms.create', { name: 'Room', hourlyRateCents: 1000, capacity: 2 }, studio.slug)).data!.id;
    const hold = await studio.owner.mutate<{ id: string }>(
      'sessions.create',
      { roomId, startsAt: '2031-03-04T09:00:00Z', endsAt: '2031-03-04T11:00:00Z', title: 'Forgotten', status: 'hold', holdHours: 1 },
      studio.slug,
    );
    expect(hold.status).toBe(200);
    // Let the worker settle the summary on the hold's expiry, then lose the summary altogether.
    await new Promise((r) => setTimeout(r, 1_000));
    await server.platform.controlDb.delete(control.studioWork).where(eq(control.studioWork.studioId, studio.id));
    server.platform.clock = { now: () => new Date(Date.now() + 2 * HOUR) };
    try {
      await new Promise((r) => setTimeout(r, 1_000)); // polls find nothing: the summary does not name the studio
      const statusOf = async () =>
        withStudioDb(server, studio.id, async (db) => (await db.select().from(tenant.sessions).where(eq(tenant.sessions.id, hold.data!.id)))[0]!.status);
      expect(await statusOf()).toBe('hold');
      await server.outbox.sweep();
      expect(await statusOf()).toBe('cancelled');
    } finally {
      server.platform.clock = { now: () => new Date() };
    }
  });

  it('marks work recorded for now() done after one run (its due time has microseconds a JS Date drops)', async () => {
    const studio = await createStudio(server);
    let calls = 0;
    server.outbox.register('test-now', async () => {
      calls++;
    });
    const [row] = await withStudioDb(server, studio.id, (db) =>
      db
        .insert(tenant.outbox)
        .values({ kind: 'test-now', dedupeKey: `test-now:${studio.id}`, dueAt: sql`clock_timestamp()` })
        .returning(),
    );
    await server.outbox.drainStudio(studio.id);
    const after = await withStudioDb(server, studio.id, async (db) => (await db.select().from(tenant.outbox).where(eq(tenant.outbox.id, row!.id)))[0]!);
    expect({ done: after.doneAt !== null, attempts: after.attempts, calls }).toEqual({ done: true, attempts: 1, calls: 1 });
  });

  it('retries work that met a busy database within seconds, not after the 30 s backoff', async () => {
    const studio = await createStudio(server);
    let calls = 0;
    server.outbox.register('test-transient', async () => {
      calls++;
      if (calls === 1) throw new OverloadedError('main'); // the database could not serve at that moment
    });
    const [row] = await withStudioDb(server, studio.id, (db) =>
      db
        .insert(tenant.outbox)
        .values({ kind: 'test-transient', dedupeKey: `test-transient:${studio.id}`, dueAt: new Date() })
        .returning(),
    );
    await server.outbox.drainStudio(studio.id);
    const failed = await withStudioDb(server, studio.id, async (db) => (await db.select().from(tenant.outbox).where(eq(tenant.outbox.id, row!.id)))[0]!);
    expect(failed.doneAt).toBeNull();
    expect(failed.leaseUntil!.getTime() - Date.now()).toBeLessThan(5_000);
    await new Promise((r) => setTimeout(r, failed.leaseUntil!.getTime() - Date.now() + 100));
    await server.outbox.drainStudio(studio.id);
    const done = await withStudioDb(server, studio.id, async (db) => (await db.select().from(tenant.outbox).where(eq(tenant.outbox.id, row!.id)))[0]!);
    expect(done.doneAt).not.toBeNull();
    expect(calls).toBe(2);
  });

  it('logs a studio the sweep met while its database was busy as a warning, not an error (load, not a bug)', async () => {
    const studio = await createStudio(server);
    const directory = server.platform.directory;
    const original = directory.withTenant.bind(directory);
    const busy = vi
      .spyOn(directory, 'withTenant')
      .mockImplementation((where, work) => (where.studioId === studio.id ? Promise.reject(new OverloadedError('main')) : original(where, work)));
    const warn = vi.spyOn(server.platform.logger, 'warn');
    const error = vi.spyOn(server.platform.logger, 'error');
    try {
      await server.outbox.sweep();
      expect(warn).toHaveBeenCalledWith(expect.objectContaining({ studioId: studio.id }), 'outbox sweep of a studio failed');
      expect(error).not.toHaveBeenCalled();
    } finally {
      busy.mockRestore();
      warn.mockRestore();
      error.mockRestore();
    }
  });

  it('sends a mail once per idempotency key', async () => {
    const mail = {
      to: 'once@example.test',
      template: 'session-reminder' as const,
      locale: 'en' as const,
      params: { name: 'A', studio: 'S', title: 'T', when: 'now', room: 'R' },
      idempotencyKey: 'test:once',
    };
    await Promise.all([server.platform.mailer.send(mail), server.platform.mailer.send(mail)]);
    await server.platform.mailer.send(mail);
    const rows = await server.platform.controlDb.select().from(control.mailOutbox).where(eq(control.mailOutbox.toAddress, 'once@example.test'));
    expect(rows).toHaveLength(1);
  });

  it("records the demo studio's seeded holds' expiries, and sends no notices for seeded sessions", async () => {
    await ensureDemoStudio(server.platform);
    const [demo] = await server.platform.controlDb.select({ id: control.studios.id }).from(control.studios).where(eq(control.studios.slug, 'demo'));
    const { holds, expiries, notices } = await withStudioDb(server, demo!.id, async (db) => ({
      holds: await db
        .select({ id: tenant.sessions.id, holdExpiresAt: tenant.sessions.holdExpiresAt })
        .from(tenant.sessions)
        .where(eq(tenant.sessions.status, 'hold')),
      expiries: await db
        .select()
        .from(tenant.outbox)
        .where(and(eq(tenant.outbox.kind, 'hold-expiry'), isNull(tenant.outbox.doneAt))),
      notices: await db
        .select({ n: sql<number>`count(*)::int` })
        .from(tenant.outbox)
        .where(sql`${tenant.outbox.kind} IN ('session-notice', 'reminder')`),
    }));
    expect(holds.length).toBeGreaterThan(0);
    expect(expiries.map((e) => (e.payload as { sessionId: string }).sessionId).sort()).toEqual(holds.map((h) => h.id).sort());
    expect(notices[0]!.n).toBe(0);
    const [work] = await server.platform.controlDb.select().from(control.studioWork).where(eq(control.studioWork.studioId, demo!.id));
    expect(work).toBeDefined();
  });
});
