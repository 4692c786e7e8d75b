/**
 * Availability against a real tenant database: what loadAvailabilityInput + freeSlots propose is what
 * createSession accepts. Every proposed start books; every aligned start left out because of another
 * session is refused by the EXCLUDE constraint; every free interval books whole. With room-specific and
 * studio-wide opening hours, closures, linked rooms (two links away), a hold, a cancelled session, an
 * engineer's hours, time off and sessions elsewhere, and the spring-forward Sunday of Europe/Paris.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, isNull } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { control, tenant } from '@rsm/db';
import { databaseUrl } from '../../apps/server/src/platform/postgres/connection-manager.ts';
import type { TenantDb } from '../../apps/server/src/platform/tenancy/directory.ts';
import type { StudioContext } from '../../apps/server/src/modules/studios/studio-context.ts';
import { changeSessionStatus, createSession, type CreateSessionInput } from '../../apps/server/src/modules/booking/sessions.service.ts';
import { freeSlots, type AvailabilityInput, type Slot, type TimeRange } from '../../apps/server/src/modules/booking/availability.ts';
import { loadAvailabilityInput } from '../../apps/server/src/modules/booking/availability.loader.ts';
import { wallClock } from '../../apps/server/src/modules/booking/time.ts';
import { AppError } from '../../apps/server/src/platform/errors.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, signUpStudio } from '../support/api.ts';

const ZONE = 'Europe/Paris';
let server: TestServer;
let pool: pg.Pool;
let db: TenantDb;
let studio: StudioContext;
const ids = { live: '', booth: '', iso: '', mix: '', edit: '', engineer: '' };

const at = (iso: string) => new Date(iso);
// Monday 22 March 2027 to the end of Sunday 28 March, when Paris moves from UTC+1 to UTC+2 at 02:00.
const week = { from: at('2027-03-22T00:00:00+01:00'), to: at('2027-03-29T00:00:00+02:00') };
const load = (roomId: string, more: { engineerId?: string; durationMinutes?: number } = {}) =>
  loadAvailabilityInput(db, { roomId, ...week, timeZone: ZONE, now: at('2027-03-01T12:00:00+01:00'), minimumNoticeMinutes: 0, bookingWindowDays: 60, ...more });
const book = (input: Partial<CreateSessionInput> & { roomId: string; startsAt: Date; endsAt: Date }) =>
  createSession(db, studio, null, { title: 'Session', status: 'confirmed', ...input });
const startsOf = (slots: Slot[]) => new Set(slots.map((s) => s.startsAt.getTime()));

/** Books a slot and cancels it at once (a cancelled session blocks nothing), so each proposal is tried alone. */
async function expectBookable(slot: TimeRange, more: Partial<CreateSessionInput> & { roomId: string }) {
  const { session, queued } = await book({ ...more, startsAt: slot.startsAt, endsAt: slot.endsAt });
  expect(queued).toBe(false);
  await changeSessionStatus(db, studio, null, session.id, 'cancelled');
}

