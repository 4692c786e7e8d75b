/**
 * Availability: when one room (optionally with one engineer) can be booked, computed from plain data —
 * no database here (availability.loader.ts reads it). Instants are epoch milliseconds inside, `Date`s
 * outside; opening and working hours are wall-clock times in the studio's IANA zone, converted with
 * Intl only (ZoneClock below).
 *
 * Decisions
 * - Opening hours (and an engineer's working hours) bound the SESSION, not its buffers: a room that
 *   opens at 09:00 can be booked from 09:00, its setup buffer running before opening. The buffers
 *   (setup before the start, teardown after the end) must not overlap a busy range — other sessions'
 *   `blocked` ranges, which carry their own buffers, compared exactly as the EXCLUDE constraint does —
 *   nor a closure. Ranges are half-open, so touching is allowed.
 * - A wall-clock time resolves to the FIRST instant at which the studio's clock shows it or later:
 *   an ambiguous time (02:30 twice when clocks go back) is its earlier occurrence; a time that does
 *   not exist (02:30 when clocks go forward) is the instant of the jump. An opening window is the one
 *   continuous span between its two resolved ends: 00:00–06:00 lasts 5 h on the spring-forward day,
 *   7 h on the fall-back day, and 09:00–18:00 lasts 9 h on both. closesAt ≤ opensAt closes the next
 *   day (18:00–02:00; 00:00–00:00 is 24 h). Adjacent windows merge, so a session may span midnight.
 * - A slot starts at an instant whose wall-clock minute of day is a multiple of the increment (the
 *   rule createSession checks). A skipped wall time never starts a slot, since no instant shows it;
 *   in a repeated hour both occurrences are distinct instants and both are offered.
 * - Lengths are real elapsed minutes, as createSession counts them: a multiple of the increment and
 *   at least the minimum duration (so the minimum is rounded up to the increment).
 * - Without durationMinutes: the maximal free intervals, each starting at its first aligned instant and
 *   trimmed to a whole number of increments, so that each interval is itself one bookable session.
 *   They are sorted and disjoint. With durationMinutes: every bookable start (one increment apart
 *   inside each free interval), each as a session of exactly that length; sorted by start, and
 *   naturally overlapping one another. A duration createSession would refuse (under the minimum, off
 *   the increment) is refused here too, with BAD_REQUEST.
 * - The session lies inside [from, to); its buffers may reach outside (the loader widens its reads).
 *   Its start lies in [now + minimum notice, now + booking window × 24 h].
 * - An engineer must be free for the session itself (their ranges carry no buffers): inside their
 *   working hours, outside their time off and their other sessions. An engineer with no working-hours
 *   rows is not restricted beyond the room; a room with no opening hours is closed.
 * - A zone is assumed to change its offset at most once in 12 hours (true of every zone in use).
 */
import { AppError } from '../../platform/errors.ts';

export interface TimeRange {
  startsAt: Date;
  endsAt: Date;
}
export interface Slot extends TimeRange {
  /**
   * The studio day ('YYYY-MM-DD') whose opening hours hold the slot's start: Friday's for a Friday that
   * opens 18:00–02:00, even at 00:30 on Saturday — visitors think of that night as Friday's.
   */
  openingDay: string;
}

/** One weekly row: weekday 1 = Monday … 7 = Sunday, times 'HH:MM' or 'HH:MM:SS' in the studio's zone. */
export interface WeeklyHours {
  weekday: number;
  opensAt: string;
  closesAt: string;
}

export interface RoomRules {
  setupBufferMinutes: number;
  teardownBufferMinutes: number;
  minDurationMinutes: number;
  incrementMinutes: number;
}

export interface EngineerAvailability {
  hours: WeeklyHours[];
  timeOff: TimeRange[];
  busy: TimeRange[];
}

export interface AvailabilityInput {
  timeZone: string;
  from: Date;
  to: Date;
  now: Date;
  room: RoomRules;
  /** The room's own rows if it has any, else the studio-wide rows. */
  openingHours: WeeklyHours[];
  closures: TimeRange[];
  /** `blocked` ranges of the blocking sessions on this room and the rooms linked to it, buffers included. */
  busy: TimeRange[];
  engineer?: EngineerAvailability;
  minimumNoticeMinutes: number;
  bookingWindowDays: number;
  durationMinutes?: number;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SAMPLE = 12 * HOUR;

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset at an instant (wall clock = instant + offset), read from Intl to the second. */
function intlOffset(timeZone: string, instant: number): number {
  let format = offsetFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timeZone, format);
  }
  const whole = Math.floor(instant / SECOND) * SECOND;
  const parts = new Map(format.formatToParts(whole).map((p) => [p.type, Number(p.value)]));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.get(type) ?? 0;
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - whole;
}

