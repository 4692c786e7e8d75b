/**
 * Wall-clock time in an IANA time zone, with Intl only (no date library): the calendar shows and edits
 * times in the STUDIO's zone, whatever the browser's zone is. Instants are `Date`s (UTC inside).
 *
 * Decisions
 * - A wall time that does not exist (02:30 on a spring-forward day in Paris) moves forward by the gap:
 *   it resolves with the offset in force before the jump, so 02:30 becomes 03:30 (as Temporal's
 *   'compatible' disambiguation does). Times of day keep their distance from the previous hour.
 * - An ambiguous wall time (02:30 twice when clocks go back) resolves to the EARLIER instant.
 * - Minutes are the finest unit: zones with second-level offsets (historic local mean time) are out
 *   of scope, and a zone is assumed to change its offset at most once within a day on either side
 *   of the wanted time (true of every zone in use).
 */

export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31; values outside the month roll over (day 32 of January is 1 February). */
  day: number;
  /** 0–23 */
  hour: number;
  /** 0–59 */
  minute: number;
}

export interface WallClock extends WallTime {
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The studio clock's reading at `instant`. */
export function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const part of partsFormatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    // Some engines still print midnight as 24 with h23.
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 1,
  };
}

/** The wall time read as if it were UTC, in ms: the arithmetic space of wall clocks. */
function wallAsUtc(wall: WallTime): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, 0, 0);
  return date.getTime();
}

/** Minutes the zone is ahead of UTC at `epochMs`. */
function offsetMinutes(epochMs: number, timeZone: string): number {
  const wholeMinute = Math.floor(epochMs / MINUTE_MS) * MINUTE_MS;
  return Math.round((wallAsUtc(wallClock(new Date(wholeMinute), timeZone)) - wholeMinute) / MINUTE_MS);
}

/**
 * The instant at which the studio's clock shows `wall`. Non-existent times move forward by the gap,
 * ambiguous times take the earlier instant (see the decisions above).
 */
export function zonedTimeToInstant(wall: WallTime, timeZone: string): Date {
  const local = wallAsUtc(wall);
  // The offsets in force a day before and a day after bracket any single transition near `local`.
  const before = offsetMinutes(local - DAY_MS, timeZone);
  const after = offsetMinutes(local + DAY_MS, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => local - offset * MINUTE_MS)
    .filter((candidate) => wallAsUtc(wallClock(new Date(candidate), timeZone)) === local)
    .sort((a, b) => a - b);
  const earliest = candidates[0];
  if (earliest !== undefined) return new Date(earliest);
  // In the gap: the offset before the jump puts the time as far past the jump as it was past the last valid minute.
  return new Date(local - before * MINUTE_MS);
}

/** Midnight (or the first minute after it, where midnight is skipped) of the zoned day holding `instant`. */
export function startOfZonedDay(instant: Date, timeZone: string): Date {
  const { year, month, day } = wallClock(instant, timeZone);
  return zonedTimeToInstant({ year, month, day, hour: 0, minute: 0 }, timeZone);
}

/**
 * The same wall time `days` calendar days later (or earlier): across a DST change a day is 23 or
 * 25 hours long, and 10:00 stays 10:00. A time that does not exist on the target day moves forward.
 */
export function addZonedDays(instant: Date, days: number, timeZone: string): Date {
  const { year, month, day, hour, minute } = wallClock(instant, timeZone);
  return zonedTimeToInstant({ year, month, day: day + days, hour, minute }, timeZone);
}

/** Start of the Monday that begins the zoned week holding `instant`. */
export function startOfZonedWeek(instant: Date, timeZone: string): Date {
  const { year, month, day, weekday } = wallClock(instant, timeZone);
  return zonedTimeToInstant({ year, month, day: day - (weekday - 1), hour: 0, minute: 0 }, timeZone);
}
