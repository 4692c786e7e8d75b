import { formatMinor } from '@rsm/shared/money';
import { formatTimeOfDay, studioFormatter } from '../../lib/studio-time.ts';

/** A session's span in the studio's zone, in the reader's language: "Mon 6 Jan 2031, 10:00 – 12:00". */
export function formatSpan(startsAt: string, endsAt: string, locale: string, timeZone: string): string {
  const day = studioFormatter(locale, timeZone, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(startsAt));
  return `${day}, ${formatTimeOfDay(startsAt, locale, timeZone)} – ${formatTimeOfDay(endsAt, locale, timeZone)}`;
}

export function money(cents: number, currency: string, locale: string): string {
  return formatMinor(cents, currency, locale);
}
