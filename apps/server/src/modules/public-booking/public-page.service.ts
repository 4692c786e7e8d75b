/**
 * What the public booking page reads: the studio's published face (rooms offered, rates, deposit rule,
 * cancellation policy), bookable starts from the booking engine and prices. Everything answers NOT_FOUND
 * while the page is disabled or for a room the page does not offer, so nothing unpublished leaks.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { prorate } from '@rsm/shared/money';
import { AppError, notFound } from '../../platform/errors.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import type { StudioContext } from '../studios/studio-context.ts';
import { loadAvailabilityInput } from '../booking/availability.loader.ts';
import { freeSlots } from '../booking/availability.ts';
import { quoteSession } from '../booking/sessions.service.ts';
import { loadPolicy, logoVersion, type BookingPolicyRow } from './booking-page-settings.service.ts';

/** The policy, refusing as if the page did not exist when it is disabled. */
export async function enabledPolicy(db: Pick<TenantDb, 'select'>): Promise<BookingPolicyRow> {
  const policy = await loadPolicy(db);
  if (!policy.publicBookingEnabled) throw new AppError('NOT_FOUND', 'This studio does not take bookings online', { what: 'booking_page' });
  return policy;
}

export async function publicRoom(db: Pick<TenantDb, 'select'>, roomId: string) {
  const [room] = await db
    .select()
    .from(tenant.rooms)
    .where(and(eq(tenant.rooms.id, roomId), eq(tenant.rooms.publicBooking, true), isNull(tenant.rooms.archivedAt)));
  if (!room) throw notFound('room');
  return room;
}

export const depositOf = (priceCents: number, depositPercent: number) => prorate(priceCents, depositPercent, 100);

export async function publicPage(db: TenantDb, studio: StudioContext) {
  const policy = await enabledPolicy(db);
  const rooms = await db
    .select()
    .from(tenant.rooms)
    .where(and(eq(tenant.rooms.publicBooking, true), isNull(tenant.rooms.archivedAt)))
    .orderBy(asc(tenant.rooms.sortOrder), asc(tenant.rooms.name));
  return {
    studioName: studio.name,
    timeZone: studio.timeZone,
    currency: studio.currency,
    locale: studio.locale,
    brandColor: policy.brandColor,
    welcomeText: policy.welcomeText,
    logoVersion: logoVersion(policy),
    rooms: rooms.map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      color: r.color,
      hourlyRateCents: r.hourlyRateCents,
      halfDayRateCents: r.halfDayRateCents,
      dayRateCents: r.dayRateCents,
      hourlyRateWithEngineerCents: r.hourlyRateWithEngineerCents,
      minDurationMinutes: r.minDurationMinutes,
      incrementMinutes: r.incrementMinutes,
    })),
    instantBooking: policy.instantBooking,
    requireApproval: policy.requireApproval,
    holdHours: policy.holdHours,
    depositPercent: policy.depositPercent,
    depositDueHours: policy.depositDueHours,
    transferDetails: policy.transferDetails,
    cancellationTiers: policy.cancellationTiers,
    policyText: policy.policyText,
    minNoticeHours: policy.minNoticeHours,
    bookingWindowDays: policy.bookingWindowDays,
  };
}

/** Bookable starts of a public room, from the same engine as the staff calendar, with the studio's notice and window. */
export async function publicSlots(db: TenantDb, studio: StudioContext, now: Date, input: { roomId: string; from: Date; to: Date; durationMinutes: number }) {
  const policy = await enabledPolicy(db);
  await publicRoom(db, input.roomId);
  const availability = await loadAvailabilityInput(db, {
    roomId: input.roomId,
    from: input.from,
    to: input.to,
    timeZone: studio.timeZone,
    now,
    durationMinutes: input.durationMinutes,
    minimumNoticeMinutes: policy.minNoticeHours * 60,
    bookingWindowDays: policy.bookingWindowDays,
  });
  return freeSlots(availability);
}

/** True when the engine offers exactly this slot now (opening hours, closures, other bookings, notice, window). */
export async function isBookable(db: TenantDb, studio: StudioContext, now: Date, slot: { roomId: string; startsAt: Date; endsAt: Date }): Promise<boolean> {
  const minutes = Math.round((slot.endsAt.getTime() - slot.startsAt.getTime()) / 60_000);
  if (minutes <= 0) return false;
  try {
    const slots = await publicSlots(db, studio, now, { roomId: slot.roomId, from: slot.startsAt, to: slot.endsAt, durationMinutes: minutes });
    return slots.some((s) => s.startsAt.getTime() === slot.startsAt.getTime() && s.endsAt.getTime() === slot.endsAt.getTime());
  } catch (error) {
    // A duration the room refuses (under its minimum, off its step), or a room no longer offered, is simply not bookable.
    if (error instanceof AppError && (error.code === 'BAD_REQUEST' || error.code === 'NOT_FOUND')) return false;
    throw error;
  }
}

export const SLOT_TAKEN_MESSAGE = 'This time is no longer available. Please choose another one.';

export async function publicQuote(db: TenantDb, studio: StudioContext, input: { roomId: string; startsAt: Date; endsAt: Date }) {
  const policy = await enabledPolicy(db);
  await publicRoom(db, input.roomId);
  const price = await quoteSession(db, studio, { roomId: input.roomId, startsAt: input.startsAt, endsAt: input.endsAt });
  return { totalCents: price.totalCents, currency: price.currency, depositCents: depositOf(price.totalCents, policy.depositPercent), lines: price.lines };
}
