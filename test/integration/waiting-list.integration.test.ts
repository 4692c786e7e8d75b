/**
 * The waiting list (issue #10 items 8 and 9), through the API: a queued hold is promoted whenever the slot
 * ahead of it is freed — cancel, move away, expiry — and when it is itself moved to a free slot; it keeps
 * its own hold length; its client is told and its new expiry is scheduled; a newcomer cannot take the slot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { runHoldExpiry } from '../../apps/server/src/modules/booking/booking.jobs.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, pendingWork, withStudioDb, type Studio } from '../support/studios.ts';

let server: TestServer;
let studio: Studio;
let roomId: string;
let clientId: string;

beforeAll(async () => {
  server = await createTestServer();
  studio = await createStudio(server, { studioName: 'Waiting Line' });
  roomId = (await studio.owner.mutate<{ id: string }>('rooms.create', { name: 'Studio A', hourlyRateCents: 5000, capacity: 5 }, studio.slug)).data!.id;
  clientId = (await studio.owner.mutate<{ id: string }>('booking.createClient', { name: 'Next Band', email: 'next.band@example.test' }, studio.slug)).data!.id;
});
afterAll(async () => server?.close());

const HOUR = 3_600_000;
const slot = (day: number, hour = 10, hours = 2) => ({
  startsAt: new Date(Date.UTC(2031, 5, day, hour)).toISOString(),
  endsAt: new Date(Date.UTC(2031, 5, day, hour + hours)).toISOString(),
});

interface View {
  id: string;
  queued: boolean;
  status: string;
  holdExpiresAt: string | null;
  startsAt: string;
  version: number;
}

async function pair(day: number, queuedHours = 48) {
  const ahead = await studio.owner.mutate<View>('sessions.create', { roomId, ...slot(day), title: 'Ahead', status: 'hold', holdHours: 48 }, studio.slug);
  const queued = await studio.owner.mutate<View>(
    'sessions.create',
    { roomId, ...slot(day), title: 'Queued', status: 'hold', holdHours: queuedHours, queueBehindHolds: true, clientId },
    studio.slug,
  );
  expect(queued.data?.queued).toBe(true);
  return { ahead: ahead.data!, queued: queued.data! };
}

const get = async (id: string) => (await studio.owner.query<View>('sessions.get', { id }, studio.slug)).data!;

async function expectPromoted(id: string, day: number, hours = 48) {
  const view = await get(id);
  expect(view).toMatchObject({ status: 'hold', queued: false });
  expect(Math.abs(Date.parse(view.holdExpiresAt!) - (Date.now() + hours * HOUR))).toBeLessThan(5 * 60_000);
  // The promoted hold's expiry is looked at again when it ends, and its client is told.
  expect((await pendingWork(server, studio.id, 'hold-expiry', id)).map((d) => d.getTime())).toContain(Date.parse(view.holdExpiresAt!));
  const mails = await server.platform.controlDb
    .select()
    .from(control.mailOutbox)
    .where(and(eq(control.mailOutbox.toAddress, 'next.band@example.test'), eq(control.mailOutbox.template, 'hold-promoted')));
  expect(mails.some((m) => m.textBody.includes('Queued'))).toBe(true);
  // A newcomer cannot take the slot any more.
  const newcomer = await studio.owner.mutate('sessions.create', { roomId, ...slot(day), title: 'Newcomer' }, studio.slug);
  expect(newcomer.error?.data.appCode).toBe('CONFLICT');
}

describe('item 8: every event that frees the slot promotes the waiting list', () => {
  it('the hold ahead is cancelled', async () => {
    const { ahead, queued } = await pair(2);
    expect((await studio.owner.mutate('sessions.changeStatus', { id: ahead.id, status: 'cancelled' }, studio.slug)).error).toBeUndefined();
    await expectPromoted(queued.id, 2);
  });

  it('the hold ahead is cancelled under the cancellation policy (staff cancel)', async () => {
    const { ahead, queued } = await pair(3);
    expect((await studio.owner.mutate('cancellations.cancel', { id: ahead.id, reason: 'changed plans' }, studio.slug)).error).toBeUndefined();
    await expectPromoted(queued.id, 3);
  });

  it('the hold ahead is moved away', async () => {
    const { ahead, queued } = await pair(4);
    expect((await studio.owner.mutate('sessions.move', { id: ahead.id, ...slot(5), version: ahead.version }, studio.slug)).error).toBeUndefined();
    await expectPromoted(queued.id, 4);
  });

  it('the hold ahead is shortened so that it no longer overlaps', async () => {
    const ahead = await studio.owner.mutate<View>('sessions.create', { roomId, ...slot(6, 10, 4), title: 'Long', status: 'hold' }, studio.slug);
    const queued = await studio.owner.mutate<View>(
      'sessions.create',
      { roomId, ...slot(6, 13, 1), title: 'Queued', status: 'hold', queueBehindHolds: true, clientId },
      studio.slug,
    );
    expect(queued.data?.queued).toBe(true);
    expect((await studio.owner.mutate('sessions.move', { id: ahead.data!.id, ...slot(6, 10, 2) }, studio.slug)).error).toBeUndefined();
    expect(await get(queued.data!.id)).toMatchObject({ queued: false });
  });

  it('the queued hold itself is moved to a free slot: it blocks there', async () => {
    const { queued } = await pair(7);
    expect((await studio.owner.mutate('sessions.move', { id: queued.id, ...slot(8) }, studio.slug)).error).toBeUndefined();
    expect(await get(queued.id)).toMatchObject({ queued: false });
    const newcomer = await studio.owner.mutate('sessions.create', { roomId, ...slot(8), title: 'Newcomer' }, studio.slug);
    expect(newcomer.error?.data.appCode).toBe('CONFLICT');
    // Now blocking, it no longer jumps a line: moved onto another hold, it is refused and stays where it is.
    const other = await studio.owner.mutate<View>('sessions.create', { roomId, ...slot(9), title: 'First there', status: 'hold' }, studio.slug);
    expect(other.error).toBeUndefined();
    expect((await studio.owner.mutate('sessions.move', { id: queued.id, ...slot(9) }, studio.slug)).error?.data.appCode).toBe('CONFLICT');
    expect(await get(queued.id)).toMatchObject({ queued: false, startsAt: slot(8).startsAt });
  });
});

describe('item 9: a promoted hold keeps its own length', () => {
  it('asked for 2 hours, it gets 2 hours from the promotion, not the default 48', async () => {
    const { ahead, queued } = await pair(12, 2);
    const lapsed = new Date(Date.now() + 49 * HOUR);
    server.platform.clock = { now: () => lapsed };
    try {
      const result = await runHoldExpiry(server.platform, studio.id, ahead.id);
      expect(result?.promoted.map((p) => p.id)).toEqual([queued.id]);
      const row = await withStudioDb(server, studio.id, async (db) => (await db.select().from(tenant.sessions).where(eq(tenant.sessions.id, queued.id)))[0]!);
      expect(row.holdExpiresAt!.getTime()).toBe(lapsed.getTime() + 2 * HOUR);
      expect(row.holdMinutes).toBe(120);
    } finally {
      server.platform.clock = { now: () => new Date() };
    }
  });

  it('a hold never lasts past the session start', async () => {
    const soon = new Date(Math.ceil((Date.now() + 5 * HOUR) / HOUR) * HOUR);
    const hold = await studio.owner.mutate<View>(
      'sessions.create',
      { roomId, startsAt: soon.toISOString(), endsAt: new Date(soon.getTime() + 2 * HOUR).toISOString(), title: 'Tonight', status: 'hold', holdHours: 48 },
      studio.slug,
    );
    expect(hold.data?.holdExpiresAt).toBe(soon.toISOString());
  });
});