async function expectConflict(slot: TimeRange, more: Partial<CreateSessionInput> & { roomId: string }) {
  const error = await book({ ...more, startsAt: slot.startsAt, endsAt: slot.endsAt }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `${slot.startsAt.toISOString()} should be refused`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('CONFLICT');
}

beforeAll(async () => {
  server = await createTestServer();
  const owner = await signUpStudio(new ApiClient(server.app), { studioName: 'Availability Studio' });
  const [row] = await server.platform.controlDb
    .select({ studio: control.studios, location: control.tenantDatabases })
    .from(control.studios)
    .innerJoin(control.tenantDatabases, eq(control.tenantDatabases.studioId, control.studios.id))
    .where(eq(control.studios.slug, owner.slug));
  studio = { ...row!.studio, timeZone: ZONE, locale: 'en', location: row!.location };
  pool = new pg.Pool({ connectionString: databaseUrl(server.adminUrl, row!.location.databaseName), max: 5 });
  db = drizzle(pool, { schema: tenant });

  const rules = { minDurationMinutes: 60, incrementMinutes: 30 };
  const [live, booth, iso, mix, edit] = await db
    .insert(tenant.rooms)
    .values([
      { name: 'Live Room', hourlyRateCents: 6000, setupBufferMinutes: 30, teardownBufferMinutes: 30, ...rules },
      { name: 'Vocal Booth', hourlyRateCents: 3000, ...rules },
      { name: 'Iso Booth', hourlyRateCents: 2000, ...rules },
      { name: 'Mix Room', hourlyRateCents: 4500, setupBufferMinutes: 15, teardownBufferMinutes: 15, ...rules },
      { name: 'Edit Suite', hourlyRateCents: 2500, ...rules },
    ])
    .returning();
  // Live room ↔ vocal booth ↔ iso booth: the iso booth reaches the live room through the booth.
  await db.insert(tenant.roomLinks).values([
    { roomId: live!.id, linkedRoomId: booth!.id },
    { roomId: booth!.id, linkedRoomId: live!.id },
    { roomId: booth!.id, linkedRoomId: iso!.id },
    { roomId: iso!.id, linkedRoomId: booth!.id },
  ]);
  const [engineer] = await db.insert(tenant.engineers).values({ name: 'Théo Martin', hourlyRateCents: 3500 }).returning();
  Object.assign(ids, { live: live!.id, booth: booth!.id, iso: iso!.id, mix: mix!.id, edit: edit!.id, engineer: engineer!.id });

  const days = [1, 2, 3, 4, 5, 6, 7];
  // These hours replace the defaults a new studio starts with.
  await db.delete(tenant.openingHours).where(isNull(tenant.openingHours.roomId));
  await db.insert(tenant.openingHours).values([
    // The studio: 09:00–18:00 Monday to Saturday, a night session window 00:00–06:00 on Sunday.
    ...days.slice(0, 6).map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '18:00' })),
    { weekday: 7, opensAt: '00:00', closesAt: '06:00' },
    // The mix room keeps its own hours.
    ...days.map((weekday) => ({ roomId: ids.mix, weekday, opensAt: '10:00', closesAt: '22:00' })),
  ]);
  await db.insert(tenant.closures).values([
    { startsAt: at('2027-03-24T12:00:00+01:00'), endsAt: at('2027-03-24T14:00:00+01:00'), reason: 'Fire drill' },
    { roomId: ids.mix, startsAt: at('2027-03-25T00:00:00+01:00'), endsAt: at('2027-03-26T00:00:00+01:00'), reason: 'Console service' },
  ]);
  await db.insert(tenant.engineerHours).values(days.slice(0, 5).map((weekday) => ({ engineerId: ids.engineer, weekday, startsAt: '09:00', endsAt: '17:00' })));
  await db
    .insert(tenant.engineerTimeOff)
    .values({ engineerId: ids.engineer, startsAt: at('2027-03-24T00:00:00+01:00'), endsAt: at('2027-03-25T00:00:00+01:00'), reason: 'Dentist' });

  await book({ roomId: ids.live, title: 'Tracking', startsAt: at('2027-03-23T10:00:00+01:00'), endsAt: at('2027-03-23T12:00:00+01:00') });
  await book({ roomId: ids.iso, title: 'Guitar overdubs', startsAt: at('2027-03-23T15:00:00+01:00'), endsAt: at('2027-03-23T16:00:00+01:00') });
  await book({ roomId: ids.live, title: 'Held', status: 'hold', startsAt: at('2027-03-22T14:00:00+01:00'), endsAt: at('2027-03-22T16:00:00+01:00') });
  const cancelled = await book({ roomId: ids.mix, title: 'Cancelled', startsAt: at('2027-03-22T10:00:00+01:00'), endsAt: at('2027-03-22T12:00:00+01:00') });
  await changeSessionStatus(db, studio, null, cancelled.session.id, 'cancelled');
  await book({
    roomId: ids.edit,
    title: 'Edit with Théo',
    engineerIds: [ids.engineer],
    startsAt: at('2027-03-23T13:00:00+01:00'),
    endsAt: at('2027-03-23T14:00:00+01:00'),
  });
});

