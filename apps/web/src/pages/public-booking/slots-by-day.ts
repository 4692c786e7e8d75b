import { dayKeyOf, type DayKey } from '../studio/calendar/dates.ts';

/**
 * The booking page's free times under the STUDIO's day of their start (not the visitor's, not UTC): on a
 * Friday open 18:00–02:00, 23:00 is Friday's and 00:00 is Saturday's, wherever the visitor is.
 */
export function slotsByDay<S extends { startsAt: string }>(slots: readonly S[], timeZone: string): Map<DayKey, S[]> {
  const map = new Map<DayKey, S[]>();
  for (const slot of slots) {
    const key = dayKeyOf(new Date(slot.startsAt), timeZone);
    map.set(key, [...(map.get(key) ?? []), slot]);
  }
  return map;
}
