import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addZonedDays, startOfZonedDay, startOfZonedWeek, wallClock, zonedTimeToInstant, type WallTime } from './zoned-time.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** The 2027 change days: [zone, spring-forward day, fall-back day] (Kolkata has none). */
const CHANGES = {
  'Europe/Paris': { forward: '2027-03-28', back: '2027-10-31' },
  'America/New_York': { forward: '2027-03-14', back: '2027-11-07' },
  'Australia/Sydney': { forward: '2027-10-03', back: '2027-04-04' },
} as const;
const ZONES = ['Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata'] as const;

function wall(date: string, hour = 0, minute = 0): WallTime {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day, hour, minute };
}

const sameWall = (a: WallTime, b: WallTime) => a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
const withoutWeekday = ({ year, month, day, hour, minute }: WallTime): WallTime => ({ year, month, day, hour, minute });

/** Instants (whole minutes) within three days of every 2027 change day of every zone. */
const nearChanges = fc
  .constantFrom(...Object.values(CHANGES).flatMap(({ forward, back }) => [forward, back]))
  .chain((day) => fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 }).map((minutes) => Date.parse(`${day}T12:00:00Z`) + minutes * MINUTE));

describe('wallClock', () => {
  it('reads the studio clock, not the machine clock', () => {
    const instant = new Date('2027-03-28T00:30:00Z');
    expect(wallClock(instant, 'Europe/Paris')).toEqual({ year: 2027, month: 3, day: 28, hour: 1, minute: 30, weekday: 7 });
    expect(wallClock(instant, 'America/New_York')).toEqual({ year: 2027, month: 3, day: 27, hour: 20, minute: 30, weekday: 6 });
    expect(wallClock(instant, 'Asia/Kolkata')).toEqual({ year: 2027, month: 3, day: 28, hour: 6, minute: 0, weekday: 7 });
    expect(wallClock(new Date('2027-01-04T00:00:00Z'), 'UTC')).toMatchObject({ hour: 0, weekday: 1 });
  });
});

