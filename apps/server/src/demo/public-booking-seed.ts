/**
 * The demo studio's public booking page: on, with two rooms offered, a 30 % deposit, cancellation tiers,
 * transfer details, and one visitor's request waiting for approval (so the calendar's "Requests" shows it).
 * The request is made by the same services the page uses, so it obeys the same rules.
 */
import { eq, inArray } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { prorate } from '@rsm/shared/money';
import { wallClock, zonedTimeToInstant } from '@rsm/shared/zoned-time';
import type { Platform } from '../platform/platform.ts';
import type { TenantDb } from '../platform/tenancy/directory.ts';
import { studioContextById } from '../modules/studios/studio-lookup.ts';
import { createSession } from '../modules/booking/sessions.service.ts';
import { bookingDeadlines } from '../modules/booking/deadlines.ts';
import { requestTitle } from '../modules/public-booking/public-requests.service.ts';

const POLICY = {
  publicBookingEnabled: true,
  instantBooking: false,
  requireApproval: true,
  holdHours: 48,
  depositPercent: 30,
  // Within the hold: the deposit is due before the hold lapses (the settings refuse otherwise).
  depositDueHours: 24,
  transferDetails: 'Studio Lumière SARL — IBAN FR76 3000 4000 0312 3456 7890 143 — BIC BNPAFRPP',
  cancellationTiers: [
    { daysBefore: 7, refundPercent: 100 },
    { daysBefore: 3, refundPercent: 50 },
  ],
  policyText: 'Arrive 15 minutes early to load in. Overtime is billed in 30-minute blocks. No smoking in the building.',
  minNoticeHours: 24,
  bookingWindowDays: 120,
  brandColor: '#4f46e5',
  welcomeText: 'Book Studio Lumière online: pick a room and a time, and we will confirm within a day.',
};

export async function seedDemoPublicBooking(platform: Platform, studioId: string, db: TenantDb): Promise<void> {
  const studio = (await studioContextById(platform, studioId))!;
  await db.update(tenant.bookingPolicy).set(POLICY).where(eq(tenant.bookingPolicy.id, 1));
  const rooms = await db.select().from(tenant.rooms);
  const offered = rooms.filter((r) => r.name.startsWith('Studio A') || r.name.startsWith('Mix Room'));
  await db
    .update(tenant.rooms)
    .set({ publicBooking: true })
    .where(
      inArray(
        tenant.rooms.id,
        offered.map((r) => r.id),
      ),
    );
  const mix = offered.find((r) => r.name.startsWith('Mix Room'))!;

  // A visitor's request for 14:00–17:00 five days from now (an open day), waiting for the studio's answer.
  const now = platform.clock.now();
  const today = wallClock(now, studio.timeZone);
  const ahead = new Date(Date.UTC(today.year, today.month - 1, today.day + 5));
  // The studio is closed on Sundays: the visitor asked for the Monday instead.
  const day = ahead.getUTCDay() === 0 ? new Date(ahead.getTime() + 86_400_000) : ahead;
  const at = (hour: number) =>
    zonedTimeToInstant({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour, minute: 0 }, studio.timeZone);
  const [client] = await db
    .insert(tenant.clients)
    .values({ name: 'Jade Lefèvre', email: 'jade@lefevre.example', phone: '+33 6 98 76 54 32', locale: 'fr' })
    .returning();
  const { session } = await createSession(db, studio, null, {
    roomId: mix.id,
    startsAt: at(14),
    endsAt: at(17),
    // As the booking page makes it: a neutral title, the visitor's details only in the client record.
    title: requestTitle(studio.locale, mix.name),
    clientId: client!.id,
    status: 'hold',
    holdHours: POLICY.holdHours,
    now,
  });
  const depositCents = prorate(session.priceCents, POLICY.depositPercent, 100);
  await db
    .update(tenant.sessions)
    .set({
      source: 'public',
      approvalStatus: 'pending',
      requestMessage: 'Mixing three songs for my EP — stems ready, reference tracks attached by e-mail.',
      depositCents,
      depositDueAt: bookingDeadlines({ now, startsAt: session.startsAt, holdMinutes: POLICY.holdHours * 60, depositDueHours: POLICY.depositDueHours })
        .depositDueAt,
      policyAcceptedAt: now,
      policySnapshot: {
        cancellationTiers: POLICY.cancellationTiers,
        policyText: POLICY.policyText,
        depositPercent: POLICY.depositPercent,
        depositDueHours: POLICY.depositDueHours,
        holdHours: POLICY.holdHours,
      },
    })
    .where(eq(tenant.sessions.id, session.id));
}
