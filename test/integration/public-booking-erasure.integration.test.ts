/**
 * A public-booking visitor's name, e-mail and phone live in the client record only: the session gets a
 * neutral title and no copy of them, views name the client from the record, and erasing the client leaves
 * none of them anywhere staff or a feed can read — the calendar, the session with its history, the iCal
 * feed, the request rows — including sessions booked before this rule, whose title and notes were copies.
 */
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenant } from '@rsm/db';
import { uniqueEmail } from '../support/api.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { at, book, prepareStudio, setPolicy, slotIn, type Slot } from '../support/public-booking.ts';
import { withStudioDb, type Studio } from '../support/studios.ts';

let server: TestServer;
let studio: Studio;
let roomId: string;
let feedPath: string;

const NAME = 'Nina Visitor';
const PHONE = '+33 6 12 34 56 78';

type View = { id: string; title: string; notes: string; clientName: string | null; history?: { note: string }[] };

beforeAll(async () => {
  server = await createTestServer();
  ({ studio, roomId } = await prepareStudio(server, 'Erasure Sound'));
  await setPolicy(studio);
  const feed = await studio.owner.mutate<{ url: string }>('calendarFeeds.create', { scope: 'studio' }, studio.slug);
  feedPath = new URL(feed.data!.url).pathname;
});
afterAll(async () => server?.close());

async function sessionAt(theSlot: Slot) {
  return withStudioDb(
    server,
    studio.id,
    async (db) =>
      (
        await db
          .select()
          .from(tenant.sessions)
          .where(eq(tenant.sessions.startsAt, new Date(theSlot.startsAt)))
      )[0]!,
  );
}

async function calendar(): Promise<View[]> {
  const list = await studio.owner.query<View[]>(
    'sessions.list',
    { from: at(0, 0).toISOString(), to: at(60, 0).toISOString(), includeCancelled: true },
    studio.slug,
  );
  expect(list.error, JSON.stringify(list.error)).toBeUndefined();
  return list.data!;
}

/** The session as the calendar, its panel (history included) and the feed show it (other visitors' sessions aside). */
async function everythingStaffSee(sessionId: string): Promise<string> {
  const listed = (await calendar()).find((s) => s.id === sessionId);
  expect(listed).toBeDefined();
  const got = await studio.owner.query<View>('sessions.get', { id: sessionId }, studio.slug);
  expect(got.error, JSON.stringify(got.error)).toBeUndefined();
  expect(got.data!.history!.length).toBeGreaterThan(0);
  const feed = await server.app.inject({ method: 'GET', url: feedPath });
  expect(feed.statusCode).toBe(200);
  const unfolded = feed.body.replace(/\r\n[ \t]/g, '');
  const event = unfolded.split('BEGIN:VEVENT').find((block) => block.includes(`UID:${sessionId}@`));
  expect(event).toBeDefined();
  return JSON.stringify(listed) + JSON.stringify(got.data) + event!;
}

function expectNone(text: string, email: string) {
  expect(text).not.toContain(NAME);
  expect(text.toLowerCase()).not.toContain(email.toLowerCase());
  expect(text).not.toContain(PHONE);
}

async function erase(clientId: string) {
  const erased = await studio.owner.mutate('clients.erase', { id: clientId, confirmName: NAME }, studio.slug);
  expect(erased.error, JSON.stringify(erased.error)).toBeUndefined();
}

describe('a public booking request', () => {
  it('gets a neutral title and no copy of the visitor’s details; views name the client from the record', async () => {
    const theSlot = slotIn(roomId, 20, 10);
    const { email } = await book(server, studio, theSlot, uniqueEmail('neutral'));
    const row = await sessionAt(theSlot);
    expect(row.title).toBe('Booking request — Live Room');
    expectNone(`${row.title} ${row.notes}`, email);
    const listed = (await calendar()).find((s) => s.id === row.id)!;
    expect(listed.clientName).toBe(NAME);
    const feed = await server.app.inject({ method: 'GET', url: feedPath });
    expect(feed.body).toContain(`Booking request — Live Room — ${NAME}`);
  });

  it('is named in the studio’s language', async () => {
    await studio.owner.mutate('studio.update', { name: 'Erasure Sound', slug: studio.slug, timeZone: 'UTC', currency: 'EUR', locale: 'fr' }, studio.slug);
    const theSlot = slotIn(roomId, 21, 10);
    await book(server, studio, theSlot, uniqueEmail('fr'));
    expect((await sessionAt(theSlot)).title).toBe('Demande de réservation — Live Room');
    await studio.owner.mutate('studio.update', { name: 'Erasure Sound', slug: studio.slug, timeZone: 'UTC', currency: 'EUR', locale: 'en' }, studio.slug);
  });
});

