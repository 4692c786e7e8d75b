import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { freeSlots, firstInstantAtWallTime, type AvailabilityInput, type Slot, type TimeRange, type WeeklyHours } from './availability.ts';
import { minuteOfDay, wallClock } from './time.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const at = (iso: string) => new Date(iso);
const range = (start: string, end: string): TimeRange => ({ startsAt: at(start), endsAt: at(end) });
const everyDay = (opensAt: string, closesAt: string): WeeklyHours[] => [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensAt, closesAt }));
const iso = (slots: Slot[]) => slots.map((s) => [s.startsAt.toISOString(), s.endsAt.toISOString()]);
const hours = (slots: Slot[]) => slots.reduce((sum, s) => sum + s.endsAt.getTime() - s.startsAt.getTime(), 0) / HOUR;

/** Wednesday 16 June 2027 in Paris (UTC+2), opening 09:00–18:00, a room with 30-minute buffers. */
const base: AvailabilityInput = {
  timeZone: 'Europe/Paris',
  from: at('2027-06-16T00:00:00+02:00'),
  to: at('2027-06-17T00:00:00+02:00'),
  now: at('2027-06-01T12:00:00+02:00'),
  room: { setupBufferMinutes: 30, teardownBufferMinutes: 30, minDurationMinutes: 60, incrementMinutes: 30 },
  openingHours: everyDay('09:00', '18:00'),
  closures: [],
  busy: [],
  minimumNoticeMinutes: 0,
  bookingWindowDays: 90,
};

