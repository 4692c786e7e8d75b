/**
 * Calendar days as civil dates ('YYYY-MM-DD') of the studio's zone. Day arithmetic happens on these
 * keys (no zone involved); they become instants only at the edges, with the studio's time zone.
 */
import { wallClock, zonedTimeToInstant } from '@rsm/shared/zoned-time';

export type DayKey = string;
export const CALENDAR_VIEWS = ['day', 'week', 'month', 'agenda'] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

export const MINUTES_PER_DAY = 1440;
const DAY_MS = 86_400_000;

export function isDayKey(value: string | null | undefined): value is DayKey {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function keyOfUtcDate(date: Date): DayKey {
  return date.toISOString().slice(0, 10);
}

function utcDateOf(key: DayKey): Date {
  return new Date(`${key}T00:00:00Z`);
}

export function dayKeyParts(key: DayKey): { year: number; month: number; day: number } {
  const date = utcDateOf(key);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** The studio's calendar day at `instant`. */
export function dayKeyOf(instant: Date, timeZone: string): DayKey {
  const { year, month, day } = wallClock(instant, timeZone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function addDays(key: DayKey, days: number): DayKey {
  return keyOfUtcDate(new Date(utcDateOf(key).getTime() + days * DAY_MS));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: DayKey, to: DayKey): number {
  return Math.round((utcDateOf(to).getTime() - utcDateOf(from).getTime()) / DAY_MS);
}

/** 1 = Monday … 7 = Sunday */
export function weekdayOf(key: DayKey): number {
  return ((utcDateOf(key).getUTCDay() + 6) % 7) + 1;
}

export function startOfWeekKey(key: DayKey): DayKey {
  return addDays(key, 1 - weekdayOf(key));
}

export function startOfMonthKey(key: DayKey): DayKey {
  return `${key.slice(0, 8)}01`;
}

export function addMonths(key: DayKey, months: number): DayKey {
  const { year, month } = dayKeyParts(key);
  return keyOfUtcDate(new Date(Date.UTC(year, month - 1 + months, 1)));
}

/**
 * The instant the studio's clock shows `minutes` after the start of day `key` (minutes may be
 * negative or reach past midnight: they roll over to the neighbouring days). DST rules are those of
 * zonedTimeToInstant: skipped times move forward, repeated times take the first occurrence.
 */
export function instantAt(key: DayKey, minutes: number, timeZone: string): Date {
  const { year, month, day } = dayKeyParts(key);
  const dayOffset = Math.floor(minutes / MINUTES_PER_DAY);
  const inDay = minutes - dayOffset * MINUTES_PER_DAY;
  return zonedTimeToInstant({ year, month, day: day + dayOffset, hour: Math.floor(inDay / 60), minute: inDay % 60 }, timeZone);
}

export function dayStart(key: DayKey, timeZone: string): Date {
  return instantAt(key, 0, timeZone);
}

/** Wall-clock minutes from the start of day `key` to `instant` (negative before it, past 1440 after it). */
export function minutesFromDay(key: DayKey, instant: Date, timeZone: string): number {
  const wall = wallClock(instant, timeZone);
  const instantDay = `${String(wall.year).padStart(4, '0')}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
  return daysBetween(key, instantDay) * MINUTES_PER_DAY + wall.hour * 60 + wall.minute;
}

export interface ViewRange {
  /** The days shown, in order (one for day, seven for week and agenda, 42 for month). */
  days: DayKey[];
  from: Date;
  to: Date;
}

function firstDayShown(view: CalendarView, anchor: DayKey): DayKey {
  if (view === 'day') return anchor;
  if (view === 'month') return startOfWeekKey(startOfMonthKey(anchor));
  return startOfWeekKey(anchor);
}

const DAYS_SHOWN: Record<CalendarView, number> = { day: 1, week: 7, agenda: 7, month: 42 };

export function viewRange(view: CalendarView, anchor: DayKey, timeZone: string): ViewRange {
  const first = firstDayShown(view, anchor);
  const days = Array.from({ length: DAYS_SHOWN[view] }, (_, index) => addDays(first, index));
  return { days, from: dayStart(first, timeZone), to: dayStart(addDays(first, days.length), timeZone) };
}

/** The anchor after pressing "next" (direction 1) or "previous" (-1). */
export function shiftAnchor(view: CalendarView, anchor: DayKey, direction: 1 | -1): DayKey {
  if (view === 'day') return addDays(anchor, direction);
  if (view === 'month') return addMonths(anchor, direction);
  return addDays(anchor, 7 * direction);
}

/** 'HH:MM' for minutes of a day (1440 is shown as 24:00). */
export function minutesToTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** 'HH:MM' → minutes, or null. */
export function timeToMinutes(text: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
}
