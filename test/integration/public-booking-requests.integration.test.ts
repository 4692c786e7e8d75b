/**
 * The public booking page end to end through the HTTP API: disabled page, engine-only slots, honeypot,
 * rate limits, no e-mail enumeration, single-use tokens (a GET consumes nothing), the three outcomes,
 * client found or created, deposit, policy snapshot, plan limit and two visitors racing for one slot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { uniqueEmail } from '../support/api.ts';
import { setPlan, withStudioDb, type Studio } from '../support/studios.ts';
import {
  at,
  book as bookAs,
  details,
  HOUR,
  mailsTo as mailsOf,
  POLICY,
  prepareStudio as prepare,
  setPolicy,
  slotIn,
  tokenFor as tokenOf,
  visitor as newVisitor,
  type Slot,
} from '../support/public-booking.ts';

let server: TestServer;
let studio: Studio;
let roomId: string;
let hiddenRoomId: string;

const slot = (days: number, hour: number, hours = 2) => slotIn(roomId, days, hour, hours);
const visitor = () => newVisitor(server);
const tokenFor = (email: string) => tokenOf(server, email);
const mailsTo = (email: string) => mailsOf(server, email);
const prepareStudio = (name: string) => prepare(server, name);
const book = (target: Studio, theSlot: Slot, email?: string, extra?: Record<string, unknown>) => bookAs(server, target, theSlot, email, extra);

async function sessionAt(target: Studio, startsAt: string) {
  return withStudioDb(server, target.id, async (db) => {
    const [row] = await db
      .select()
      .from(tenant.sessions)
      .where(and(eq(tenant.sessions.startsAt, new Date(startsAt)), sql`${tenant.sessions.status} <> 'cancelled'`));
    return row;
  });
}

beforeAll(async () => {
  server = await createTestServer();
  ({ studio, roomId } = await prepareStudio('Public Sound'));
  const hidden = await studio.owner.mutate<{ id: string }>('rooms.create', { name: 'Private Booth', hourlyRateCents: 2000, capacity: 1 }, studio.slug);
  hiddenRoomId = hidden.data!.id;
  await server.platform.controlDb.update(control.studios).set({ plan: 'pro', billingStatus: 'active' }).where(eq(control.studios.id, studio.id));
});
afterAll(async () => server?.close());

describe('a disabled page', () => {
  it('answers NOT_FOUND everywhere, logo included', async () => {
    const v = visitor();
    expect((await v.query('publicBooking.page', undefined, studio.slug)).error?.data.appCode).toBe('NOT_FOUND');
    expect(
      (await v.query('publicBooking.availability', { roomId, from: at(2, 0).toISOString(), to: at(9, 0).toISOString(), durationMinutes: 120 }, studio.slug))
        .error?.data.appCode,
    ).toBe('NOT_FOUND');
    expect((await v.mutate('publicBooking.request', { ...slot(10, 10), ...details(uniqueEmail('v')) }, studio.slug)).error?.data.appCode).toBe('NOT_FOUND');
    expect((await server.app.inject({ method: 'GET', url: `/s/${studio.slug}/public/logo` })).statusCode).toBe(404);
    expect((await v.query('publicBooking.page', undefined, 'no-such-studio')).error?.data.appCode).toBe('NOT_FOUND');
  });
});

describe('the page', () => {
  beforeAll(async () => setPolicy(studio));

  it('shows the public rooms, rates, deposit rule and policy, never the others', async () => {
    const page = await visitor().query<{
      rooms: { id: string; description: string; hourlyRateCents: number }[];
      cancellationTiers: unknown[];
      policyText: string;
      brandColor: string;
      transferDetails: string;
    }>('publicBooking.page', undefined, studio.slug);
    expect(page.data?.rooms.map((r) => r.id)).toEqual([roomId]);
    expect(page.data?.rooms[0]).toMatchObject({ description: 'Neve console, 40 m²', hourlyRateCents: 5000 });
    expect(page.data).toMatchObject({
      cancellationTiers: POLICY.cancellationTiers,
      policyText: POLICY.policyText,
      brandColor: '#0055aa',
      transferDetails: POLICY.transferDetails,
    });
    expect(
      (
        await visitor().query(
          'publicBooking.availability',
          { roomId: hiddenRoomId, from: at(2, 0).toISOString(), to: at(3, 0).toISOString(), durationMinutes: 120 },
          studio.slug,
        )
      ).error?.data.appCode,
    ).toBe('NOT_FOUND');
  });

  it('offers the engine’s starts: inside opening hours, after the minimum notice, inside the window', async () => {
    const got = await visitor().query<{ startsAt: string; endsAt: string }[]>(
      'publicBooking.availability',
      { roomId, from: at(0, 0).toISOString(), to: at(3, 0).toISOString(), durationMinutes: 120 },
      studio.slug,
    );
    const starts = got.data!.map((s) => Date.parse(s.startsAt));
    expect(starts.length).toBeGreaterThan(0);
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(Date.now() + 24 * HOUR - 60_000);
    for (const s of got.data!) {
      expect(new Date(s.startsAt).getUTCHours()).toBeGreaterThanOrEqual(9);
      expect(Date.parse(s.endsAt) - Date.parse(s.startsAt)).toBe(2 * HOUR);
      expect(new Date(Date.parse(s.endsAt) - 1).getUTCHours()).toBeLessThan(18);
    }
    const beyond = await visitor().query<unknown[]>(
      'publicBooking.availability',
      { roomId, from: at(121, 0).toISOString(), to: at(125, 0).toISOString(), durationMinutes: 120 },
      studio.slug,
    );
    expect(beyond.data).toEqual([]);
  });

  it('quotes the price and the deposit', async () => {
    await setPolicy(studio, { depositPercent: 30 });
    const quote = await visitor().query('publicBooking.quote', slot(12, 10), studio.slug);
    expect(quote.data).toEqual({ totalCents: 10000, depositCents: 3000, currency: expect.any(String) });
    await setPolicy(studio);
  });
});

describe('requests', () => {
  beforeAll(async () => setPolicy(studio));

  it('refuses a slot the engine does not offer (outside hours, under the notice)', async () => {
    const night = await visitor().mutate('publicBooking.request', { ...slot(10, 19), ...details(uniqueEmail('night')) }, studio.slug);
    expect(night.error?.data).toMatchObject({ appCode: 'CONFLICT', params: { reason: 'slotTaken' } });
    const soon = await visitor().mutate('publicBooking.request', { ...slot(0, 12), ...details(uniqueEmail('soon')) }, studio.slug);
    expect(soon.error?.data.appCode).toBe('CONFLICT');
    const noPolicy = await visitor().mutate(
      'publicBooking.request',
      { ...slot(10, 10), ...details(uniqueEmail('nopolicy'), { policyAccepted: false }) },
      studio.slug,
    );
    expect(noPolicy.error?.data.appCode).toBe('BAD_REQUEST');
  });

  it('a filled honeypot gets the same answer and nothing is done', async () => {
    const email = uniqueEmail('robot');
    const human = await visitor().mutate('publicBooking.request', { ...slot(11, 10), ...details(uniqueEmail('human')) }, studio.slug);
    const robot = await visitor().mutate('publicBooking.request', { ...slot(11, 10), ...details(email, { website: 'http://spam.example' }) }, studio.slug);
    expect(robot.status).toBe(200);
    expect(robot.data).toEqual(human.data);
    expect(await mailsTo(email)).toHaveLength(0);
    const rows = await withStudioDb(server, studio.id, (db) => db.select().from(tenant.bookingRequests).where(eq(tenant.bookingRequests.email, email)));
    expect(rows).toHaveLength(0);
  });

  it('answers the same for a known client and an unknown address', async () => {
    const known = 'Known.Client@Example.test';
    await studio.owner.mutate('booking.createClient', { name: 'Known Client', email: known }, studio.slug);
    const a = await visitor().mutate('publicBooking.request', { ...slot(13, 10), ...details(known.toLowerCase()) }, studio.slug);
    const b = await visitor().mutate('publicBooking.request', { ...slot(13, 10), ...details(uniqueEmail('stranger')) }, studio.slug);
    expect(a.status).toBe(b.status);
    expect(a.data).toEqual(b.data);
    expect(a.data).toEqual({ ok: true, expiresInMinutes: 30 });
  });

  it('limits requests per IP and per address', async () => {
    const v = visitor();
    const results = [];
    for (let i = 0; i < 11; i++) results.push(await v.mutate('publicBooking.request', { ...slot(14, 10), ...details(uniqueEmail(`burst${i}`)) }, studio.slug));
    expect(results.slice(0, 10).every((r) => r.status === 200)).toBe(true);
    expect(results[10]!.error?.data.appCode).toBe('RATE_LIMITED');
    const email = uniqueEmail('spammed');
    const perAddress = [];
    for (let i = 0; i < 6; i++) perAddress.push(await visitor().mutate('publicBooking.request', { ...slot(14, 10), ...details(email) }, studio.slug));
    expect(perAddress.slice(0, 5).every((r) => r.status === 200)).toBe(true);
    expect(perAddress[5]!.error?.data.appCode).toBe('RATE_LIMITED');
  });
});

describe('confirmation', () => {
  beforeAll(async () => setPolicy(studio));

  it('reading the link books nothing; the button books once; the token then stops working', async () => {
    const v = visitor();
    const email = uniqueEmail('reader');
    const theSlot = slot(20, 10);
    await v.mutate('publicBooking.request', { ...theSlot, ...details(email) }, studio.slug);
    const token = await tokenFor(email);
    for (let i = 0; i < 2; i++)
      expect((await v.query('publicBooking.peek', { token }, studio.slug)).data).toMatchObject({ roomName: 'Live Room', startsAt: theSlot.startsAt });
    expect(await sessionAt(studio, theSlot.startsAt)).toBeUndefined();
    const confirmed = await v.mutate('publicBooking.confirm', { token }, studio.slug);
    expect(confirmed.data).toMatchObject({ outcome: 'pending', roomName: 'Live Room' });
    const again = await v.mutate('publicBooking.confirm', { token }, studio.slug);
    expect(again.error?.data.appCode).toBe('TOKEN_INVALID');
    expect((await v.query('publicBooking.peek', { token }, studio.slug)).error?.data.appCode).toBe('TOKEN_INVALID');
  });

  it('a link lapses after 30 minutes', async () => {
    const v = visitor();
    const email = uniqueEmail('late');
    await v.mutate('publicBooking.request', { ...slot(21, 10), ...details(email) }, studio.slug);
    const real = server.platform.clock;
    server.platform.clock = { now: () => new Date(Date.now() + 31 * 60_000) };
    try {
      expect((await v.mutate('publicBooking.confirm', { token: await tokenFor(email) }, studio.slug)).error?.data.appCode).toBe('TOKEN_INVALID');
    } finally {
      server.platform.clock = real;
    }
  });

  it('re-checks the slot: a closure added meanwhile refuses it with a clear message', async () => {
    const v = visitor();
    const email = uniqueEmail('closed');
    const theSlot = slot(22, 10);
    await v.mutate('publicBooking.request', { ...theSlot, ...details(email) }, studio.slug);
    await studio.owner.mutate(
      'booking.addClosure',
      { roomId: null, startsAt: at(22, 0).toISOString(), endsAt: at(23, 0).toISOString(), reason: 'Holiday' },
      studio.slug,
    );
    const refused = await v.mutate('publicBooking.confirm', { token: await tokenFor(email) }, studio.slug);
    expect(refused.error?.data).toMatchObject({ appCode: 'CONFLICT', params: { reason: 'slotTaken' } });
    expect(await sessionAt(studio, theSlot.startsAt)).toBeUndefined();
  });

  it('pending approval: a hold, the client created, the policy snapshot, mails to visitor and studio', async () => {
    const theSlot = slot(23, 10);
    const { confirmed, email } = await book(studio, theSlot);
    expect(confirmed.data).toMatchObject({ outcome: 'pending', depositCents: 0 });
    const session = await sessionAt(studio, theSlot.startsAt);
    expect(session).toMatchObject({ status: 'hold', source: 'public', approvalStatus: 'pending', requestMessage: 'Two singers, one guitar' });
    expect(session!.holdExpiresAt).not.toBeNull();
    expect(session!.policyAcceptedAt).not.toBeNull();
    expect(session!.policySnapshot).toMatchObject({ cancellationTiers: POLICY.cancellationTiers, policyText: POLICY.policyText });
    const client = await withStudioDb(
      server,
      studio.id,
      async (db) => (await db.select().from(tenant.clients).where(eq(tenant.clients.id, session!.clientId!)))[0],
    );
    expect(client).toMatchObject({ name: 'Nina Visitor', email, phone: '+33 6 12 34 56 78' });
    expect((await mailsTo(email)).map((m) => m.template)).toContain('public-booking-pending');
    expect((await mailsTo(studio.ownerEmail)).map((m) => m.template)).toContain('public-booking-staff-request');
  });

  it('finds an existing client by address whatever its case, an archived one included (made active again)', async () => {
    const created = await studio.owner.mutate<{ id: string }>('booking.createClient', { name: 'Case Client', email: 'Case.Client@Example.test' }, studio.slug);
    const theSlot = slot(24, 10);
    await book(studio, theSlot, 'case.client@example.test');
    expect((await sessionAt(studio, theSlot.startsAt))?.clientId).toBe(created.data!.id);

    const archived = await studio.owner.mutate<{ id: string }>('booking.createClient', { name: 'Gone Client', email: 'gone@example.test' }, studio.slug);
    await withStudioDb(server, studio.id, (db) => db.update(tenant.clients).set({ archivedAt: new Date() }).where(eq(tenant.clients.id, archived.data!.id)));
    const other = slot(24, 14);
    await book(studio, other, 'gone@example.test');
    // One client per address: the archived client is the one who booked, and is active again.
    const session = await sessionAt(studio, other.startsAt);
    expect(session?.clientId).toBe(archived.data!.id);
    const [row] = await withStudioDb(server, studio.id, (db) => db.select().from(tenant.clients).where(eq(tenant.clients.id, archived.data!.id)));
    expect(row!.archivedAt).toBeNull();
  });

  it('hold without approval, instant booking, and the deposit', async () => {
    await setPolicy(studio, { requireApproval: false, depositPercent: 30, depositDueHours: 72, holdHours: 96 });
    const held = slot(25, 10);
    const first = await book(studio, held);
    expect(first.confirmed.data).toMatchObject({ outcome: 'hold', depositCents: 3000, transferDetails: POLICY.transferDetails });
    const row = await sessionAt(studio, held.startsAt);
    expect(row).toMatchObject({ status: 'hold', approvalStatus: null, depositCents: 3000 });
    expect(Math.abs(row!.depositDueAt!.getTime() - (Date.now() + 72 * HOUR))).toBeLessThan(60_000);
    const hold = (await mailsTo(first.email)).find((m) => m.template === 'public-booking-hold');
    expect(hold?.textBody).toContain(POLICY.transferDetails);

    await setPolicy(studio, { requireApproval: false, instantBooking: true });
    const instant = slot(25, 14);
    const second = await book(studio, instant);
    expect(second.confirmed.data).toMatchObject({ outcome: 'confirmed' });
    expect(await sessionAt(studio, instant.startsAt)).toMatchObject({ status: 'confirmed', approvalStatus: null, holdExpiresAt: null });
    await setPolicy(studio);
  });

  it('deposit and hold deadlines never fall after the session: contradictory settings are refused, and old ones are capped', async () => {
    // Issue #9 item 14: the demo's old settings (hold 48 h, deposit due 72 h).
    const refused = await studio.owner.mutate(
      'bookingPage.updateSettings',
      { ...POLICY, requireApproval: false, depositPercent: 30, holdHours: 48, depositDueHours: 72 },
      studio.slug,
    );
    expect(refused.error?.data.fieldErrors).toMatchObject({ depositDueHours: ['bookingPage.errors.depositAfterHold'] });
    // A studio that saved them before the rule existed: a session tomorrow is held, and its deposit due, until it starts at the latest.
    await withStudioDb(server, studio.id, (db) =>
      db
        .update(tenant.bookingPolicy)
        .set({ requireApproval: false, depositPercent: 30, holdHours: 48, depositDueHours: 72, minNoticeHours: 0 })
        .where(eq(tenant.bookingPolicy.id, 1)),
    );
    const tomorrow = slot(1, 10);
    const booked = await book(studio, tomorrow);
    expect(booked.confirmed.data).toMatchObject({ outcome: 'hold' });
    const row = await sessionAt(studio, tomorrow.startsAt);
    expect(row!.holdExpiresAt).toEqual(row!.startsAt);
    expect(row!.depositDueAt).toEqual(row!.startsAt);
    await setPolicy(studio);
  });

  it('visitors confirming the same slot at once: one gets it, the others a clear message', async () => {
    const theSlot = slot(26, 10);
    const racers = Array.from({ length: 5 }, (_, i) => ({ client: visitor(), email: uniqueEmail(`racer-${i}`) }));
    for (const r of racers) await r.client.mutate('publicBooking.request', { ...theSlot, ...details(r.email) }, studio.slug);
    const tokens = await Promise.all(racers.map((r) => tokenFor(r.email)));
    const results = await Promise.all(racers.map((r, i) => r.client.mutate('publicBooking.confirm', { token: tokens[i] }, studio.slug)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    for (const refused of results.filter((r) => r.status !== 200))
      expect(refused.error?.data).toMatchObject({ appCode: 'CONFLICT', params: { reason: 'slotTaken' } });
    const rows = await withStudioDb(server, studio.id, (db) =>
      db
        .select()
        .from(tenant.sessions)
        .where(eq(tenant.sessions.startsAt, new Date(theSlot.startsAt))),
    );
    expect(rows).toHaveLength(1);
  });
});

describe('plan limit', () => {
  it('a Starter studio at its limit: a clear message to the visitor, and the studio is told', async () => {
    const { studio: starter, roomId: starterRoom } = await prepareStudio('Starter Sound');
    await setPlan(server, starter.id, 'starter'); // past its trial (Pro's limits)
    await setPolicy(starter);
    await withStudioDb(server, starter.id, (db) =>
      db.insert(tenant.sessions).values(
        Array.from({ length: 50 }, (_, i) => ({
          title: `Filler ${i}`,
          roomId: starterRoom,
          startsAt: at(60 + i, 9),
          endsAt: at(60 + i, 10),
          status: 'cancelled' as const,
          currency: 'EUR',
        })),
      ),
    );
    const { confirmed } = await book(starter, { roomId: starterRoom, startsAt: at(30, 10).toISOString(), endsAt: at(30, 12).toISOString() });
    expect(confirmed.error?.data).toMatchObject({ appCode: 'LIMIT_REACHED', params: { reason: 'studioLimit' } });
    expect(confirmed.error?.message).not.toMatch(/Starter|Pro/);
    expect((await mailsTo(starter.ownerEmail)).map((m) => m.template)).toContain('public-booking-limit-reached');
  });
});
