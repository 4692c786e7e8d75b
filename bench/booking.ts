/**
 * `npm run bench:booking [-- --sessions 5000 --runs 200]`
 *
 * Prints figures (not a pass/fail test) for the booking engine on a real PostgreSQL (embedded, in a
 * temporary folder): the race (200 concurrent requests for one slot), availability of one room over a
 * month with 300 sessions (database load + computation), the week-view query with N sessions in the
 * studio, and booking creation throughput.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import { tenant } from '@rsm/db';
import { provisionStudio } from '../apps/server/src/modules/studios/provisioning.service.ts';
import { studioContextById } from '../apps/server/src/modules/studios/studio-lookup.ts';
import { createSession, listSessions } from '../apps/server/src/modules/booking/sessions.service.ts';
import { toSessionViews } from '../apps/server/src/modules/booking/sessions.views.ts';
import { loadAvailabilityInput } from '../apps/server/src/modules/booking/availability.loader.ts';
import { freeSlots } from '../apps/server/src/modules/booking/availability.ts';
import type { AppError } from '../apps/server/src/platform/errors.ts';
import type { TenantDb } from '../apps/server/src/platform/tenancy/directory.ts';
import { saveResults, arg, ms, summarize } from './lib.ts';
import { startBenchPlatform } from './platform.ts';

const SESSIONS = arg('sessions', 5000);
const RUNS = arg('runs', 200);
const HOUR = 3_600_000;

const bench = await startBenchPlatform('booking');
const { platform } = bench;
const results: Record<string, unknown> = { sessions: SESSIONS, runs: RUNS, date: new Date().toISOString() };

async function timed<T>(runs: number, work: () => Promise<T>) {
  for (let i = 0; i < Math.min(20, runs); i++) await work(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  return summarize(times);
}

try {
  const provisioned = await provisionStudio(platform, {
    owner: { name: 'Bench', email: 'bench@booking.test', passwordHash: null, locale: 'en' },
    studio: { name: 'Bench Booking', slug: 'bench-booking', timeZone: 'Europe/Paris' },
  });
  const studio = (await studioContextById(platform, provisioned.studioId))!;
  const pool = bench.pool(provisioned.databaseName, 20);
  const db: TenantDb = drizzle(pool, { schema: tenant });
  const rooms = await db
    .insert(tenant.rooms)
    .values(
      ['Studio A', 'Studio B', 'Booth', 'Mix', 'Mastering'].map((name, i) => ({
        name,
        hourlyRateCents: 5000,
        capacity: 4,
        sortOrder: i,
        setupBufferMinutes: 0,
        teardownBufferMinutes: 0,
        minDurationMinutes: 60,
        incrementMinutes: 30,
      })),
    )
    .returning();
  const [engineer] = await db.insert(tenant.engineers).values({ name: 'Théo', hourlyRateCents: 3000 }).returning();
  const [mic] = await db.insert(tenant.gearItems).values({ name: 'U47', dailyRateCents: 5000 }).returning();
  await db.insert(tenant.openingHours).values([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt: '08:00', closesAt: '23:00' })));

  // 1. The race: 200 concurrent requests for the same slot, for a room, an engineer (from two rooms) and a mic.
  const race = async (label: string, make: (i: number) => Parameters<typeof createSession>[3]) => {
    const t0 = performance.now();
    const settled = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => createSession(db, studio, null, make(i))));
    const won = settled.filter((r) => r.status === 'fulfilled').length;
    const refused = settled.filter((r) => r.status === 'rejected' && (r.reason as AppError).code === 'CONFLICT').length;
    console.log(
      `1. Race, ${label}: 200 concurrent requests → ${won} booked, ${refused} refused with the conflict named, ${200 - won - refused} other errors, in ${ms(performance.now() - t0)}`,
    );
    return { won, refused, other: 200 - won - refused };
  };
  const slot = (day: number) => ({ startsAt: new Date(Date.UTC(2031, 0, day, 9)), endsAt: new Date(Date.UTC(2031, 0, day, 11)) });
  results.race = {
    room: await race('room', () => ({ roomId: rooms[0]!.id, title: 'Race', status: 'confirmed', ...slot(5) })),
    engineer: await race('engineer', (i) => ({ roomId: rooms[i % 2]!.id, engineerIds: [engineer!.id], title: 'Race', status: 'confirmed', ...slot(6) })),
    gear: await race('gear', (i) => ({ roomId: rooms[2 + (i % 2)]!.id, gearIds: [mic!.id], title: 'Race', status: 'confirmed', ...slot(7) })),
  };

  // 2. Availability of one room over a month holding 300 sessions.
  const month = new Date(Date.UTC(2032, 2, 1));
  const room = rooms[1]!;
  for (let i = 0; i < 300; i++) {
    const start = new Date(month.getTime() + Math.floor(i / 10) * 24 * HOUR + (7 + (i % 10) * 1.5) * HOUR);
    await createSession(db, studio, null, {
      roomId: room.id,
      title: `Busy ${i}`,
      status: 'confirmed',
      startsAt: start,
      endsAt: new Date(start.getTime() + HOUR),
    }).catch(() => undefined);
  }
  const availability = await timed(RUNS, async () => {
    const input = await loadAvailabilityInput(db, {
      roomId: room.id,
      from: month,
      to: new Date(Date.UTC(2032, 3, 1)),
      timeZone: studio.timeZone,
      now: new Date(Date.UTC(2032, 1, 1)),
      durationMinutes: 120,
      minimumNoticeMinutes: 0,
      bookingWindowDays: 730,
    });
    return freeSlots(input);
  });
  console.log(
    `2. Availability, one room over a month with 300 sessions (load + compute): p50 ${ms(availability.p50)}, p95 ${ms(availability.p95)}, p99 ${ms(availability.p99)} (target p95 < 20 ms)`,
  );
  results.availability = availability;

  // 3. Creation throughput, then the week view with SESSIONS sessions in the studio.
  const existing = 300 + 3;
  const toCreate = Math.max(0, SESSIONS - existing);
  const t0 = performance.now();
  let created = 0;
  const perRoomDay = 6;
  const workers = Array.from({ length: 8 }, async (_, w) => {
    for (let i = w; i < toCreate; i += 8) {
      const roomIndex = i % rooms.length;
      const dayIndex = Math.floor(i / (rooms.length * perRoomDay));
      const slotIndex = Math.floor(i / rooms.length) % perRoomDay;
      const start = new Date(Date.UTC(2033, 0, 1) + dayIndex * 24 * HOUR + (8 + slotIndex * 2) * HOUR);
      await createSession(db, studio, null, {
        roomId: rooms[roomIndex]!.id,
        title: `Session ${i}`,
        status: 'confirmed',
        startsAt: start,
        endsAt: new Date(start.getTime() + 2 * HOUR),
      });
      created++;
    }
  });
  await Promise.all(workers);
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `3. Booking creation: ${created} sessions in ${seconds.toFixed(1)} s = ${(created / seconds).toFixed(0)} bookings/s (8 concurrent clients, each booking checked by the database constraint)`,
  );
  results.creation = { created, seconds, perSecond: created / seconds };

  const weekFrom = new Date(Date.UTC(2033, 0, 10));
  const weekTo = new Date(Date.UTC(2033, 0, 17));
  const week = await timed(RUNS, async () => toSessionViews(db, await listSessions(db, { from: weekFrom, to: weekTo })));
  const weekCount = (await listSessions(db, { from: weekFrom, to: weekTo })).length;
  console.log(
    `4. Week view (${weekCount} sessions shown, ${created + existing} in the studio): p50 ${ms(week.p50)}, p95 ${ms(week.p95)}, p99 ${ms(week.p99)} (target p95 < 15 ms)`,
  );
  results.weekView = { ...week, shown: weekCount, inStudio: created + existing };
  await pool.end();
} finally {
  await bench.close();
}

saveResults('booking', results);
process.exit(0);