/**
 * A zone's offsets over a span of time, found once with Intl (a sample every 12 h, the transitions
 * pinned to the second), after which every conversion is arithmetic. Outside the span the nearest
 * known offset is assumed, so build it a few days wider than needed.
 */
export class ZoneClock {
  private readonly starts: number[] = [-Infinity];
  private readonly offsets: number[];

  constructor(
    readonly timeZone: string,
    from: number,
    to: number,
  ) {
    let at = Math.floor(from / SECOND) * SECOND;
    let offset = intlOffset(timeZone, at);
    this.offsets = [offset];
    while (at < to) {
      const next = at + SAMPLE;
      const nextOffset = intlOffset(timeZone, next);
      if (nextOffset !== offset) {
        let [lo, hi] = [at, next];
        while (hi - lo > SECOND) {
          const mid = lo + Math.floor((hi - lo) / (2 * SECOND)) * SECOND;
          if (intlOffset(timeZone, mid) === offset) lo = mid;
          else hi = mid;
        }
        this.starts.push(hi);
        this.offsets.push(nextOffset);
        offset = nextOffset;
      }
      at = next;
    }
  }

  private segment(instant: number): number {
    let [lo, hi] = [0, this.starts.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= instant) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  offsetAt(instant: number): number {
    return this.offsets[this.segment(instant)]!;
  }

  /** Wall-clock time of an instant, as milliseconds since 1970-01-01T00:00 on the wall. */
  toWall(instant: number): number {
    return instant + this.offsetAt(instant);
  }

  /** The first instant at which the wall clock shows `wall` or later (see the decisions above). */
  instantOf(wall: number): number {
    for (let i = 0; i < this.starts.length; i++) {
      const offset = this.offsets[i]!;
      const start = this.starts[i]!;
      const end = this.starts[i + 1] ?? Infinity;
      if (wall < start + offset) return start;
      if (wall < end + offset) return wall - offset;
    }
    return wall - this.offsets[this.offsets.length - 1]!;
  }

  /** The first instant ≥ `instant` whose wall-clock minute of day is a multiple of `step` minutes. */
  alignedAtOrAfter(instant: number, step: number): number {
    let at = instant;
    for (;;) {
      const i = this.segment(at);
      const offset = this.offsets[i]!;
      const wallMinute = Math.ceil((at + offset) / MINUTE);
      const midnight = Math.floor(wallMinute / 1440) * 1440;
      const aligned = Math.ceil((wallMinute - midnight) / step) * step;
      const candidate = (aligned >= 1440 ? midnight + 1440 : midnight + aligned) * MINUTE - offset;
      const end = this.starts[i + 1] ?? Infinity;
      if (candidate < end) return candidate;
      at = end;
    }
  }
}

/**
 * The first instant at which the zone's clock shows this wall time or later: ambiguous → the earlier
 * occurrence; skipped → the instant of the jump (02:30 → 03:00 in Paris on 28 March 2027). Unlike
 * Temporal's 'compatible' (02:30 → 03:30), this keeps an opening window exactly as long as the clock
 * spends inside it.
 */
export function firstInstantAtWallTime(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  return new Date(new ZoneClock(timeZone, wall - 2 * DAY, wall + 2 * DAY).instantOf(wall));
}

type Span = [number, number];

/** Sorted, disjoint, with touching spans merged. */
function normalize(spans: Span[]): Span[] {
  const sorted = spans.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out: Span[] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

function intersect(a: Span[], b: Span[]): Span[] {
  const out: Span[] = [];
  let [i, j] = [0, 0];
  while (i < a.length && j < b.length) {
    const [as, ae] = a[i]!;
    const [bs, be] = b[j]!;
    if (Math.max(as, bs) < Math.min(ae, be)) out.push([Math.max(as, bs), Math.min(ae, be)]);
    if (ae < be) i++;
    else j++;
  }
  return out;
}

/** `a` minus `b`, both normalized: one sweep. */
function subtract(a: Span[], b: Span[]): Span[] {
  const out: Span[] = [];
  let j = 0;
  for (const [start, end] of a) {
    while (j < b.length && b[j]![1] <= start) j++;
    let s = start;
    for (let k = j; k < b.length && b[k]![0] < end; k++) {
      if (b[k]![0] > s) out.push([s, b[k]![0]]);
      s = Math.max(s, b[k]![1]);
    }
    if (s < end) out.push([s, end]);
  }
  return out;
}

const spanOf = (r: TimeRange): Span => [r.startsAt.getTime(), r.endsAt.getTime()];

function parseTime(value: string): number {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  const [h, m, s] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3] ?? 0)];
  if (!match || h > 24 || m > 59 || s > 59 || (h === 24 && m + s > 0)) throw new AppError('BAD_REQUEST', `Not a time of day: ${value}`);
  return h * HOUR + m * MINUTE + s * SECOND;
}

interface DayWindow {
  /** The studio day the window opens on, as wall-clock midnight in ms. */
  day: number;
  span: Span;
}

