/**
 * A week of hours as the settings forms edit it — seven days, Monday first, each with its time
 * ranges (none = closed / not working) — and its mapping to and from the API's weekly rows
 * (weekday 1 = Monday … 7 = Sunday, 'HH:MM' on the studio's clock).
 */
import { timeToMinutes } from '../../calendar/dates.ts';

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const MAX_RANGES_PER_DAY = 3;
export const DEFAULT_OPENING: TimeRange = { start: '10:00', end: '22:00' };
export const DEFAULT_WORKING: TimeRange = { start: '10:00', end: '19:00' };

export interface TimeRange {
  start: string;
  end: string;
}
/** Index 0 is Monday. */
export type WeekHours = TimeRange[][];

/**
 * Opening hours may run past midnight (18:00–02:00 closes the next day); working hours are
 * within one day and must end after they start.
 */
export type HoursKind = 'opening' | 'working';

export type OpeningRow = { weekday: number; opensAt: string; closesAt: string };
export type WorkingRow = { weekday: number; startsAt: string; endsAt: string };

export function emptyWeek(): WeekHours {
  return WEEKDAYS.map(() => []);
}

function weekOf(rows: readonly { weekday: number; start: string; end: string }[]): WeekHours {
  const week = emptyWeek();
  for (const row of rows) week[row.weekday - 1]?.push({ start: row.start, end: row.end });
  for (const day of week) day.sort((a, b) => a.start.localeCompare(b.start));
  return week;
}

export const weekFromOpening = (rows: readonly OpeningRow[]): WeekHours =>
  weekOf(rows.map((row) => ({ weekday: row.weekday, start: row.opensAt, end: row.closesAt })));
export const weekFromWorking = (rows: readonly WorkingRow[]): WeekHours =>
  weekOf(rows.map((row) => ({ weekday: row.weekday, start: row.startsAt, end: row.endsAt })));

function rowsOf(week: WeekHours): { weekday: number; start: string; end: string }[] {
  return week.flatMap((ranges, index) => ranges.map((range) => ({ weekday: index + 1, start: range.start, end: range.end })));
}

export const openingRowsOf = (week: WeekHours): OpeningRow[] => rowsOf(week).map((row) => ({ weekday: row.weekday, opensAt: row.start, closesAt: row.end }));
export const workingRowsOf = (week: WeekHours): WorkingRow[] => rowsOf(week).map((row) => ({ weekday: row.weekday, startsAt: row.start, endsAt: row.end }));

/** An opening range whose closing time is not after its opening time closes the next day. */
export function closesNextDay(range: TimeRange): boolean {
  const start = timeToMinutes(range.start);
  const end = timeToMinutes(range.end);
  return start !== null && end !== null && end < start;
}

/** Where a problem is: the day (0 = Monday), the range in that day, and its box. */
export type HoursIssue = { day: number; range: number; field: 'start' | 'end'; message: string };

/** Every problem of the week, on the box to fix; an empty list means the week can be saved. */
export function weekIssues(week: WeekHours, kind: HoursKind): HoursIssue[] {
  const issues: HoursIssue[] = [];
  week.forEach((ranges, day) => {
    const spans: { range: number; from: number; to: number }[] = [];
    ranges.forEach((range, index) => {
      const start = timeToMinutes(range.start);
      const end = timeToMinutes(range.end);
      if (start === null) issues.push({ day, range: index, field: 'start', message: 'errors.time_invalid' });
      if (end === null) issues.push({ day, range: index, field: 'end', message: 'errors.time_invalid' });
      if (start === null || end === null) return;
      if (start === end) issues.push({ day, range: index, field: 'end', message: 'errors.hours_empty' });
      else if (kind === 'working' && end < start) issues.push({ day, range: index, field: 'end', message: 'errors.working_hours_order' });
      else spans.push({ range: index, from: start, to: end > start ? end : end + 24 * 60 });
    });
    spans.sort((a, b) => a.from - b.from);
    for (let index = 1; index < spans.length; index++) {
      const span = spans[index]!;
      if (span.from < spans[index - 1]!.to) issues.push({ day, range: span.range, field: 'start', message: 'errors.hours_overlap' });
    }
  });
  return issues;
}

export function isClosedAllWeek(week: WeekHours): boolean {
  return week.every((ranges) => ranges.length === 0);
}