describe('erasing a visitor who booked publicly', () => {
  it('leaves none of their name, e-mail or phone in the calendar, the session, its history or the feed', async () => {
    const theSlot = slotIn(roomId, 22, 10);
    const { email } = await book(server, studio, theSlot, uniqueEmail('erase-me'));
    const row = await sessionAt(theSlot);
    // Staff decline with a message naming the visitor: it lands in the status history too.
    await studio.owner.mutate('bookingRequests.decline', { id: row.id, message: `Sorry ${NAME}, we are full` }, studio.slug);
    await erase(row.clientId!);
    expectNone(await everythingStaffSee(row.id), email);
    const requests = await withStudioDb(server, studio.id, (db) =>
      db.select().from(tenant.bookingRequests).where(eq(tenant.bookingRequests.sessionId, row.id)),
    );
    expect(requests).toEqual([]);
    // The decline's audit entry quoted the message, and the name in it.
    const audit = await withStudioDb(server, studio.id, (db) => db.select().from(tenant.auditLog).where(eq(tenant.auditLog.entityId, row.id)));
    expect(audit.map((a) => a.action)).toContain('booking_request.declined');
    expectNone(JSON.stringify(audit), email);
  });

  it('also scrubs sessions booked before the rule, whose title, notes and history copied the details', async () => {
    const theSlot = slotIn(roomId, 23, 10);
    const { email } = await book(server, studio, theSlot, uniqueEmail('legacy'));
    const row = await sessionAt(theSlot);
    // What the request used to write: the visitor's name as the title, their address and phone as notes.
    await withStudioDb(server, studio.id, async (db) => {
      await db
        .update(tenant.sessions)
        .set({ title: NAME, notes: `${email} · ${PHONE}`, cancellationReason: `${NAME.toUpperCase()} phoned` })
        .where(eq(tenant.sessions.id, row.id));
      await db.insert(tenant.sessionStatusHistory).values({ sessionId: row.id, fromStatus: 'hold', toStatus: 'hold', note: `called ${PHONE} for ${NAME}` });
    });
    const other = await studio.owner.mutate<{ id: string }>(
      'sessions.create',
      { roomId, startsAt: at(24, 10).toISOString(), endsAt: at(24, 12).toISOString(), title: `${NAME} listening party`, notes: 'not theirs' },
      studio.slug,
    );
    await erase(row.clientId!);
    expectNone(await everythingStaffSee(row.id), email);
    const scrubbed = await sessionAt(theSlot);
    expect(scrubbed.title).not.toBe('');
    // Only that client's sessions are touched: a session of nobody's that happens to hold the name stays.
    const untouched = await withStudioDb(server, studio.id, (db) =>
      db
        .select()
        .from(tenant.sessions)
        .where(inArray(tenant.sessions.id, [other.data!.id])),
    );
    expect(untouched[0]!.title).toBe(`${NAME} listening party`);
  });

  it('leaves a word that merely contains a short name alone', async () => {
    const theSlot = slotIn(roomId, 25, 10);
    const { email } = await book(server, studio, theSlot, uniqueEmail('short'), { name: 'Al' });
    const row = await sessionAt(theSlot);
    await withStudioDb(server, studio.id, (db) => db.update(tenant.sessions).set({ title: 'Al — Album mix' }).where(eq(tenant.sessions.id, row.id)));
    const erased = await studio.owner.mutate('clients.erase', { id: row.clientId!, confirmName: 'Al' }, studio.slug);
    expect(erased.error, JSON.stringify(erased.error)).toBeUndefined();
    const after = await sessionAt(theSlot);
    expect(after.title).toContain('Album mix');
    expect(after.title).not.toMatch(/\bAl\b/);
    expect(after.notes).not.toContain(email);
  });
});
