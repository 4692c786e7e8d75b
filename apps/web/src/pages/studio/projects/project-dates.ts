/** Due dates are calendar days ("2030-09-30"), shown and compared without any time zone shift. */

export function formatDueDate(day: string, locale: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)));
}

/** Today as a calendar day in `timeZone` (the studio's), e.g. "2030-09-30". */
export function todayIn(timeZone?: string): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(new Date());
}

export function isOverdue(day: string, timeZone?: string): boolean {
  return day < todayIn(timeZone);
}
