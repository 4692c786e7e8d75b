/**
 * The cancellation policy on every cancel path (portal, staff, series, hold expiry), the portal's change
 * cut-off, rescheduling through the availability engine with the database deciding conflicts, and
 * moving a paid deposit to a rebooked session exactly once.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { expireHold } from '../../apps/server/src/modules/booking/holds.service.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, expectRefused, withStudioDb, type Studio } from '../support/studios.ts';
import { uniqueEmail } from '../support/api.ts';
import { insertClient, logInByLink, newBrowser, type PortalBrowser } from '../support/portal.ts';

let server: TestServer;
let studio: Studio;
let roomId: string;
let clientId: string;
let otherClientId: string;
let browser: PortalBrowser;
const TIERS = [
  { daysBefore: 14, refundPercent: 100 },
  { daysBefore: 7, refundPercent: 50 },
];
const DAY = 86_400_000;

beforeAll(async () => {
  server = await createTestServer();
  studio = await createStudio(server, { studioName: 'Policy Studio' });
  await server.platform.controlDb
    .update(control.studios)
    .set({ plan: 'pro', billingStatus: 'active', timeZone: 'Europe/Paris' })
    .where(eq(control.studios.id, studio.id));
  roomId = (await studio.owner.mutate<{ id: string }>('rooms.create', { name: 'Room One', hourlyRateCents: 5000, capacity: 4 }, studio.slug)).data!.id;
  await withStudioDb(server, studio.id, async (db) => {
    await db.update(tenant.bookingPolicy).set({ cancellationTiers: TIERS, portalChangeCutoffHours: 48 }).where(eq(tenant.bookingPolicy.id, 1));
    await db.insert(tenant.openingHours).values([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ roomId: null, weekday, opensAt: '08:00', closesAt: '22:00' })));
  });
  const email = uniqueEmail('payer');
  clientId = await insertClient(server, studio.id, { name: 'Paying Client', email });
  otherClientId = await insertClient(server, studio.id, { name: 'Other Client', email: uniqueEmail('other') });
  browser = newBrowser(server, studio.slug);
  await logInByLink(server, browser, email);
});
afterEach(() => {
  server.platform.clock = { now: () => new Date() };
});
afterAll(async () => server?.close());

let counter = 0;
/** A session of the client `daysAhead` days from now (UTC midnight), at one of six 2-hour times in turn, with a received deposit. */
async function booked(daysAhead: number, options: { deposit?: number; client?: string; status?: 'confirmed' | 'hold'; room?: string } = {}) {
  const startsAt = new Date(Math.floor((Date.now() + daysAhead * DAY) / DAY) * DAY + (8 + (counter++ % 6) * 2) * 3_600_000);
  const created = await studio.owner.mutate<{ id: string }>(
    'sessions.create',
    {
      roomId: options.room ?? roomId,
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
      title: 'Tracking',
      clientId: options.client ?? clientId,
      status: options.status ?? 'confirmed',
    },
    studio.slug,
  );
  if (!created.data) throw new Error(JSON.stringify(created.error));
  const deposit = options.deposit ?? 10_000;
  await withStudioDb(server, studio.id, (db) =>
    db
      .update(tenant.sessions)
      .set({ depositCents: deposit, depositReceivedAt: deposit ? new Date() : null })
      .where(eq(tenant.sessions.id, created.data!.id)),
  );
  return { id: created.data.id, startsAt };
}

async function row(id: string) {
  return withStudioDb(server, studio.id, async (db) => (await db.select().from(tenant.sessions).where(eq(tenant.sessions.id, id)))[0]!);
}

describe('portal cancel', () => {
  it('previews, then applies the tier, records the outcome on the session', async () => {
    const s = await booked(10); // 10 days: the 7-day tier, 50 %
    const preview = await browser.query<{ refundableCents: number; keptCents: number; basis: string; tier: unknown }>('portal.cancellationPreview', {
      id: s.id,
    });
    expect(preview.data).toMatchObject({ refundableCents: 5000, keptCents: 5000, basis: 'tier', tier: { daysBefore: 7, refundPercent: 50 }, currency: 'EUR' });
    const cancelled = await browser.mutate<{ status: string; refundableCents: number }>('portal.cancel', { id: s.id, reason: 'Singer is ill' });
    expect(cancelled.data).toMatchObject({ status: 'cancelled', refundableCents: 5000, keptCents: 5000 });
    const r = await row(s.id);
    expect(r).toMatchObject({ status: 'cancelled', cancelledByKind: 'client', cancellationReason: 'Singer is ill', refundableCents: 5000, keptCents: 5000 });
    expect(r.cancellationTier).toMatchObject({ basis: 'tier', tier: { daysBefore: 7, refundPercent: 50 }, paidCents: 10_000 });
    expect(r.cancelledAt).not.toBeNull();
    // The slot is free again.
    const blocking = await withStudioDb(server, studio.id, (db) =>
      db.select().from(tenant.sessionResources).where(eq(tenant.sessionResources.sessionId, s.id)),
    );
    expect(blocking.every((b) => !b.blocking)).toBe(true);
    expectRefused(await browser.mutate('portal.cancel', { id: s.id }), 'BAD_REQUEST', 400);
  });

  it('refuses inside the cut-off and for a started session; records nothing paid when nothing was', async () => {
    const soon = await booked(1); // 48 h cut-off: too late in the portal
    const refused = await browser.mutate('portal.cancel', { id: soon.id });
    expectRefused(refused, 'FORBIDDEN', 403);
    expect(refused.error?.data.params).toMatchObject({ cutoffHours: 48 });
    expect((await row(soon.id)).status).toBe('confirmed');
    expect((await browser.query<{ canChange: boolean }>('portal.session', { id: soon.id })).data?.canChange).toBe(false);

    const later = await booked(20, { deposit: 0 });
    server.platform.clock = { now: () => new Date(later.startsAt.getTime() + 60_000) };
    expectRefused(await browser.mutate('portal.cancel', { id: later.id }), 'BAD_REQUEST', 400);
    server.platform.clock = { now: () => new Date() };
    await browser.mutate('portal.cancel', { id: later.id });
    expect(await row(later.id)).toMatchObject({
      status: 'cancelled',
      refundableCents: 0,
      keptCents: 0,
      cancellationTier: expect.objectContaining({ basis: 'nothing_paid', tier: null }),
    });
  });
});

