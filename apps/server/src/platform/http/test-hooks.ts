/**
 * Hooks for end-to-end tests, registered only when NODE_ENV=test: move the business clock and run the
 * hold expiries that are due at that time for one studio (the job runner itself waits for real time), and
 * forget the sign-up and log-in counts of the caller's address (every browser of a run signs up and logs in from
 * 127.0.0.1).
 * Never reachable in development or production.
 */
import type { FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { Platform } from '../platform.ts';
import { overdueHolds } from '../../modules/booking/holds.service.ts';
import { runHoldExpiry } from '../../modules/booking/booking.jobs.ts';

export function registerTestHooks(app: FastifyInstance, platform: Platform): void {
  if (platform.config.NODE_ENV !== 'test') return;
  app.post<{ Body: { offsetMs?: number } }>('/__test__/clock', async (req) => {
    const offset = Number(req.body?.offsetMs ?? 0);
    platform.clock = { now: () => new Date(Date.now() + offset) };
    return { now: platform.clock.now().toISOString() };
  });
  app.post<{ Params: { slug: string } }>('/__test__/studios/:slug/expire-due-holds', async (req, reply) => {
    const [studio] = await platform.controlDb.select({ id: control.studios.id }).from(control.studios).where(eq(control.studios.slug, req.params.slug));
    if (!studio) return reply.code(404).send({ error: 'no such studio' });
    const location = (await platform.directory.locate(studio.id))!;
    const due = await platform.directory.withTenant(location, (db) => overdueHolds(db, platform.clock.now()));
    const results = [];
    for (const id of due) results.push(await runHoldExpiry(platform, studio.id, id));
    return { expired: results.filter((r) => r?.expired).length, promoted: results.flatMap((r) => r?.promoted.map((p) => p.id) ?? []) };
  });
  app.post('/__test__/rate-limits/forget-sign-ups', async (req) => {
    await platform.controlDb.execute(sql`DELETE FROM rate_limits WHERE key = ${`signup:ip:${req.ip}`}`);
    return { ok: true };
  });
  // Every browser of a run logs in from 127.0.0.1, and the operator reads the outbox in many journeys.
  app.post('/__test__/rate-limits/forget-logins', async (req) => {
    await platform.controlDb.execute(sql`DELETE FROM rate_limits WHERE key = ${`login:ip:${req.ip}`} OR key LIKE 'login:account:%'`);
    return { ok: true };
  });
}
