import { formatMinor } from '@rsm/shared/money';

/** A session's span in the studio's zone, in the reader's language: "Mon 6 Jan 2031, 10:00 – 12:00". */
export function formatSpan(startsAt: string, endsAt: string, locale: string, timeZone: string): string {
  const day = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(new Date(startsAt));
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone });
  return `${day}, ${time.format(new Date(startsAt))} – ${time.format(new Date(endsAt))}`;
}

export function money(cents: number, currency: string, locale: string): string {
  return formatMinor(cents, currency, locale);
}