describe('freeSlots — examples', () => {
  it('gives the whole opening day, or every start of a 2-hour session in it', () => {
    expect(iso(freeSlots(base))).toEqual([['2027-06-16T07:00:00.000Z', '2027-06-16T16:00:00.000Z']]);
    const starts = freeSlots({ ...base, durationMinutes: 120 });
    expect(starts).toHaveLength(15); // 09:00, 09:30 … 16:00
    expect(iso(starts)[0]).toEqual(['2027-06-16T07:00:00.000Z', '2027-06-16T09:00:00.000Z']);
    expect(iso(starts).at(-1)).toEqual(['2027-06-16T14:00:00.000Z', '2027-06-16T16:00:00.000Z']);
  });

  it('keeps the buffers of both sessions free around a busy one', () => {
    // A session 11:00–13:00 with its 30-minute buffers is stored as 10:30–13:30.
    const slots = freeSlots({ ...base, busy: [range('2027-06-16T10:30:00+02:00', '2027-06-16T13:30:00+02:00')] });
    expect(iso(slots)).toEqual([
      ['2027-06-16T07:00:00.000Z', '2027-06-16T08:00:00.000Z'], // 09:00–10:00, teardown until 10:30
      ['2027-06-16T12:00:00.000Z', '2027-06-16T16:00:00.000Z'], // setup from 13:30, session from 14:00
    ]);
  });

  it('lets buffers run outside opening hours but never over a busy range', () => {
    const early = freeSlots({ ...base, durationMinutes: 60 })[0]!;
    expect(early.startsAt).toEqual(at('2027-06-16T09:00:00+02:00')); // its setup runs 08:30–09:00
    const blockedBefore = freeSlots({ ...base, durationMinutes: 60, busy: [range('2027-06-16T08:00:00+02:00', '2027-06-16T08:45:00+02:00')] })[0]!;
    expect(blockedBefore.startsAt).toEqual(at('2027-06-16T09:30:00+02:00'));
  });

  it('closes the room during a closure, buffers included, and all day for a day-long one', () => {
    const slots = freeSlots({ ...base, closures: [range('2027-06-16T12:00:00+02:00', '2027-06-16T14:00:00+02:00')] });
    expect(iso(slots)).toEqual([
      ['2027-06-16T07:00:00.000Z', '2027-06-16T09:30:00.000Z'],
      ['2027-06-16T12:30:00.000Z', '2027-06-16T16:00:00.000Z'],
    ]);
    expect(freeSlots({ ...base, closures: [range('2027-06-16T00:00:00+02:00', '2027-06-17T00:00:00+02:00')] })).toEqual([]);
  });

  it('starts no sooner than the minimum notice, on the next increment', () => {
    const slots = freeSlots({ ...base, now: at('2027-06-16T10:10:00+02:00'), minimumNoticeMinutes: 60, durationMinutes: 60 });
    expect(slots[0]!.startsAt).toEqual(at('2027-06-16T11:30:00+02:00'));
    expect(iso(freeSlots({ ...base, now: at('2027-06-16T10:10:00+02:00'), minimumNoticeMinutes: 60 }))).toEqual([
      ['2027-06-16T09:30:00.000Z', '2027-06-16T16:00:00.000Z'],
    ]);
  });

  it('starts nothing beyond the booking window', () => {
    const twoDays = { ...base, to: at('2027-06-18T00:00:00+02:00'), now: at('2027-06-15T12:00:00+02:00'), bookingWindowDays: 1 };
    const starts = freeSlots({ ...twoDays, durationMinutes: 60 });
    expect(starts.at(-1)!.startsAt).toEqual(at('2027-06-16T12:00:00+02:00'));
    // An interval starting inside the window is given whole; the next day's is not.
    expect(iso(freeSlots(twoDays))).toEqual([['2027-06-16T07:00:00.000Z', '2027-06-16T16:00:00.000Z']]);
  });

  it("intersects the room with the engineer's hours, time off and other sessions", () => {
    const engineer = {
      hours: everyDay('12:00', '20:00'),
      timeOff: [range('2027-06-16T14:00:00+02:00', '2027-06-16T15:00:00+02:00')],
      busy: [range('2027-06-16T16:00:00+02:00', '2027-06-16T17:00:00+02:00')],
    };
    expect(iso(freeSlots({ ...base, engineer }))).toEqual([
      ['2027-06-16T10:00:00.000Z', '2027-06-16T12:00:00.000Z'],
      ['2027-06-16T13:00:00.000Z', '2027-06-16T14:00:00.000Z'],
      ['2027-06-16T15:00:00.000Z', '2027-06-16T16:00:00.000Z'],
    ]);
    // No working hours on record: only their time off and sessions restrict the room.
    expect(hours(freeSlots({ ...base, engineer: { ...engineer, hours: [] } }))).toBe(7);
  });

  it('opens past midnight when closing time is before opening time', () => {
    const friday = {
      ...base,
      from: at('2027-06-18T00:00:00+02:00'),
      to: at('2027-06-19T12:00:00+02:00'),
      openingHours: [{ weekday: 5, opensAt: '18:00', closesAt: '02:00' }],
    };
    expect(iso(freeSlots(friday))).toEqual([['2027-06-18T16:00:00.000Z', '2027-06-19T00:00:00.000Z']]);
    const fourHours = freeSlots({ ...friday, durationMinutes: 240 });
    expect(fourHours.at(-1)!.startsAt).toEqual(at('2027-06-18T22:00:00+02:00'));
    // Thursday night's window reaches into Friday morning.
    const thursday = freeSlots({ ...friday, openingHours: [{ weekday: 4, opensAt: '20:00:00', closesAt: '03:00:00' }] });
    expect(iso(thursday)).toEqual([['2027-06-17T22:00:00.000Z', '2027-06-18T01:00:00.000Z']]);
  });

  it("files a night's slots under the day that opened it, also after midnight", () => {
    const friday = {
      ...base,
      from: at('2027-06-18T00:00:00+02:00'),
      to: at('2027-06-20T00:00:00+02:00'),
      openingHours: [
        { weekday: 5, opensAt: '18:00', closesAt: '02:00' },
        { weekday: 6, opensAt: '10:00', closesAt: '12:00' },
      ],
      durationMinutes: 60,
    };
    const byStart = new Map(freeSlots(friday).map((s) => [s.startsAt.toISOString(), s.openingDay]));
    expect(byStart.get('2027-06-18T21:00:00.000Z')).toBe('2027-06-18'); // 23:00 Friday
    expect(byStart.get('2027-06-18T22:00:00.000Z')).toBe('2027-06-18'); // 00:00 Saturday, still Friday's night
    expect(byStart.get('2027-06-18T23:00:00.000Z')).toBe('2027-06-18'); // 01:00 Saturday
    expect(byStart.get('2027-06-19T08:00:00.000Z')).toBe('2027-06-19'); // 10:00 Saturday
  });

  it('aligns starts on the wall clock in a zone with a :30 offset', () => {
    const kolkata = {
      ...base,
      timeZone: 'Asia/Kolkata',
      from: at('2027-06-16T00:00:00+05:30'),
      to: at('2027-06-17T00:00:00+05:30'),
      room: { ...base.room, incrementMinutes: 60 },
    };
    const starts = freeSlots({ ...kolkata, now: at('2027-06-16T09:10:00+05:30'), durationMinutes: 120 });
    expect(starts.map((s) => s.startsAt.toISOString().slice(11, 16))).toEqual(['04:30', '05:30', '06:30', '07:30', '08:30', '09:30', '10:30']);
    expect(starts.every((s) => minuteOfDay(s.startsAt, 'Asia/Kolkata') % 60 === 0)).toBe(true);
  });

  it('trims a free interval to whole increments so that it can be booked as one session', () => {
    const slots = freeSlots({
      ...base,
      room: { ...base.room, setupBufferMinutes: 0, teardownBufferMinutes: 0, incrementMinutes: 45, minDurationMinutes: 60 },
      busy: [range('2027-06-16T11:00:00+02:00', '2027-06-16T12:00:00+02:00')],
    });
    // 09:00–11:00 holds two 45-minute steps (09:00–10:30); the minimum of 60 rounds up to 90.
    expect(iso(slots)[0]).toEqual(['2027-06-16T07:00:00.000Z', '2027-06-16T08:30:00.000Z']);
    expect(() => freeSlots({ ...base, durationMinutes: 45 })).toThrow(/at least 60 minutes, in steps of 30/);
    expect(() => freeSlots({ ...base, durationMinutes: 75 })).toThrow(/steps of 30/);
  });
});

