/** Studio-time helpers: instants are UTC `Date`s; the studio's wall clock comes from its IANA time zone. */

// The studio clock (wall time in an IANA zone) is computed once, in @rsm/shared, for the server and the web app.
export { wallClock, type WallClock } from '@rsm/shared/zoned-time';
import { wallClock } from '@rsm/shared/zoned-time';

export function minuteOfDay(instant: Date, timeZone: string): number {
  const { hour, minute } = wallClock(instant, timeZone);
  return hour * 60 + minute;
}

/** "14:00–16:00" (same day) or "Sat 21 Nov 14:00 – Sun 22 Nov 02:00", in the studio's zone and language. */
export function formatSpan(start: Date, end: Date, timeZone: string, locale: string): string {
  const time = new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const day = new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short' });
  const sameDay = day.format(start) === day.format(end);
  return sameDay
    ? `${day.format(start)} ${time.format(start)}–${time.format(end)}`
    : `${day.format(start)} ${time.format(start)} – ${day.format(end)} ${time.format(end)}`;
}

/** "12 May 2027, 14:00" on the studio's 24-hour clock (an English locale alone would say "2:00 PM"). */
export function formatInstant(at: Date, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(at);
}

export function rangeLiteral(start: Date, end: Date): string {
  return `[${start.toISOString()},${end.toISOString()})`;
}

export function addMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * 60_000);
}
