/**
 * The demo studio's bookings: engineers, gear, clients, studio hours, linked rooms, and a realistic
 * fortnight of sessions around today (confirmed, a hold, a hold queued behind it, a weekly lock-out),
 * all created through the booking services so they obey the same rules as real bookings.
 */
import { eq, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { Platform } from '../platform/platform.ts';
import type { TenantDb } from '../platform/tenancy/directory.ts';
import { studioContextById } from '../modules/studios/studio-lookup.ts';
import { createSession } from '../modules/booking/sessions.service.ts';
import { createSeries } from '../modules/booking/recurring.service.ts';
import { zonedTimeToInstant, wallClock } from '@rsm/shared/zoned-time';

export async function seedDemoBookings(platform: Platform, studioId: string, db: TenantDb): Promise<void> {
  const studio = (await studioContextById(platform, studioId))!;
  const rooms = await db.select().from(tenant.rooms);
  const byName = (prefix: string) => rooms.find((r) => r.name.startsWith(prefix))!;
  const live = byName('Studio A');
  const booth = byName('Vocal Booth');
  const mix = byName('Mix Room');
  const mastering = byName('Mastering');
  await db
    .update(tenant.rooms)
    .set({
      setupBufferMinutes: 30,
      teardownBufferMinutes: 30,
      minDurationMinutes: 120,
      halfDayRateCents: 22000,
      dayRateCents: 42000,
      hourlyRateWithEngineerCents: 9500,
    })
    .where(eq(tenant.rooms.id, live.id));
  await db.insert(tenant.roomLinks).values([
    { roomId: live.id, linkedRoomId: booth.id },
    { roomId: booth.id, linkedRoomId: live.id },
  ]);
  // The demo's own hours replace the defaults every new studio starts with.
  await db.delete(tenant.openingHours).where(isNull(tenant.openingHours.roomId));
  await db
    .insert(tenant.openingHours)
    .values([1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opensAt: '09:00', closesAt: weekday === 5 || weekday === 6 ? '02:00' : '23:00' })));
  const [theo, ines] = await db
    .insert(tenant.engineers)
    .values([
      { name: 'Théo Martin', email: 'engineer@demo.studio', hourlyRateCents: 4000, color: '#0ea5e9' },
      { name: 'Inès Moreau', email: 'manager@demo.studio', hourlyRateCents: 4500, color: '#8b5cf6' },
    ])
    .returning();
  const [u47, la2a] = await db
    .insert(tenant.gearItems)
    .values([
      { name: 'Neumann U47 (tube)', category: 'Microphones', serialNumber: 'U47-1958-0412', dailyRateCents: 8000 },
      { name: 'Teletronix LA-2A', category: 'Outboard', serialNumber: 'LA2A-33871', dailyRateCents: 3500 },
      { name: 'Fender Rhodes Mk I', category: 'Instruments', serialNumber: 'RH-73-5521', dailyRateCents: 5000 },
    ])
    .returning();
  const [band, singer, label] = await db
    .insert(tenant.clients)
    .values([
      { name: 'Les Nuits Blanches', email: 'band@nuits-blanches.example', phone: '+33 6 12 34 56 78' },
      { name: 'Maya Okafor', email: 'maya@okafor.example', phone: '+44 7700 900123' },
      { name: 'Disques Méridien', email: 'prod@meridien.example', phone: '+33 1 45 00 00 00' },
    ])
    .returning();
  // Times are wall-clock times in the studio, on days around today.
  const today = wallClock(new Date(), studio.timeZone);
  const at = (dayOffset: number, hour: number) => {
    const d = new Date(Date.UTC(today.year, today.month - 1, today.day + dayOffset));
    return zonedTimeToInstant({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour, minute: 0 }, studio.timeZone);
  };
  const book = (input: Omit<Parameters<typeof createSession>[3], 'startsAt' | 'endsAt'> & { day: number; from: number; to: number }) =>
    createSession(db, studio, null, { ...input, startsAt: at(input.day, input.from), endsAt: at(input.day, input.to) });
  await book({
    roomId: live.id,
    title: 'Album tracking — drums',
    clientId: band!.id,
    engineerIds: [theo!.id],
    gearIds: [u47!.id],
    status: 'confirmed',
    day: -2,
    from: 10,
    to: 18,
  });
  await book({ roomId: mix.id, title: 'Single mix v2', clientId: singer!.id, engineerIds: [ines!.id], status: 'confirmed', day: 0, from: 14, to: 18 });
  await book({
    roomId: booth.id,
    title: 'Lead vocals',
    clientId: singer!.id,
    engineerIds: [theo!.id],
    gearIds: [la2a!.id],
    status: 'confirmed',
    day: 1,
    from: 11,
    to: 14,
  });
  await book({ roomId: live.id, title: 'Live session — video shoot', clientId: label!.id, status: 'hold', holdHours: 48, day: 3, from: 10, to: 16 });
  await book({
    roomId: live.id,
    title: 'Rehearsal (waiting list)',
    clientId: band!.id,
    status: 'hold',
    holdHours: 48,
    queueBehindHolds: true,
    day: 3,
    from: 10,
    to: 16,
  });
  await book({ roomId: mastering.id, title: 'EP mastering', clientId: label!.id, status: 'confirmed', day: 5, from: 10, to: 14 });
  // A weekly lock-out: the mix room is kept for the house producer on Mondays.
  const daysToMonday = (8 - today.weekday) % 7 || 7;
  await createSeries(
    db,
    studio,
    null,
    { roomId: mix.id, title: 'House producer (weekly)', status: 'confirmed', startsAt: at(daysToMonday, 10), endsAt: at(daysToMonday, 13) },
    { everyWeeks: 1, count: 6 },
  );
}