/** The weekly rows laid on the calendar around [from, to), as instants, each with the day it opens on. */
function weeklyWindowsByDay(rows: WeeklyHours[], clock: ZoneClock, from: number, to: number): DayWindow[] {
  const byWeekday = new Map<number, Span[]>();
  for (const row of rows) {
    const opens = parseTime(row.opensAt);
    const closes = parseTime(row.closesAt);
    byWeekday.set(row.weekday, [...(byWeekday.get(row.weekday) ?? []), [opens, closes <= opens ? closes + DAY : closes]]);
  }
  const windows: DayWindow[] = [];
  // From the day before `from`: a window opened that evening may still be open after midnight.
  const lastDay = Math.floor(clock.toWall(to) / DAY) * DAY;
  for (let day = Math.floor(clock.toWall(from) / DAY) * DAY - DAY; day <= lastDay; day += DAY) {
    const weekday = ((new Date(day).getUTCDay() + 6) % 7) + 1;
    for (const [opens, closes] of byWeekday.get(weekday) ?? []) windows.push({ day, span: [clock.instantOf(day + opens), clock.instantOf(day + closes)] });
  }
  return windows;
}

function weeklyWindows(rows: WeeklyHours[], clock: ZoneClock, from: number, to: number): Span[] {
  return normalize(weeklyWindowsByDay(rows, clock, from, to).map((w) => w.span));
}

const dayKeyOfWall = (wall: number) => new Date(wall).toISOString().slice(0, 10);

/** The earliest opening day whose window holds `instant` (windows come in day order); else its calendar day. */
function openingDayOf(instant: number, opening: DayWindow[], clock: ZoneClock): string {
  const window = opening.find((w) => w.span[0] <= instant && instant < w.span[1]);
  return dayKeyOfWall(window ? window.day : Math.floor(clock.toWall(instant) / DAY) * DAY);
}

function positiveInteger(value: number, what: string): number {
  if (!Number.isInteger(value) || value <= 0) throw new AppError('BAD_REQUEST', `${what} must be a positive whole number of minutes`);
  return value;
}

export function freeSlots(input: AvailabilityInput): Slot[] {
  const { room, engineer } = input;
  const step = positiveInteger(room.incrementMinutes, 'The increment');
  const minimum = Math.ceil(positiveInteger(room.minDurationMinutes, 'The minimum duration') / step) * step;
  const duration = input.durationMinutes;
  if (duration !== undefined && (!Number.isInteger(duration) || duration < minimum || duration % step !== 0)) {
    throw new AppError('BAD_REQUEST', `Sessions in this room last at least ${minimum} minutes, in steps of ${step}`, { minimum, increment: step });
  }
  const from = input.from.getTime();
  const to = input.to.getTime();
  const now = input.now.getTime();
  const earliest = Math.max(from, now + input.minimumNoticeMinutes * MINUTE);
  const latest = now + input.bookingWindowDays * DAY;
  if (!(to > from) || !(latest >= earliest)) return [];

  const clock = new ZoneClock(input.timeZone, from - 3 * DAY, to + 3 * DAY);
  const opening = weeklyWindowsByDay(input.openingHours, clock, from, to);
  let allowed = intersect(normalize(opening.map((w) => w.span)), [[from, to]]);
  if (engineer) {
    if (engineer.hours.length > 0) allowed = intersect(allowed, weeklyWindows(engineer.hours, clock, from, to));
    allowed = subtract(allowed, normalize([...engineer.timeOff, ...engineer.busy].map(spanOf)));
  }
  // A session [s, e) with buffers [s - setup, e + teardown) misses [bs, be) iff [s, e) misses [bs - teardown, be + setup).
  const setup = room.setupBufferMinutes * MINUTE;
  const teardown = room.teardownBufferMinutes * MINUTE;
  const blocked = normalize([...input.busy, ...input.closures].map((r) => [r.startsAt.getTime() - teardown, r.endsAt.getTime() + setup]));
  const free = subtract(allowed, blocked);

  const slots: Slot[] = [];
  const stepMs = step * MINUTE;
  for (const [a, b] of free) {
    let start = clock.alignedAtOrAfter(Math.max(a, earliest), step);
    if (start > latest) break;
    if (duration === undefined) {
      const end = start + Math.floor((b - start) / stepMs) * stepMs;
      if (end - start >= minimum * MINUTE) slots.push({ startsAt: new Date(start), endsAt: new Date(end), openingDay: openingDayOf(start, opening, clock) });
      continue;
    }
    for (const length = duration * MINUTE; start <= latest && start + length <= b; start = clock.alignedAtOrAfter(start + 1, step)) {
      slots.push({ startsAt: new Date(start), endsAt: new Date(start + length), openingDay: openingDayOf(start, opening, clock) });
    }
  }
  return slots;
}
