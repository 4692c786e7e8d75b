import { dayKeyOf, type DayKey } from '../studio/calendar/dates.ts';

/**
 * The booking page's free times under the studio day whose opening hours they belong to (the server's
 * `openingDay`): on a Friday open 18:00–02:00, 23:00 and 00:30 are both Friday night's, wherever the visitor
 * is. `nextDay` marks a time that falls after midnight of that day, so it can be labelled as such.
 */
export function slotsByDay<S extends { startsAt: string; openingDay: string }>(
  slots: readonly S[],
  timeZone: string,
): Map<DayKey, (S & { nextDay: boolean })[]> {
  const map = new Map<DayKey, (S & { nextDay: boolean })[]>();
  for (const slot of slots) {
    const key = slot.openingDay as DayKey;
    const nextDay = dayKeyOf(new Date(slot.startsAt), timeZone) !== key;
    map.set(key, [...(map.get(key) ?? []), { ...slot, nextDay }]);
  }
  return map;
}