describe('staff cancel', () => {
  it('sessions.changeStatus applies the policy too (staff, with the note as reason)', async () => {
    const s = await booked(3); // below every tier: nothing refunded
    const res = await studio.owner.mutate('sessions.changeStatus', { id: s.id, status: 'cancelled', note: 'Client no-show warning' }, studio.slug);
    expect(res.error).toBeUndefined();
    expect(await row(s.id)).toMatchObject({
      cancelledByKind: 'staff',
      cancellationReason: 'Client no-show warning',
      refundableCents: 0,
      keptCents: 10_000,
      cancellationTier: expect.objectContaining({ basis: 'below_tiers' }),
    });
  });

  it('previews before confirming; a waiver needs a reason and refunds everything', async () => {
    const s = await booked(3);
    const preview = await studio.owner.query<{ refundableCents: number; recorded: boolean }>('cancellations.preview', { id: s.id }, studio.slug);
    expect(preview.data).toMatchObject({ refundableCents: 0, keptCents: 10_000, recorded: false, basis: 'below_tiers' });
    expect((await studio.owner.query('cancellations.preview', { id: s.id, waived: true }, studio.slug)).data).toMatchObject({
      refundableCents: 10_000,
      basis: 'waived',
    });
    expectRefused(await studio.owner.mutate('cancellations.cancel', { id: s.id, waived: true, reason: '' }, studio.slug), 'BAD_REQUEST', 400);
    const done = await studio.owner.mutate('cancellations.cancel', { id: s.id, waived: true, reason: 'Our console broke' }, studio.slug);
    expect(done.error).toBeUndefined();
    expect(await row(s.id)).toMatchObject({
      cancelledByKind: 'staff',
      cancellationReason: 'Our console broke',
      refundableCents: 10_000,
      keptCents: 0,
      cancellationTier: expect.objectContaining({ basis: 'waived' }),
    });
    expect((await studio.owner.query('cancellations.preview', { id: s.id }, studio.slug)).data).toMatchObject({
      recorded: true,
      refundableCents: 10_000,
      basis: 'waived',
      reason: 'Our console broke',
    });
  });

  it('series cancellation records an outcome on every occurrence', async () => {
    const first = new Date(Math.floor((Date.now() + 30 * DAY) / DAY) * DAY + 8 * 3_600_000);
    const series = await studio.owner.mutate<{ sessions: { id: string }[] }>(
      'sessions.createSeries',
      {
        first: {
          roomId,
          startsAt: first.toISOString(),
          endsAt: new Date(first.getTime() + 3_600_000).toISOString(),
          title: 'Weekly',
          clientId,
          status: 'confirmed',
        },
        rule: { everyWeeks: 1, count: 2 },
        skip: [],
      },
      studio.slug,
    );
    expect(series.error).toBeUndefined();
    const [one, two] = series.data!.sessions;
    await studio.owner.mutate('sessions.cancelSeriesFrom', { id: one!.id }, studio.slug);
    for (const id of [one!.id, two!.id])
      expect(await row(id)).toMatchObject({ status: 'cancelled', cancelledByKind: 'staff', refundableCents: 0, keptCents: 0 });
  });

  it('a lapsed hold is cancelled by the system with everything refundable', async () => {
    const hold = await booked(40, { status: 'hold', deposit: 2000 });
    const lapsed = new Date(Date.now() + 49 * 3_600_000);
    await withStudioDb(server, studio.id, (db) => expireHold(db, hold.id, lapsed, 'Europe/Paris'));
    expect(await row(hold.id)).toMatchObject({
      status: 'cancelled',
      cancelledByKind: 'system',
      refundableCents: 2000,
      keptCents: 0,
      cancellationTier: expect.objectContaining({ basis: 'released' }),
    });
  });
});

