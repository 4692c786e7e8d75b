/**
 * A new studio can be booked from its first minute: it starts with opening hours (Monday–Saturday
 * 10:00–22:00), "New session" proposes the next free slot of a room (never a closed day), and the dashboard's
 * next steps are read from what the studio has really done. A studio without hours is left without them.
 */
import { eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wallClock } from '@rsm/shared/zoned-time';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { ApiClient, signUpStudio, uniqueEmail } from '../support/api.ts';

type Slot = { startsAt: string; endsAt: string } | null;
type Steps = { firstSession: boolean; openingHours: boolean; bookingPage: boolean; team: boolean };

let server: TestServer;
let owner: ApiClient;
let slug: string;
let zone: string;
let roomId: string;

/** The instant the studio's clock shows this wall time (the offset found with Intl, good away from DST changes). */
function studioTime(date: string, time: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  const shown = wallClock(guess, zone);
  const shownMs = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute);
  return new Date(guess.getTime() - (shownMs - guess.getTime()));
}

function wall(iso: string): string {
  const c = wallClock(new Date(iso), zone);
  return `${c.year}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')} ${String(c.hour).padStart(2, '0')}:${String(c.minute).padStart(2, '0')}`;
}

function setNow(instant: Date) {
  server.platform.clock = { now: () => instant };
}

/** Out of its trial, on a plan (as the operator would set it): the clock of these cases is years ahead. */
async function onAPlan(studioSlug: string) {
  await server.platform.controlDb.update(control.studios).set({ billingStatus: 'active' }).where(eq(control.studios.slug, studioSlug));
}

beforeAll(async () => {
  server = await createTestServer();
  owner = new ApiClient(server.app);
  slug = (await signUpStudio(owner, { studioName: 'First Day Studio' })).slug;
  await onAPlan(slug); // the suite moves the clock to 2030: past any trial
  zone = (await owner.query<{ timeZone: string }>('studio.get', undefined, slug)).data!.timeZone;
  roomId = (await owner.mutate<{ id: string }>('rooms.create', { name: 'Live Room', hourlyRateCents: 5000, capacity: 4 }, slug)).data!.id;
});
afterAll(async () => server?.close());

describe('a new studio', () => {
  it('opens Monday to Saturday, 10:00–22:00, and availability offers those hours', async () => {
    const hours = await owner.query<{ opening: { roomId: string | null; weekday: number; opensAt: string; closesAt: string }[] }>(
      'booking.hours',
      undefined,
      slug,
    );
    expect(hours.data!.opening).toEqual(
      [1, 2, 3, 4, 5, 6].map((weekday) => expect.objectContaining({ roomId: null, weekday, opensAt: '10:00', closesAt: '22:00' })),
    );
    setNow(new Date('2030-01-01T00:00:00Z'));
    // Monday 7 January 2030: one free interval, opening to closing; Sunday the 6th: nothing.
    const monday = await owner.query<{ startsAt: string; endsAt: string }[]>(
      'sessions.availability',
      { roomId, from: studioTime('2030-01-07', '00:00').toISOString(), to: studioTime('2030-01-08', '00:00').toISOString() },
      slug,
    );
    expect(monday.data!.map((s) => [wall(s.startsAt), wall(s.endsAt)])).toEqual([['2030-01-07 10:00', '2030-01-07 22:00']]);
    const sunday = await owner.query<unknown[]>(
      'sessions.availability',
      { roomId, from: studioTime('2030-01-06', '00:00').toISOString(), to: studioTime('2030-01-07', '00:00').toISOString() },
      slug,
    );
    expect(sunday.data).toEqual([]);
  });
});

