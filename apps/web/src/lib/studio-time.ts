/**
 * Every date and time the app shows, in the reader's language and (when given) the studio's time zone, on the
 * 24-hour clock the studio works by: "14:00", never "2:00 PM" (an English reader's default). One place, so the
 * portal, the booking page, the calendar and the panels read the same. Formatters are cached: grids ask for
 * hundreds of labels at once.
 */
const cache = new Map<string, Intl.DateTimeFormat>();

const HAS_TIME: (keyof Intl.DateTimeFormatOptions)[] = ['hour', 'minute', 'timeStyle'];

export function studioFormatter(locale: string, timeZone: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone ?? ''}|${JSON.stringify(options)}`;
  let found = cache.get(key);
  if (!found) {
    const clock: Intl.DateTimeFormatOptions = HAS_TIME.some((field) => options[field] !== undefined) ? { hourCycle: 'h23' } : {};
    found = new Intl.DateTimeFormat(locale, { ...options, ...clock, ...(timeZone ? { timeZone } : {}) });
    cache.set(key, found);
  }
  return found;
}

export const TIME_OF_DAY: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };

/** "14:00" */
export function formatTimeOfDay(iso: string, locale: string, timeZone: string): string {
  return studioFormatter(locale, timeZone, TIME_OF_DAY).format(new Date(iso));
}

/** "12 May 2027, 14:00" */
export function formatDateTime(iso: string, locale: string, timeZone?: string): string {
  return studioFormatter(locale, timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(iso: string, locale: string, timeZone?: string): string {
  return studioFormatter(locale, timeZone, { dateStyle: 'medium' }).format(new Date(iso));
}
