/**
 * The time "New session" proposes: the first free slot of a room from a given moment on, found by the same
 * availability function as the booking page (opening hours, closures, buffers, other bookings), so staff are
 * never offered 04:00 on a closed day.
 */
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import type { StudioContext } from '../studios/studio-context.ts';
import { loadAvailabilityInput } from './availability.loader.ts';
import { freeSlots, type TimeRange } from './availability.ts';

/** How far ahead to look: past a fortnight the proposal would be no help. */
const SEARCH_DAYS = 14;
/** A proposal lasts an hour, or the room's minimum when longer. */
const PROPOSED_MINUTES = 60;

export async function nextFreeSlot(db: TenantDb, studio: StudioContext, input: { roomId: string; from: Date; now: Date }): Promise<TimeRange | null> {
  const from = new Date(Math.max(input.from.getTime(), input.now.getTime()));
  const to = new Date(from.getTime() + SEARCH_DAYS * 86_400_000);
  const availability = await loadAvailabilityInput(db, {
    roomId: input.roomId,
    from,
    to,
    timeZone: studio.timeZone,
    now: input.now,
    minimumNoticeMinutes: 0,
    // Staff may plan far ahead: the window only has to reach the end of the search (counted from now).
    bookingWindowDays: Math.ceil((to.getTime() - input.now.getTime()) / 86_400_000) + 1,
  });
  const { incrementMinutes, minDurationMinutes } = availability.room;
  const minutes = Math.ceil(Math.max(PROPOSED_MINUTES, minDurationMinutes) / incrementMinutes) * incrementMinutes;
  // The free intervals, each starting at its first aligned instant: the first one long enough is the answer.
  const first = freeSlots(availability).find((slot) => slot.endsAt.getTime() - slot.startsAt.getTime() >= minutes * 60_000);
  return first ? { startsAt: first.startsAt, endsAt: new Date(first.startsAt.getTime() + minutes * 60_000) } : null;
}