describe('deposit moved to a rebooked session', () => {
  it('moves once only, under lock, to a session of the same client', async () => {
    const old = await booked(12);
    await studio.owner.mutate('cancellations.cancel', { id: old.id, reason: 'Rebooking' }, studio.slug);
    const next = await booked(50, { deposit: 0 });
    const strangers = await booked(51, { deposit: 0, client: otherClientId });
    expectRefused(
      await studio.owner.mutate('cancellations.rebookDeposit', { fromSessionId: old.id, toSessionId: strangers.id }, studio.slug),
      'BAD_REQUEST',
      400,
    );
    const [r1, r2] = await Promise.all([
      studio.owner.mutate('cancellations.rebookDeposit', { fromSessionId: old.id, toSessionId: next.id }, studio.slug),
      studio.owner.mutate('cancellations.rebookDeposit', { fromSessionId: old.id, toSessionId: next.id }, studio.slug),
    ]);
    expect([r1, r2].filter((r) => r.data).length).toBe(1);
    expect([r1, r2].find((r) => r.error)?.error?.data.appCode).toBe('CONFLICT');
    expect(await row(next.id)).toMatchObject({ depositCents: 10_000, depositMovedFromId: old.id });
    expect((await row(next.id)).depositReceivedAt).not.toBeNull();
    expect(await row(old.id)).toMatchObject({
      refundableCents: 0,
      keptCents: 0,
      cancellationTier: expect.objectContaining({ basis: 'moved', movedToId: next.id }),
    });
    const third = await booked(52, { deposit: 0 });
    expectRefused(await studio.owner.mutate('cancellations.rebookDeposit', { fromSessionId: old.id, toSessionId: third.id }, studio.slug), 'CONFLICT', 409);
  });

  it('refuses a session that is not cancelled or has nothing paid', async () => {
    const live = await booked(13);
    const target = await booked(53, { deposit: 0 });
    expectRefused(
      await studio.owner.mutate('cancellations.rebookDeposit', { fromSessionId: live.id, toSessionId: target.id }, studio.slug),
      'BAD_REQUEST',
      400,
    );
  });
});

describe('portal reschedule', () => {
  it('offers free slots of the same length, moves there keeping the deposit, and refuses a taken time', async () => {
    const s = await booked(20);
    const from = new Date(s.startsAt.getTime() + DAY);
    const slots = await browser.query<{ startsAt: string; endsAt: string }[]>('portal.rescheduleSlots', {
      id: s.id,
      from: new Date(from.getTime() - 12 * 3_600_000).toISOString(),
      to: new Date(from.getTime() + 12 * 3_600_000).toISOString(),
    });
    expect(slots.data!.length).toBeGreaterThan(0);
    expect(slots.data!.every((slot) => Date.parse(slot.endsAt) - Date.parse(slot.startsAt) === 2 * 3_600_000)).toBe(true);
    // Another client's session takes a time the client could have picked.
    const taken = slots.data![0]!;
    const blocker = await studio.owner.mutate(
      'sessions.create',
      { roomId, startsAt: taken.startsAt, endsAt: taken.endsAt, title: 'Blocker', clientId: otherClientId, status: 'confirmed' },
      studio.slug,
    );
    expect(blocker.error).toBeUndefined();
    expectRefused(await browser.mutate('portal.reschedule', { id: s.id, startsAt: taken.startsAt }), 'CONFLICT', 409);
    expect((await row(s.id)).startsAt.toISOString()).toBe(s.startsAt.toISOString());
    // Outside opening hours: refused.
    const night = new Date(Math.floor(from.getTime() / DAY) * DAY + 23 * 3_600_000);
    expectRefused(await browser.mutate('portal.reschedule', { id: s.id, startsAt: night.toISOString() }), 'CONFLICT', 409);

    const free = slots.data!.find((slot) => Date.parse(slot.startsAt) >= Date.parse(taken.endsAt));
    const moved = await browser.mutate<{ startsAt: string; depositReceived: boolean }>('portal.reschedule', { id: s.id, startsAt: free!.startsAt });
    expect(moved.error).toBeUndefined();
    expect(moved.data).toMatchObject({ startsAt: free!.startsAt, depositReceived: true, depositCents: 10_000 });
    const actions = await withStudioDb(server, studio.id, (db) =>
      db.select().from(tenant.portalActivity).where(eq(tenant.portalActivity.action, 'session_rescheduled')),
    );
    expect(actions.at(-1)?.details).toMatchObject({ sessionId: s.id, from: s.startsAt.toISOString(), to: free!.startsAt });
  });

  it('refuses to reschedule inside the cut-off', async () => {
    const room = (await studio.owner.mutate<{ id: string }>('rooms.create', { name: 'Room Two', hourlyRateCents: 5000, capacity: 4 }, studio.slug)).data!.id;
    const s = await booked(1, { room });
    expectRefused(await browser.mutate('portal.reschedule', { id: s.id, startsAt: new Date(s.startsAt.getTime() + 5 * DAY).toISOString() }), 'FORBIDDEN', 403);
  });
});
