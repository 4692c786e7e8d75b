import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bookingDeadlines, holdExpiry } from './deadlines.ts';

const HOUR = 3_600_000;

describe('booking deadlines', () => {
  it('the demo case: a deposit due 72 h after a 48 h hold, for a session 34 h away, is due when the session starts at the latest', () => {
    const now = new Date('2026-12-06T03:17:00Z');
    const startsAt = new Date('2026-12-07T14:00:00Z');
    const { holdExpiresAt, depositDueAt } = bookingDeadlines({ now, startsAt, holdMinutes: 48 * 60, depositDueHours: 72 });
    expect(holdExpiresAt).toEqual(startsAt);
    expect(depositDueAt).toEqual(startsAt);
  });

  it('never puts the deposit after the hold nor either after the session start; otherwise keeps the asked lengths', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.option(fc.integer({ min: 1, max: 720 }), { nil: null }),
        fc.option(fc.integer({ min: 0, max: 1440 }), { nil: null }),
        (hoursAhead, holdHours, depositDueHours) => {
          const now = new Date('2030-03-29T10:00:00Z');
          const startsAt = new Date(now.getTime() + hoursAhead * HOUR);
          const { holdExpiresAt, depositDueAt } = bookingDeadlines({ now, startsAt, holdMinutes: holdHours === null ? null : holdHours * 60, depositDueHours });
          expect(holdExpiresAt === null).toBe(holdHours === null);
          expect(depositDueAt === null).toBe(depositDueHours === null);
          if (holdExpiresAt) {
            expect(holdExpiresAt.getTime()).toBeLessThanOrEqual(startsAt.getTime());
            expect(holdExpiresAt.getTime()).toBe(Math.min(now.getTime() + holdHours! * HOUR, startsAt.getTime()));
          }
          if (depositDueAt) {
            expect(depositDueAt.getTime()).toBeLessThanOrEqual(startsAt.getTime());
            if (holdExpiresAt) expect(depositDueAt.getTime()).toBeLessThanOrEqual(holdExpiresAt.getTime());
            expect(depositDueAt.getTime()).toBe(Math.min(now.getTime() + depositDueHours! * HOUR, (holdExpiresAt ?? startsAt).getTime()));
          }
        },
      ),
    );
  });

  it('a promoted hold keeps its own length, capped at the start', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    expect(holdExpiry(now, 120, new Date('2030-02-01T00:00:00Z'))).toEqual(new Date('2030-01-01T02:00:00Z'));
    expect(holdExpiry(now, 120, new Date('2030-01-01T01:00:00Z'))).toEqual(new Date('2030-01-01T01:00:00Z'));
  });
});