describe('freeSlots — daylight saving time (Europe/Paris 2027)', () => {
  const paris = (day: string, openingHours: WeeklyHours[], more: Partial<AvailabilityInput> = {}) =>
    freeSlots({
      ...base,
      from: new Date(Date.parse(`${day}T00:00:00Z`) - DAY),
      to: new Date(Date.parse(`${day}T00:00:00Z`) + 2 * DAY),
      openingHours,
      now: at('2027-01-01T00:00:00Z'),
      bookingWindowDays: 365,
      room: { ...base.room, setupBufferMinutes: 0, teardownBufferMinutes: 0 },
      ...more,
    });

  it('00:00–06:00 lasts 5 h when clocks go forward and 7 h when they go back; 09:00–18:00 lasts 9 h on both', () => {
    expect(hours(paris('2027-03-28', [{ weekday: 7, opensAt: '00:00', closesAt: '06:00' }]))).toBe(5);
    expect(hours(paris('2027-10-31', [{ weekday: 7, opensAt: '00:00', closesAt: '06:00' }]))).toBe(7);
    expect(hours(paris('2027-03-28', [{ weekday: 7, opensAt: '09:00', closesAt: '18:00' }]))).toBe(9);
    expect(hours(paris('2027-10-31', [{ weekday: 7, opensAt: '09:00', closesAt: '18:00' }]))).toBe(9);
  });

  it('never starts a slot at a skipped time, and offers both occurrences of a repeated one', () => {
    const spring = paris('2027-03-28', [{ weekday: 7, opensAt: '00:00', closesAt: '06:00' }], { durationMinutes: 60 });
    expect(spring.map((s) => wallClock(s.startsAt, 'Europe/Paris').hour)).not.toContain(2);
    expect(spring).toHaveLength(9); // 00:00 … 01:30 (4), then 03:00 … 05:00 (5)
    const autumn = paris('2027-10-31', [{ weekday: 7, opensAt: '00:00', closesAt: '06:00' }], { durationMinutes: 60 });
    const twoThirty = autumn.filter((s) => minuteOfDay(s.startsAt, 'Europe/Paris') === 150).map((s) => s.startsAt.toISOString());
    expect(twoThirty).toEqual(['2027-10-31T00:30:00.000Z', '2027-10-31T01:30:00.000Z']);
    expect(autumn).toHaveLength(13); // every half hour of 7 real hours, less the last hour
  });

  it('resolves a skipped opening time to the jump, and a repeated one to its first occurrence', () => {
    expect(iso(paris('2027-03-28', [{ weekday: 7, opensAt: '02:30', closesAt: '06:00' }]))).toEqual([['2027-03-28T01:00:00.000Z', '2027-03-28T04:00:00.000Z']]);
    expect(iso(paris('2027-10-31', [{ weekday: 7, opensAt: '02:30', closesAt: '06:00' }]))).toEqual([['2027-10-31T00:30:00.000Z', '2027-10-31T05:00:00.000Z']]);
    expect(firstInstantAtWallTime(2027, 3, 28, 2, 30, 'Europe/Paris')).toEqual(at('2027-03-28T01:00:00Z'));
    expect(firstInstantAtWallTime(2027, 10, 31, 2, 30, 'Europe/Paris')).toEqual(at('2027-10-31T00:30:00Z'));
    expect(firstInstantAtWallTime(2027, 10, 31, 3, 0, 'Europe/Paris')).toEqual(at('2027-10-31T02:00:00Z'));
    expect(firstInstantAtWallTime(2027, 11, 7, 1, 30, 'America/New_York')).toEqual(at('2027-11-07T05:30:00Z'));
    expect(firstInstantAtWallTime(2027, 6, 16, 9, 0, 'Asia/Kolkata')).toEqual(at('2027-06-16T03:30:00Z'));
  });
});