describe('the next free slot', () => {
  it('on a closed Sunday night is Monday at opening, for an hour', async () => {
    setNow(studioTime('2030-01-06', '04:00'));
    const slot = await owner.query<Slot>('sessions.nextSlot', { roomId, from: studioTime('2030-01-06', '00:00').toISOString() }, slug);
    expect([wall(slot.data!.startsAt), wall(slot.data!.endsAt)]).toEqual(['2030-01-07 10:00', '2030-01-07 11:00']);
  });

  it('is found on a day shown far ahead of today too', async () => {
    setNow(new Date('2029-06-01T12:00:00Z'));
    const slot = await owner.query<Slot>('sessions.nextSlot', { roomId, from: studioTime('2030-01-06', '00:00').toISOString() }, slug);
    expect(wall(slot.data!.startsAt)).toBe('2030-01-07 10:00');
  });

  it('starts no earlier than now, rounded up to the room’s increment', async () => {
    setNow(studioTime('2030-01-08', '13:07'));
    const slot = await owner.query<Slot>('sessions.nextSlot', { roomId, from: studioTime('2030-01-08', '00:00').toISOString() }, slug);
    expect(wall(slot.data!.startsAt)).toBe('2030-01-08 13:30');
  });

  it('goes around bookings, and lasts the room’s minimum when that is longer than an hour', async () => {
    setNow(new Date('2030-01-01T00:00:00Z'));
    const room = (await owner.mutate<{ id: string }>('rooms.create', { name: 'Mix Room', hourlyRateCents: 5000, capacity: 2 }, slug)).data!.id;
    const rules = {
      id: room,
      halfDayRateCents: null,
      dayRateCents: null,
      hourlyRateWithEngineerCents: null,
      setupBufferMinutes: 0,
      teardownBufferMinutes: 0,
      minDurationMinutes: 90,
      incrementMinutes: 30,
      overtimeBlockMinutes: 30,
      linkedRoomIds: [],
    };
    expect((await owner.mutate('booking.updateRoomRules', rules, slug)).error).toBeUndefined();
    const booked = await owner.mutate(
      'sessions.create',
      {
        roomId: room,
        engineerIds: [],
        startsAt: studioTime('2030-01-09', '10:00').toISOString(),
        endsAt: studioTime('2030-01-09', '12:00').toISOString(),
        title: 'Morning mix',
      },
      slug,
    );
    expect(booked.error).toBeUndefined();
    const slot = await owner.query<Slot>('sessions.nextSlot', { roomId: room, from: studioTime('2030-01-09', '00:00').toISOString() }, slug);
    expect([wall(slot.data!.startsAt), wall(slot.data!.endsAt)]).toEqual(['2030-01-09 12:00', '2030-01-09 13:30']);
  });

  it('is none for a studio that has no opening hours (they are not invented for it)', async () => {
    const other = new ApiClient(server.app);
    const otherSlug = (await signUpStudio(other, { studioName: 'No Hours Studio' })).slug;
    await onAPlan(otherSlug); // the suite moves the clock to 2030: past any trial
    const room = (await other.mutate<{ id: string }>('rooms.create', { name: 'Booth', hourlyRateCents: 3000, capacity: 1 }, otherSlug)).data!.id;
    await other.mutate('booking.setOpeningHours', { roomId: null, hours: [] }, otherSlug);
    setNow(new Date('2030-01-01T00:00:00Z'));
    expect((await other.query<Slot>('sessions.nextSlot', { roomId: room, from: '2030-01-07T00:00:00Z' }, otherSlug)).data).toBeNull();
    expect((await other.query<Steps>('dashboard.nextSteps', undefined, otherSlug)).data).toMatchObject({ openingHours: false });
  });
});

describe('the dashboard’s next steps', () => {
  it('follow what the studio has done: a session, hours, the booking page, an invitation', async () => {
    const fresh = new ApiClient(server.app);
    const freshSlug = (await signUpStudio(fresh, { studioName: 'Steps Studio' })).slug;
    await onAPlan(freshSlug); // the suite moves the clock to 2030: past any trial
    expect((await fresh.query<Steps>('dashboard.nextSteps', undefined, freshSlug)).data).toEqual({
      firstSession: false,
      openingHours: true,
      bookingPage: false,
      team: false,
    });

    const room = (await fresh.mutate<{ id: string }>('rooms.create', { name: 'Room', hourlyRateCents: 3000, capacity: 1 }, freshSlug)).data!.id;
    await fresh.mutate(
      'sessions.create',
      { roomId: room, engineerIds: [], startsAt: '2030-02-04T10:00:00Z', endsAt: '2030-02-04T11:00:00Z', title: 'First' },
      freshSlug,
    );
    const settings = (await fresh.query<Record<string, unknown>>('bookingPage.settings', undefined, freshSlug)).data!;
    const enabled = await fresh.mutate('bookingPage.updateSettings', { ...settings, publicBookingEnabled: true }, freshSlug);
    expect(enabled.error).toBeUndefined();
    await fresh.mutate('members.invite', { email: uniqueEmail('engineer'), role: 'engineer' }, freshSlug);
    expect((await fresh.query<Steps>('dashboard.nextSteps', undefined, freshSlug)).data).toEqual({
      firstSession: true,
      openingHours: true,
      bookingPage: true,
      team: true,
    });
  });
});
