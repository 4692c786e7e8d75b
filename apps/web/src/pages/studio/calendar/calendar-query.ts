import { viewRange, type CalendarView, type DayKey } from './dates.ts';

/** The sessions-list input for the days a view shows: one definition for the page's query and the route's prefetch. */
export function sessionsListInput(range: { from: Date; to: Date }, includeCancelled: boolean) {
  return { from: range.from.toISOString(), to: range.to.toISOString(), includeCancelled };
}

export function sessionsListInputFor(view: CalendarView, date: DayKey, timeZone: string) {
  return sessionsListInput(viewRange(view, date, timeZone), false);
}
