/** Starter studios create 50 sessions per calendar month; the 51st is refused with an upgrade hint, even under concurrency. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { currentMonthRange } from '../../apps/server/src/modules/booking/plan-limits.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, signUpStudio } from '../support/api.ts';
import { withStudioDb } from '../support/studios.ts';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(async () => server?.close());

async function studioWithRoom(name: string) {
  const owner = new ApiClient(server.app);
  const s = await signUpStudio(owner, { studioName: name });
  const [row] = await server.platform.controlDb.select({ id: control.studios.id }).from(control.studios).where(eq(control.studios.slug, s.slug));
  const roomId = (await owner.mutate<{ id: string }>('rooms.create', { name: 'Room', hourlyRateCents: 1000, capacity: 2 }, s.slug)).data!.id;
  // Past its trial (which has Pro's limits), on Starter.
  await server.platform.controlDb.update(control.studios).set({ billingStatus: 'active' }).where(eq(control.studios.id, row!.id));
  return { owner, slug: s.slug, studioId: row!.id, roomId };
}

/** n sessions created this month, inserted directly (fast), on distinct days in 2031. */
async function preload(studioId: string, roomId: string, n: number) {
  await withStudioDb(server, studioId, (db) =>
    db.insert(tenant.sessions).values(
      Array.from({ length: n }, (_, i) => ({
        title: `Pre ${i}`,
        roomId,
        startsAt: new Date(Date.UTC(2031, 0, 1 + i, 9)),
        endsAt: new Date(Date.UTC(2031, 0, 1 + i, 11)),
        status: 'confirmed' as const,
        currency: 'EUR',
      })),
    ),
  );
}

const slotOn = (day: number) => ({ startsAt: new Date(Date.UTC(2032, 0, day, 9)).toISOString(), endsAt: new Date(Date.UTC(2032, 0, day, 11)).toISOString() });

it('refuses the 51st session of the month on Starter with a clear message, and shows the counter', async () => {
  const s = await studioWithRoom('Limited Sound');
  await preload(s.studioId, s.roomId, 49);
  expect((await s.owner.query<{ used: number; limit: number; warning: boolean }>('sessions.usage', undefined, s.slug)).data).toEqual({
    used: 49,
    limit: 50,
    warning: true,
  });
  expect((await s.owner.mutate('sessions.create', { roomId: s.roomId, ...slotOn(1), title: 'Fiftieth' }, s.slug)).status).toBe(200);
  const refused = await s.owner.mutate('sessions.create', { roomId: s.roomId, ...slotOn(2), title: 'Fifty-first' }, s.slug);
  expect(refused.error?.data.appCode).toBe('LIMIT_REACHED');
  expect(refused.error?.message).toMatch(/50 sessions a month .*Upgrade to Pro/);
  expect(refused.error?.data.params).toMatchObject({ used: 50, limit: 50, plan: 'starter' });
});

it('cannot be overshot by concurrent bookings', async () => {
  const s = await studioWithRoom('Racing Limits');
  await preload(s.studioId, s.roomId, 48);
  const results = await Promise.all(
    Array.from({ length: 6 }, (_, i) => s.owner.mutate('sessions.create', { roomId: s.roomId, ...slotOn(10 + i), title: `Race ${i}` }, s.slug)),
  );
  expect(results.filter((r) => r.status === 200)).toHaveLength(2);
  expect(results.filter((r) => r.error?.data.appCode === 'LIMIT_REACHED')).toHaveLength(4);
});

it('a studio in its trial has Pro’s limits: no monthly session limit; once on Starter, 50', async () => {
  const s = await studioWithRoom('Trial Sound');
  await server.platform.controlDb.update(control.studios).set({ billingStatus: 'trial' }).where(eq(control.studios.id, s.studioId));
  await preload(s.studioId, s.roomId, 50);
  expect((await s.owner.mutate('sessions.create', { roomId: s.roomId, ...slotOn(20), title: 'Fifty-first' }, s.slug)).status).toBe(200);
  expect((await s.owner.query('sessions.usage', undefined, s.slug)).data).toMatchObject({ used: 51, limit: null });
  await server.platform.controlDb.update(control.studios).set({ billingStatus: 'active' }).where(eq(control.studios.id, s.studioId));
  const refused = await s.owner.mutate('sessions.create', { roomId: s.roomId, ...slotOn(21), title: 'Fifty-second' }, s.slug);
  expect(refused.error?.data).toMatchObject({ appCode: 'LIMIT_REACHED', params: { limit: 50, plan: 'starter' } });
});

it('does not limit Pro studios', async () => {
  const s = await studioWithRoom('Pro Sound');
  await server.platform.controlDb.update(control.studios).set({ plan: 'pro', billingStatus: 'active' }).where(eq(control.studios.id, s.studioId));
  await preload(s.studioId, s.roomId, 60);
  expect((await s.owner.mutate('sessions.create', { roomId: s.roomId, ...slotOn(20), title: 'Sixty-first' }, s.slug)).status).toBe(200);
  expect((await s.owner.query('sessions.usage', undefined, s.slug)).data).toMatchObject({ used: 61, limit: null, warning: false });
});

it('counts the calendar month in the studio time zone', () => {
  // 1 March 2027 00:30 in Paris is still February in UTC
  const { from, to } = currentMonthRange(new Date('2027-02-28T23:30:00Z'), 'Europe/Paris');
  expect(from.toISOString()).toBe('2027-02-28T23:00:00.000Z');
  expect(to.toISOString()).toBe('2027-03-31T22:00:00.000Z'); // April starts in summer time (UTC+2)
});
