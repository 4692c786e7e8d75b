/** Calendar labels in the reader's language and the STUDIO's time zone (formatters are reused). */
import { formatTimeOfDay, studioFormatter, TIME_OF_DAY } from '../../../lib/studio-time.ts';
import { dayKeyParts, type CalendarView, type DayKey } from './dates.ts';

function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return studioFormatter(locale, timeZone, options);
}

export function formatTime(iso: string, locale: string, timeZone: string): string {
  return formatTimeOfDay(iso, locale, timeZone);
}

const ranges = new Map<string, string>();

/** "10:00–12:00", or with the days when it spans midnight: "Mon 10 22:00 – Tue 11 02:00". Remembered: grids ask for hundreds at once. */
export function formatTimeRange(startIso: string, endIso: string, locale: string, timeZone: string): string {
  const key = `${startIso}|${endIso}|${locale}|${timeZone}`;
  let text = ranges.get(key);
  if (text === undefined) {
    if (ranges.size > 5000) ranges.clear();
    text = computeTimeRange(startIso, endIso, locale, timeZone);
    ranges.set(key, text);
  }
  return text;
}

function computeTimeRange(startIso: string, endIso: string, locale: string, timeZone: string): string {
  const day = formatter(locale, timeZone, { weekday: 'short', day: 'numeric' });
  const start = new Date(startIso);
  const end = new Date(endIso);
  const date = formatter(locale, timeZone, { year: 'numeric', month: 'numeric', day: 'numeric' });
  // A session ending at midnight ends on its own day.
  const sameDay = date.format(start) === date.format(new Date(end.getTime() - 1));
  if (sameDay) return `${formatTime(startIso, locale, timeZone)}–${formatTime(endIso, locale, timeZone)}`;
  return `${day.format(start)} ${formatTime(startIso, locale, timeZone)} – ${day.format(end)} ${formatTime(endIso, locale, timeZone)}`;
}

/** "Wed 12 May, 14:00" */
export function formatShortDateTime(iso: string, locale: string, timeZone: string): string {
  return formatter(locale, timeZone, { weekday: 'short', day: 'numeric', month: 'short', ...TIME_OF_DAY }).format(new Date(iso));
}

export function formatLongDateTime(iso: string, locale: string, timeZone: string): string {
  return formatter(locale, timeZone, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso));
}

/** A civil day is formatted at noon UTC in UTC: no zone can move it to another date. */
function dayAsDate(key: DayKey): Date {
  const { year, month, day } = dayKeyParts(key);
  return new Date(Date.UTC(year, month - 1, day, 12));
}

export function formatDay(key: DayKey, locale: string, options: Intl.DateTimeFormatOptions): string {
  return formatter(locale, 'UTC', options).format(dayAsDate(key));
}

/** The toolbar's label for the days shown. */
export function formatRangeLabel(view: CalendarView, days: readonly DayKey[], anchor: DayKey, locale: string): string {
  if (view === 'day') return formatDay(anchor, locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  if (view === 'month') return formatDay(anchor, locale, { month: 'long', year: 'numeric' });
  const range = formatter(locale, 'UTC', { day: 'numeric', month: 'short', year: 'numeric' });
  return range.formatRange(dayAsDate(days[0]!), dayAsDate(days[days.length - 1]!));
}

/** "Wed 12 May, 09:00 – Fri 14 May, 18:00" (shared parts written once), on the studio's clock. */
export function formatDateTimeRange(startIso: string, endIso: string, locale: string, timeZone: string): string {
  return formatter(locale, timeZone, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', ...TIME_OF_DAY }).formatRange(
    new Date(startIso),
    new Date(endIso),
  );
}