// ---------------------------------------------------------------- properties

const ZONES = ['Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'] as const;
/** 2027's changes: New York 14 Mar / 7 Nov, Paris 28 Mar / 31 Oct, Sydney 4 Apr (back) / 3 Oct (forward). */
const DST_DAYS = ['2027-03-14', '2027-03-28', '2027-04-04', '2027-10-03', '2027-10-31', '2027-11-07'];
const dayArb = fc.oneof(
  fc.constantFrom(...DST_DAYS),
  fc.integer({ min: 0, max: 364 }).map((n) => new Date(Date.UTC(2027, 0, 1) + n * DAY).toISOString().slice(0, 10)),
);
/** Half hours, except whole hours from 01:00 to 03:00 where clocks change (the ambiguous half hours have examples above). */
const timeArb = fc
  .integer({ min: 0, max: 47 })
  .map((half) => (half >= 2 && half < 6 ? half - (half % 2) : half))
  .map((half) => `${String(Math.floor(half / 2)).padStart(2, '0')}:${half % 2 ? '30' : '00'}`);
const rowArb = fc.record({ weekday: fc.integer({ min: 1, max: 7 }), opensAt: timeArb, closesAt: timeArb });
/** Minutes from the day's UTC midnight, and a length. */
const rangeArb = fc.record({ start: fc.integer({ min: -24 * 60, max: 72 * 60 }), length: fc.integer({ min: 1, max: 4 * 60 }) });

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Everyday hours plus a few odd rows; sometimes the everyday window split in two touching rows. */
const openingArb = fc.record({
  everyDay: fc.option(fc.record({ opensAt: timeArb, closesAt: timeArb }), { freq: 10, nil: undefined }),
  split: fc.boolean(),
  rows: fc.array(rowArb, { maxLength: 4 }),
});
type OpeningSpec = typeof openingArb extends fc.Arbitrary<infer T> ? T : never;

function weeklyOf(spec: OpeningSpec): WeeklyHours[] {
  const rows = [...spec.rows];
  if (spec.everyDay) {
    const { opensAt, closesAt } = spec.everyDay;
    const [opens, closes] = [minutesOf(opensAt), minutesOf(closesAt)];
    // Split at the first whole hour strictly inside the window (past midnight included).
    const middle = (Math.floor(opens / 60) + 1) % 24;
    const inside = closes > opens ? middle * 60 > opens && middle * 60 < closes : middle * 60 > opens || middle * 60 < closes;
    for (let weekday = 1; weekday <= 7; weekday++) {
      if (spec.split && inside) {
        const at = `${String(middle).padStart(2, '0')}:00`;
        rows.push({ weekday, opensAt, closesAt: at }, { weekday: middle * 60 < opens ? (weekday % 7) + 1 : weekday, opensAt: at, closesAt });
      } else rows.push({ weekday, opensAt, closesAt });
    }
  }
  return rows;
}