afterAll(async () => {
  await pool?.end();
  await server?.close();
});

describe('loadAvailabilityInput', () => {
  it("reads the room's own opening hours, else the studio's, with the closures that concern it", async () => {
    const live = await load(ids.live);
    expect(live.room).toEqual({ setupBufferMinutes: 30, teardownBufferMinutes: 30, minDurationMinutes: 60, incrementMinutes: 30 });
    expect(live.openingHours).toHaveLength(7);
    expect(live.openingHours.find((h) => h.weekday === 7)).toEqual({ weekday: 7, opensAt: '00:00:00', closesAt: '06:00:00' });
    expect(live.closures).toEqual([{ startsAt: at('2027-03-24T12:00:00+01:00'), endsAt: at('2027-03-24T14:00:00+01:00') }]);
    const mix = await load(ids.mix);
    expect(new Set(mix.openingHours.map((h) => `${h.opensAt}-${h.closesAt}`))).toEqual(new Set(['10:00:00-22:00:00']));
    expect(mix.closures).toHaveLength(2);
    // The cancelled session blocks nothing.
    expect(mix.busy).toEqual([]);
  });

  it('reads the blocked ranges of the room and of the rooms linked to it, buffers included', async () => {
    const live = await load(ids.live);
    const ranges = live.busy.map((b) => `${b.startsAt.toISOString()}/${b.endsAt.toISOString()}`);
    expect(ranges).toContain('2027-03-23T08:30:00.000Z/2027-03-23T11:30:00.000Z'); // tracking 10:00–12:00 ± 30 min
    expect(ranges).toContain('2027-03-22T12:30:00.000Z/2027-03-22T15:30:00.000Z'); // the hold
    expect(ranges).toContain('2027-03-23T14:00:00.000Z/2027-03-23T15:00:00.000Z'); // iso booth, through the vocal booth
    expect(live.engineer).toBeUndefined();
    const withEngineer = await load(ids.mix, { engineerId: ids.engineer });
    expect(withEngineer.engineer!.hours).toHaveLength(5);
    expect(withEngineer.engineer!.timeOff).toHaveLength(1);
    expect(withEngineer.engineer!.busy).toEqual([{ startsAt: at('2027-03-23T13:00:00+01:00'), endsAt: at('2027-03-23T14:00:00+01:00') }]);
    await expect(load(ids.live, { engineerId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('freeSlots on real data', () => {
  it('proposes only starts that book, and every start it leaves out for another session is refused', async () => {
    const input = await load(ids.live, { durationMinutes: 120 });
    const proposed = freeSlots(input);
    expect(proposed.length).toBeGreaterThan(20);
    // The spring-forward night: 00:00–06:00 is five real hours, and nothing starts in the skipped 02:00 hour.
    const sunday = proposed.filter((s) => wallClock(s.startsAt, ZONE).day === 28);
    expect(sunday.map((s) => wallClock(s.startsAt, ZONE).hour)).toEqual([0, 0, 1, 1, 3, 3, 4]);
    for (const slot of proposed) await expectBookable(slot, { roomId: ids.live });

    const taken = startsOf(proposed);
    const leftOut = freeSlots({ ...input, busy: [] }).filter((s) => !taken.has(s.startsAt.getTime()));
    expect(leftOut.length).toBeGreaterThan(10);
    for (const slot of leftOut) await expectConflict(slot, { roomId: ids.live });
  });

  it("keeps to the engineer's hours and time off, and leaves out what their other session blocks", async () => {
    const input = await load(ids.mix, { engineerId: ids.engineer, durationMinutes: 60 });
    const proposed = freeSlots(input);
    expect(proposed.length).toBeGreaterThan(10);
    for (const slot of proposed) {
      const start = wallClock(slot.startsAt, ZONE);
      expect(start.weekday).toBeLessThanOrEqual(5); // works Monday to Friday
      expect([24, 25]).not.toContain(start.day); // time off on Wednesday, the mix room closed on Thursday
      expect(start.hour).toBeGreaterThanOrEqual(10); // the mix room opens at 10:00 …
      expect(start.hour * 60 + start.minute).toBeLessThanOrEqual(16 * 60); // … and the engineer stops at 17:00
    }
    for (const slot of proposed) await expectBookable(slot, { roomId: ids.mix, engineerIds: [ids.engineer] });

    const taken = startsOf(proposed);
    const engineerFree: AvailabilityInput = { ...input, engineer: { ...input.engineer!, busy: [] } };
    const leftOut = freeSlots(engineerFree).filter((s) => !taken.has(s.startsAt.getTime()));
    expect(leftOut.map((s) => s.startsAt)).toEqual(['12:30', '13:00', '13:30'].map((t) => at(`2027-03-23T${t}:00+01:00`)));
    for (const slot of leftOut) await expectConflict(slot, { roomId: ids.mix, engineerIds: [ids.engineer] });
  });

  it("sees sessions just outside the range asked that the room's buffers would touch", async () => {
    // Sessions in the booth (no buffers) right after and right before the range: the live room's 30-minute teardown and setup reach them.
    await book({ roomId: ids.booth, title: 'Vocals', startsAt: at('2027-03-26T12:00:00+01:00'), endsAt: at('2027-03-26T13:00:00+01:00') });
    await book({ roomId: ids.booth, title: 'Vocals', startsAt: at('2027-03-26T14:00:00+01:00'), endsAt: at('2027-03-26T15:00:00+01:00') });
    const range = async (from: string, to: string) =>
      freeSlots(
        await loadAvailabilityInput(db, {
          roomId: ids.live,
          from: at(from),
          to: at(to),
          timeZone: ZONE,
          now: at('2027-03-01T12:00:00+01:00'),
          minimumNoticeMinutes: 0,
          bookingWindowDays: 60,
          durationMinutes: 60,
        }),
      );
    const morning = await range('2027-03-26T09:00:00+01:00', '2027-03-26T12:00:00+01:00');
    expect(morning.at(-1)!.startsAt).toEqual(at('2027-03-26T10:30:00+01:00'));
    const afternoon = await range('2027-03-26T15:00:00+01:00', '2027-03-26T18:00:00+01:00');
    expect(afternoon[0]!.startsAt).toEqual(at('2027-03-26T15:30:00+01:00'));
    for (const slot of [...morning, ...afternoon]) await expectBookable(slot, { roomId: ids.live });
    await expectConflict({ startsAt: at('2027-03-26T11:00:00+01:00'), endsAt: at('2027-03-26T12:00:00+01:00') }, { roomId: ids.live });
    await expectConflict({ startsAt: at('2027-03-26T15:00:00+01:00'), endsAt: at('2027-03-26T16:00:00+01:00') }, { roomId: ids.live });
  });

  it('books every free interval whole, after which nothing is left', async () => {
    const intervals = freeSlots(await load(ids.live));
    expect(intervals.length).toBeGreaterThanOrEqual(7);
    for (const slot of intervals) await book({ roomId: ids.live, title: 'Whole interval', startsAt: slot.startsAt, endsAt: slot.endsAt });
    expect(freeSlots(await load(ids.live))).toEqual([]);
    // The linked booth is now taken wherever the live room is.
    const booth = freeSlots(await load(ids.booth, { durationMinutes: 60 }));
    for (const slot of booth) expect(intervals.some((i) => slot.startsAt < i.endsAt && slot.endsAt > i.startsAt)).toBe(false);
  });
});