describe('zonedTimeToInstant', () => {
  it('converts ordinary times with the offset of the day', () => {
    expect(zonedTimeToInstant(wall('2027-01-15', 14, 0), 'Europe/Paris').toISOString()).toBe('2027-01-15T13:00:00.000Z');
    expect(zonedTimeToInstant(wall('2027-07-15', 14, 0), 'Europe/Paris').toISOString()).toBe('2027-07-15T12:00:00.000Z');
    expect(zonedTimeToInstant(wall('2027-07-15', 14, 0), 'Asia/Kolkata').toISOString()).toBe('2027-07-15T08:30:00.000Z');
    expect(zonedTimeToInstant(wall('2027-07-15', 14, 0), 'Australia/Sydney').toISOString()).toBe('2027-07-15T04:00:00.000Z');
  });

  it('moves a time that does not exist forward by the gap', () => {
    // Paris skips 02:00–03:00 on 28 March 2027.
    expect(zonedTimeToInstant(wall('2027-03-28', 2, 30), 'Europe/Paris').toISOString()).toBe('2027-03-28T01:30:00.000Z');
    expect(wallClock(zonedTimeToInstant(wall('2027-03-28', 2, 30), 'Europe/Paris'), 'Europe/Paris')).toMatchObject({ hour: 3, minute: 30 });
    expect(wallClock(zonedTimeToInstant(wall('2027-03-14', 2, 0), 'America/New_York'), 'America/New_York')).toMatchObject({ day: 14, hour: 3, minute: 0 });
    expect(wallClock(zonedTimeToInstant(wall('2027-10-03', 2, 45), 'Australia/Sydney'), 'Australia/Sydney')).toMatchObject({ day: 3, hour: 3, minute: 45 });
  });

  it('takes the earlier of two instants when the clock goes back', () => {
    // Paris shows 02:30 twice on 31 October 2027: at 00:30Z (CEST) and 01:30Z (CET).
    expect(zonedTimeToInstant(wall('2027-10-31', 2, 30), 'Europe/Paris').toISOString()).toBe('2027-10-31T00:30:00.000Z');
    expect(zonedTimeToInstant(wall('2027-11-07', 1, 30), 'America/New_York').toISOString()).toBe('2027-11-07T05:30:00.000Z');
    expect(zonedTimeToInstant(wall('2027-04-04', 2, 30), 'Australia/Sydney').toISOString()).toBe('2027-04-03T15:30:00.000Z');
  });

  it('rolls days over the end of the month', () => {
    expect(zonedTimeToInstant({ year: 2027, month: 1, day: 32, hour: 9, minute: 0 }, 'Europe/Paris').toISOString()).toBe('2027-02-01T08:00:00.000Z');
  });

  it('round-trips every instant near a change day (wallClock then back gives the earliest instant with that reading)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), nearChanges, (zone, epoch) => {
        const reading = wallClock(new Date(epoch), zone);
        const back = zonedTimeToInstant(reading, zone);
        expect(sameWall(wallClock(back, zone), reading)).toBe(true);
        // Same instant, or (in a repeated hour) the first of the two, exactly one hour earlier.
        const difference = epoch - back.getTime();
        expect([0, HOUR]).toContain(difference);
        if (difference === HOUR) expect(sameWall(wallClock(new Date(epoch - HOUR), zone), reading)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips every existing wall time near a change day; a skipped one lands one hour later', () => {
    const wallTimes = fc.record({
      zone: fc.constantFrom(...ZONES),
      day: fc.constantFrom(...Object.values(CHANGES).flatMap(({ forward, back }) => [forward, back])),
      offsetDays: fc.integer({ min: -1, max: 1 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
    });
    fc.assert(
      fc.property(wallTimes, ({ zone, day, offsetDays, hour, minute }) => {
        const base = wall(day);
        const date = new Date(Date.UTC(base.year, base.month - 1, base.day + offsetDays));
        const wanted = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour, minute };
        const instant = zonedTimeToInstant(wanted, zone);
        const reading = withoutWeekday(wallClock(instant, zone));
        // Independent oracle: in these zones the clock skips 02:00–02:59 on the spring-forward day only.
        const skipped = offsetDays === 0 && hour === 2 && zone in CHANGES && CHANGES[zone as keyof typeof CHANGES].forward === day;
        if (skipped) {
          expect(reading).toEqual({ ...wanted, hour: 3 });
        } else {
          expect(reading).toEqual(wanted);
          // The earliest instant showing it: an hour before, the clock showed something else.
          expect(sameWall(wallClock(new Date(instant.getTime() - HOUR), zone), wanted)).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('startOfZonedDay and addZonedDays', () => {
  const lengths: [string, string, number][] = [
    ['Europe/Paris', '2027-03-28', 23],
    ['Europe/Paris', '2027-10-31', 25],
    ['Europe/Paris', '2027-06-01', 24],
    ['America/New_York', '2027-03-14', 23],
    ['America/New_York', '2027-11-07', 25],
    ['Australia/Sydney', '2027-10-03', 23],
    ['Australia/Sydney', '2027-04-04', 25],
    ['Asia/Kolkata', '2027-03-28', 24],
    ['Asia/Kolkata', '2027-10-31', 24],
  ];
  it.each(lengths)('%s %s lasts %i hours', (zone, day, hours) => {
    const start = zonedTimeToInstant(wall(day), zone);
    const next = addZonedDays(start, 1, zone);
    expect((next.getTime() - start.getTime()) / HOUR).toBe(hours);
    expect(wallClock(next, zone)).toMatchObject({ hour: 0, minute: 0 });
  });

  it('every day near a change lasts 23, 24 or 25 hours, and exactly 24 where nothing changes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), nearChanges, (zone, epoch) => {
        const start = startOfZonedDay(new Date(epoch), zone);
        const end = addZonedDays(start, 1, zone);
        const hours = (end.getTime() - start.getTime()) / HOUR;
        const { year, month, day } = wallClock(start, zone);
        const key = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        const change = zone in CHANGES ? CHANGES[zone as keyof typeof CHANGES] : null;
        const expected = change?.forward === key ? 23 : change?.back === key ? 25 : 24;
        expect(hours).toBe(expected);
        expect(start.getTime()).toBeLessThanOrEqual(epoch);
        expect(end.getTime()).toBeGreaterThan(epoch);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the wall time across a change, going forward and back', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), nearChanges, fc.integer({ min: -10, max: 10 }), (zone, epoch, days) => {
        const from = wallClock(new Date(epoch), zone);
        const moved = addZonedDays(new Date(epoch), days, zone);
        const to = wallClock(moved, zone);
        const expectedDate = new Date(Date.UTC(from.year, from.month - 1, from.day + days));
        expect([to.year, to.month, to.day]).toEqual([expectedDate.getUTCFullYear(), expectedDate.getUTCMonth() + 1, expectedDate.getUTCDate()]);
        // Same time of day unless that time does not exist on the target day (then it moved forward by the gap).
        expect([0, 60]).toContain(to.hour * 60 + to.minute - (from.hour * 60 + from.minute));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('startOfZonedWeek', () => {
  it('is the Monday at midnight in the zone, whatever day of the week', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), nearChanges, (zone, epoch) => {
        const start = startOfZonedWeek(new Date(epoch), zone);
        expect(wallClock(start, zone)).toMatchObject({ weekday: 1, hour: 0, minute: 0 });
        expect(start.getTime()).toBeLessThanOrEqual(epoch);
        expect(addZonedDays(start, 7, zone).getTime()).toBeGreaterThan(epoch);
      }),
      { numRuns: 500 },
    );
  });

  it('spans 167 hours in a week with a spring-forward Sunday', () => {
    const start = startOfZonedWeek(new Date('2027-03-25T12:00:00Z'), 'Europe/Paris');
    expect(start.toISOString()).toBe('2027-03-21T23:00:00.000Z');
    expect((addZonedDays(start, 7, 'Europe/Paris').getTime() - start.getTime()) / HOUR).toBe(167);
  });
});