const scenarioArb = fc.record({
  zone: fc.constantFrom(...ZONES),
  day: dayArb,
  fromShift: fc.integer({ min: -14 * 60, max: 14 * 60 }),
  length: fc.integer({ min: 4 * 60, max: 48 * 60 }),
  setup: fc.constantFrom(0, 15, 30, 60),
  teardown: fc.constantFrom(0, 15, 30, 60),
  step: fc.constantFrom(15, 30, 45, 60),
  minimum: fc.integer({ min: 1, max: 180 }),
  extraSteps: fc.option(fc.integer({ min: 0, max: 4 }), { freq: 2, nil: undefined }),
  opening: openingArb,
  busy: fc.array(rangeArb, { maxLength: 8 }),
  closures: fc.array(rangeArb, { maxLength: 2 }),
  engineer: fc.option(
    fc.record({
      hours: fc.option(openingArb, { freq: 2, nil: undefined }),
      timeOff: fc.array(rangeArb, { maxLength: 3 }),
      busy: fc.array(rangeArb, { maxLength: 3 }),
    }),
    {
      freq: 2,
      nil: undefined,
    },
  ),
  nowShift: fc.integer({ min: -48 * 60, max: 6 * 60 }),
  notice: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 6 * 60 })),
  windowDays: fc.oneof(fc.constant(60), fc.integer({ min: 1, max: 3 })),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function inputOf(s: Scenario): AvailabilityInput {
  const midnight = Date.parse(`${s.day}T00:00:00Z`);
  const ranges = (list: { start: number; length: number }[]) =>
    list.map((r) => ({ startsAt: new Date(midnight + r.start * MINUTE), endsAt: new Date(midnight + (r.start + r.length) * MINUTE) }));
  const from = midnight + s.fromShift * MINUTE;
  const input: AvailabilityInput = {
    timeZone: s.zone,
    from: new Date(from),
    to: new Date(from + s.length * MINUTE),
    now: new Date(from + s.nowShift * MINUTE),
    room: { setupBufferMinutes: s.setup, teardownBufferMinutes: s.teardown, minDurationMinutes: s.minimum, incrementMinutes: s.step },
    openingHours: weeklyOf(s.opening),
    closures: ranges(s.closures),
    busy: ranges(s.busy),
    minimumNoticeMinutes: s.notice,
    bookingWindowDays: s.windowDays,
  };
  if (s.engineer)
    input.engineer = { hours: s.engineer.hours ? weeklyOf(s.engineer.hours) : [], timeOff: ranges(s.engineer.timeOff), busy: ranges(s.engineer.busy) };
  if (s.extraSteps !== undefined) input.durationMinutes = (Math.ceil(s.minimum / s.step) + s.extraSteps) * s.step;
  return input;
}

const overlaps = (s: number, e: number, r: TimeRange) => s < r.endsAt.getTime() && e > r.startsAt.getTime();

/** The plain wall-clock reading of weekly hours: open when the clock shows a time inside a row. */
function withinWeekly(rows: WeeklyHours[], weekday: number, minute: number): boolean {
  const yesterday = weekday === 1 ? 7 : weekday - 1;
  return rows.some((r) => {
    const [opens, closes] = [minutesOf(r.opensAt), minutesOf(r.closesAt)];
    if (closes > opens) return r.weekday === weekday && minute >= opens && minute < closes;
    return (r.weekday === weekday && minute >= opens) || (r.weekday === yesterday && minute < closes);
  });
}

/**
 * A brute-force oracle, minute by minute through Intl (time.ts): can a session of `length` minutes
 * start at `start`? Knows nothing of ZoneClock, offsets or interval sweeps.
 */
