/**
 * Issue #10 item 10: changing a room's buffers or linked rooms while bookings exist. A change that would
 * make blocking sessions overlap is refused with the list of them and changes nothing; a change that fits
 * is applied to the sessions to come, so the new rule is enforced for them too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, withStudioDb, type Studio } from '../support/studios.ts';

let server: TestServer;
let studio: Studio;
const rooms = { live: '', booth: '', mix: '' };

const at = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2031, 8, day, hour, minute)).toISOString();
const rules = (id: string, overrides: Partial<{ setupBufferMinutes: number; teardownBufferMinutes: number; linkedRoomIds: string[] }> = {}) => ({
  id,
  halfDayRateCents: null,
  dayRateCents: null,
  hourlyRateWithEngineerCents: null,
  setupBufferMinutes: 0,
  teardownBufferMinutes: 0,
  minDurationMinutes: 60,
  incrementMinutes: 30,
  overtimeBlockMinutes: 30,
  linkedRoomIds: [],
  ...overrides,
});

async function book(roomId: string, day: number, from: number, to: number, title: string, status: 'confirmed' | 'hold' = 'confirmed') {
  const created = await studio.owner.mutate<{ id: string }>(
    'sessions.create',
    { roomId, startsAt: at(day, from), endsAt: at(day, to), title, status },
    studio.slug,
  );
  expect(created.error, JSON.stringify(created.error)).toBeUndefined();
  return created.data!.id;
}

const update = (input: ReturnType<typeof rules>) =>
  studio.owner.mutate<{ linkedRoomIds: string[]; teardownBufferMinutes: number }>('booking.updateRoomRules', input, studio.slug);
const roomRow = (id: string) => withStudioDb(server, studio.id, async (db) => (await db.select().from(tenant.rooms).where(eq(tenant.rooms.id, id)))[0]!);
const links = () => withStudioDb(server, studio.id, (db) => db.select().from(tenant.roomLinks));

beforeAll(async () => {
  server = await createTestServer();
  studio = await createStudio(server, { studioName: 'Rules Studio' });
  for (const name of ['live', 'booth', 'mix'] as const) {
    rooms[name] = (
      await studio.owner.mutate<{ id: string }>('rooms.create', { name: `Room ${name}`, hourlyRateCents: 4000, capacity: 4 }, studio.slug)
    ).data!.id;
  }
});
afterAll(async () => server?.close());

describe('room links and buffers with bookings in place', () => {
  it('refuses to link two rooms whose sessions overlap, listing every pair, and changes nothing', async () => {
    const a1 = await book(rooms.live, 1, 10, 12, 'Drums');
    const b1 = await book(rooms.booth, 1, 11, 13, 'Vocals');
    const a2 = await book(rooms.live, 2, 10, 12, 'Guitars');
    const b2 = await book(rooms.booth, 2, 9, 11, 'Voice-over', 'hold');
    await book(rooms.booth, 3, 9, 11, 'Alone'); // nothing in the live room that day
    const refused = await update(rules(rooms.live, { linkedRoomIds: [rooms.booth] }));
    expect(refused.error?.data.appCode).toBe('CONFLICT');
    expect(refused.error?.data.params).toMatchObject({ reason: 'roomRulesOverlap', count: 2 });
    expect(String(refused.error?.data.params.sessionIds).split(',').sort()).toEqual([a1, b1, a2, b2].sort());
    expect(refused.error?.message).toContain("'Drums'");
    expect(refused.error?.message).toContain("'Voice-over'");
    expect(refused.error?.message).not.toContain("'Alone'");
    expect(await links()).toEqual([]);
  });

  it("refuses a buffer that would make a room's own sessions overlap, and changes nothing", async () => {
    await book(rooms.mix, 10, 10, 12, 'Mix one');
    await book(rooms.mix, 10, 12, 14, 'Mix two');
    const refused = await update(rules(rooms.mix, { teardownBufferMinutes: 30 }));
    expect(refused.error?.data.params).toMatchObject({ reason: 'roomRulesOverlap', count: 1 });
    expect(refused.error?.message).toContain("'Mix one'");
    expect((await roomRow(rooms.mix)).teardownBufferMinutes).toBe(0);
  });

  it('applies a change that fits to the sessions to come: the new buffer and link are enforced for them', async () => {
    await book(rooms.mix, 20, 10, 12, 'Spaced one');
    await book(rooms.mix, 20, 13, 15, 'Spaced two');
    // Move the earlier mix-room pair of day 10 apart so the buffer fits.
    const ok = await update(rules(rooms.mix, { setupBufferMinutes: 0, teardownBufferMinutes: 30, linkedRoomIds: [] }));
    expect(ok.error?.data.params).toMatchObject({ count: 1 }); // still the day-10 pair
    const day10 = await withStudioDb(server, studio.id, (db) => db.select().from(tenant.sessions).where(eq(tenant.sessions.title, 'Mix two')));
    expect((await studio.owner.mutate('sessions.move', { id: day10[0]!.id, startsAt: at(10, 13), endsAt: at(10, 15) }, studio.slug)).error).toBeUndefined();
    const applied = await update(rules(rooms.mix, { teardownBufferMinutes: 30 }));
    expect(applied.error).toBeUndefined();
    // 12:00–12:30 is now the teardown of 'Spaced one': a booking there is refused and names it.
    const inBuffer = await studio.owner.mutate(
      'sessions.create',
      { roomId: rooms.mix, startsAt: at(20, 12), endsAt: at(20, 13), title: 'Squeezed' },
      studio.slug,
    );
    expect(inBuffer.error?.message).toContain("'Spaced one'");
    // Linking the mix room to the (empty that day) booth: the booth now refuses what overlaps the mix sessions.
    const linked = await update(rules(rooms.mix, { teardownBufferMinutes: 30, linkedRoomIds: [rooms.booth] }));
    expect(linked.error, JSON.stringify(linked.error)).toBeUndefined();
    const inBooth = await studio.owner.mutate(
      'sessions.create',
      { roomId: rooms.booth, startsAt: at(20, 14), endsAt: at(20, 16), title: 'Booth clash' },
      studio.slug,
    );
    expect(inBooth.error?.message).toContain("'Spaced two'");
  });
});