function oracle(input: AvailabilityInput) {
  const from = input.from.getTime();
  const count = (input.to.getTime() - from) / MINUTE;
  const openBefore = [0]; // prefix sums of open minutes
  const minuteOfDayAt: number[] = [];
  for (let i = 0; i < count; i++) {
    const wall = wallClock(new Date(from + i * MINUTE), input.timeZone);
    const minute = wall.hour * 60 + wall.minute;
    minuteOfDayAt.push(minute);
    const engineerHours = input.engineer?.hours ?? [];
    const open = withinWeekly(input.openingHours, wall.weekday, minute) && (engineerHours.length === 0 || withinWeekly(engineerHours, wall.weekday, minute));
    openBefore.push(openBefore[i]! + (open ? 1 : 0));
  }
  const { room } = input;
  const isOpen = (start: number, length: number) => {
    const i = (start - from) / MINUTE;
    return Number.isInteger(i) && i >= 0 && i + length <= count && openBefore[i + length]! - openBefore[i]! === length;
  };
  const bookable = (start: number, length: number) => {
    const end = start + length * MINUTE;
    const [outerStart, outerEnd] = [start - room.setupBufferMinutes * MINUTE, end + room.teardownBufferMinutes * MINUTE];
    return (
      isOpen(start, length) &&
      minuteOfDayAt[(start - from) / MINUTE]! % room.incrementMinutes === 0 &&
      start >= input.now.getTime() + input.minimumNoticeMinutes * MINUTE &&
      start <= input.now.getTime() + input.bookingWindowDays * DAY &&
      ![...input.busy, ...input.closures].some((r) => overlaps(outerStart, outerEnd, r)) &&
      ![...(input.engineer?.timeOff ?? []), ...(input.engineer?.busy ?? [])].some((r) => overlaps(start, end, r))
    );
  };
  const starts = (length: number) => Array.from({ length: count }, (_, i) => from + i * MINUTE).filter((start) => bookable(start, length));
  return { isOpen, bookable, starts };
}

const lengthOf = (s: Slot) => (s.endsAt.getTime() - s.startsAt.getTime()) / MINUTE;
const property = (check: (input: AvailabilityInput, slots: Slot[]) => void, numRuns = 200) =>
  fc.assert(
    fc.property(scenarioArb, (s) => {
      const input = inputOf(s);
      check(input, freeSlots(input));
    }),
    { numRuns },
  );

// The oracle reads the wall clock minute by minute through Intl: slower than the rest, well inside this.
describe('freeSlots — properties', { timeout: 30_000 }, () => {
  it('(a) no slot, buffers included, overlaps a busy range or a closure', () => {
    property((input, slots) => {
      for (const slot of slots) {
        const [s, e] = [slot.startsAt.getTime() - input.room.setupBufferMinutes * MINUTE, slot.endsAt.getTime() + input.room.teardownBufferMinutes * MINUTE];
        for (const r of [...input.busy, ...input.closures])
          expect(overlaps(s, e, r), `${slot.startsAt.toISOString()} vs ${r.startsAt.toISOString()}`).toBe(false);
      }
    });
  });

  it("(b) every slot lies within opening hours (and the engineer's) in wall-clock terms", () => {
    property((input, slots) => {
      const { isOpen } = oracle(input);
      for (const slot of slots) expect(isOpen(slot.startsAt.getTime(), lengthOf(slot)), slot.startsAt.toISOString()).toBe(true);
    }, 100);
  });

  it('(c) every start is on the increment in wall-clock time, after the notice and inside the booking window', () => {
    property((input, slots) => {
      for (const slot of slots) {
        expect(minuteOfDay(slot.startsAt, input.timeZone) % input.room.incrementMinutes).toBe(0);
        expect(slot.startsAt.getTime() % MINUTE).toBe(0);
        expect(slot.startsAt.getTime()).toBeGreaterThanOrEqual(input.now.getTime() + input.minimumNoticeMinutes * MINUTE);
        expect(slot.startsAt.getTime()).toBeLessThanOrEqual(input.now.getTime() + input.bookingWindowDays * DAY);
      }
    });
  });

  it('(d) free intervals are sorted and disjoint; bookable starts are sorted and distinct', () => {
    property((input, slots) => {
      for (let i = 1; i < slots.length; i++) {
        const [previous, slot] = [slots[i - 1]!, slots[i]!];
        if (input.durationMinutes === undefined) expect(slot.startsAt.getTime()).toBeGreaterThan(previous.endsAt.getTime());
        else expect(slot.startsAt.getTime()).toBeGreaterThan(previous.startsAt.getTime());
      }
    });
  });

  it('(e) with a duration every slot lasts exactly that; without one, at least the minimum, in whole increments', () => {
    property((input, slots) => {
      const { incrementMinutes: step, minDurationMinutes: minimum } = input.room;
      for (const slot of slots) {
        if (input.durationMinutes !== undefined) expect(lengthOf(slot)).toBe(input.durationMinutes);
        else {
          expect(lengthOf(slot) % step).toBe(0);
          expect(lengthOf(slot)).toBeGreaterThanOrEqual(minimum);
        }
      }
    });
  });

  it('(g) exactly the bookable starts are offered; every free interval is bookable whole, maximal, and holds every bookable start', () => {
    property((input, slots) => {
      const check = oracle(input);
      if (input.durationMinutes !== undefined) {
        expect(slots.map((s) => s.startsAt.getTime())).toEqual(check.starts(input.durationMinutes));
        return;
      }
      const step = input.room.incrementMinutes;
      for (const slot of slots) {
        const [start, length] = [slot.startsAt.getTime(), lengthOf(slot)];
        expect(check.bookable(start, length), slot.startsAt.toISOString()).toBe(true);
        // Maximal: one more increment at either end is not bookable.
        expect(check.bookable(start, length + step)).toBe(false);
        expect(check.bookable(start - step * MINUTE, length + step)).toBe(false);
      }
      const minimum = Math.ceil(input.room.minDurationMinutes / input.room.incrementMinutes) * input.room.incrementMinutes;
      for (const start of check.starts(minimum))
        expect(
          slots.some((s) => s.startsAt.getTime() <= start && start < s.endsAt.getTime()),
          new Date(start).toISOString(),
        ).toBe(true);
    }, 100);
  });

  it('(f) on DST change days the open time equals the real time the wall clock spends in the window', () => {
    const zoneDay = fc.oneof(
      fc.constantFrom(
        ...([
          ['America/New_York', '2027-03-14'],
          ['Europe/Paris', '2027-03-28'],
          ['Australia/Sydney', '2027-04-04'],
          ['Australia/Sydney', '2027-10-03'],
          ['Europe/Paris', '2027-10-31'],
          ['America/New_York', '2027-11-07'],
        ] as const),
      ),
      fc.tuple(fc.constantFrom(...ZONES), dayArb),
    );
    fc.assert(
      fc.property(zoneDay, fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 23 }), ([zone, day], opens, closes) => {
        const midnight = Date.parse(`${day}T00:00:00Z`);
        const weekday = ((new Date(midnight).getUTCDay() + 6) % 7) + 1;
        const nextDay = new Date(midnight + DAY).toISOString().slice(0, 10);
        const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
        const slots = freeSlots({
          ...base,
          timeZone: zone,
          from: new Date(midnight - DAY),
          to: new Date(midnight + 3 * DAY),
          now: new Date(midnight - 10 * DAY),
          room: { setupBufferMinutes: 0, teardownBufferMinutes: 0, minDurationMinutes: 60, incrementMinutes: 60 },
          openingHours: [{ weekday, opensAt: hh(opens), closesAt: hh(closes) }],
        });
        // Quarter hours the wall clock spends in the window, counted through Intl.
        let quarters = 0;
        for (let t = midnight - DAY; t < midnight + 3 * DAY; t += 15 * MINUTE) {
          const wall = wallClock(new Date(t), zone);
          const date = `${wall.year}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
          const inside =
            closes > opens
              ? date === day && wall.hour >= opens && wall.hour < closes
              : (date === day && wall.hour >= opens) || (date === nextDay && wall.hour < closes);
          if (inside) quarters++;
        }
        expect(hours(slots)).toBe(quarters / 4);
      }),
      { numRuns: 150 },
    );
  });
});
