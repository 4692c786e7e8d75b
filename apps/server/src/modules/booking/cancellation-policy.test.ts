import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { zonedTimeToInstant } from '@rsm/shared/zoned-time';
import { amountPaidCents, calendarDaysBetween, computeCancellation, pickTier, type PolicyTier } from './cancellation-policy.ts';

const ZONES = ['Europe/Paris', 'America/New_York', 'Australia/Sydney', 'UTC', 'Asia/Kolkata'];
const TIERS: PolicyTier[] = [
  { daysBefore: 14, refundPercent: 100 },
  { daysBefore: 7, refundPercent: 50 },
  { daysBefore: 2, refundPercent: 25 },
];

const paris = (y: number, m: number, d: number, h: number, min = 0) => zonedTimeToInstant({ year: y, month: m, day: d, hour: h, minute: min }, 'Europe/Paris');

const tierArb = fc.record({ daysBefore: fc.integer({ min: 0, max: 60 }), refundPercent: fc.integer({ min: 0, max: 100 }) });
const instantArb = fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2032, 0, 1) }).map((ms) => new Date(Math.floor(ms / 60_000) * 60_000));

describe('calendarDaysBetween (studio-zone calendar days)', () => {
  it('counts midnights on the studio wall clock, not 24-hour periods', () => {
    // Thursday 23:30 → Saturday 09:00 is 2 days, though under 34 hours.
    expect(calendarDaysBetween(paris(2030, 1, 10, 23, 30), paris(2030, 1, 12, 9), 'Europe/Paris')).toBe(2);
    // Same day, any hours: 0.
    expect(calendarDaysBetween(paris(2030, 1, 12, 0, 5), paris(2030, 1, 12, 23), 'Europe/Paris')).toBe(0);
    // 00:30 Paris is still the previous day in UTC: the zone decides.
    expect(calendarDaysBetween(paris(2030, 1, 11, 0, 30), paris(2030, 1, 12, 9), 'Europe/Paris')).toBe(1);
    expect(calendarDaysBetween(paris(2030, 1, 11, 0, 30), paris(2030, 1, 12, 9), 'UTC')).toBe(2);
  });

  it('is not shifted by DST changes (spring forward and fall back in Paris)', () => {
    expect(calendarDaysBetween(paris(2030, 3, 30, 12), paris(2030, 4, 1, 12), 'Europe/Paris')).toBe(2);
    expect(calendarDaysBetween(paris(2030, 3, 31, 0, 30), paris(2030, 3, 31, 23), 'Europe/Paris')).toBe(0);
    expect(calendarDaysBetween(paris(2030, 10, 26, 23), paris(2030, 10, 27, 23, 30), 'Europe/Paris')).toBe(1);
  });

  it('is antisymmetric and additive over any zone', () => {
    fc.assert(
      fc.property(instantArb, instantArb, instantArb, fc.constantFrom(...ZONES), (a, b, c, zone) => {
        expect(calendarDaysBetween(a, b, zone) + calendarDaysBetween(b, a, zone)).toBe(0);
        expect(calendarDaysBetween(a, c, zone)).toBe(calendarDaysBetween(a, b, zone) + calendarDaysBetween(b, c, zone));
      }),
    );
  });
});

describe('pickTier', () => {
  it('takes the largest daysBefore not above the notice, whatever the order given', () => {
    const shuffled = [TIERS[2]!, TIERS[0]!, TIERS[1]!];
    expect(pickTier(shuffled, 30)).toEqual(TIERS[0]);
    expect(pickTier(shuffled, 14)).toEqual(TIERS[0]);
    expect(pickTier(shuffled, 13)).toEqual(TIERS[1]);
    expect(pickTier(shuffled, 2)).toEqual(TIERS[2]);
    expect(pickTier(shuffled, 1)).toBeNull();
  });
  it('ignores malformed tiers', () => {
    expect(
      pickTier(
        [
          { daysBefore: -1, refundPercent: 100 },
          { daysBefore: 3, refundPercent: 150 },
          { daysBefore: 1.5, refundPercent: 10 },
        ],
        10,
      ),
    ).toBeNull();
  });
});

describe('computeCancellation', () => {
  const base = { tiers: TIERS, timeZone: 'Europe/Paris', startsAt: paris(2030, 1, 20, 10) };

  it('applies the tiers to what was paid', () => {
    expect(computeCancellation({ ...base, cancelledAt: paris(2030, 1, 1, 9), paidCents: 30_000 })).toMatchObject({
      basis: 'tier',
      refundableCents: 30_000,
      keptCents: 0,
      daysNotice: 19,
    });
    expect(computeCancellation({ ...base, cancelledAt: paris(2030, 1, 10, 9), paidCents: 30_000 })).toMatchObject({
      basis: 'tier',
      refundableCents: 15_000,
      keptCents: 15_000,
      tier: TIERS[1],
    });
    expect(computeCancellation({ ...base, cancelledAt: paris(2030, 1, 18, 23, 59), paidCents: 999 })).toMatchObject({
      basis: 'tier',
      refundableCents: 250,
      keptCents: 749,
      tier: TIERS[2],
    });
    expect(computeCancellation({ ...base, cancelledAt: paris(2030, 1, 19, 0, 0), paidCents: 999 })).toMatchObject({
      basis: 'below_tiers',
      refundableCents: 0,
      keptCents: 999,
      tier: null,
    });
  });

  it('refunds nothing after the start, everything without a policy, and records why nothing is due when nothing was paid', () => {
    expect(computeCancellation({ ...base, cancelledAt: paris(2030, 1, 20, 10), paidCents: 500 })).toMatchObject({
      basis: 'after_start',
      refundableCents: 0,
      keptCents: 500,
    });
    expect(computeCancellation({ ...base, tiers: [], cancelledAt: paris(2030, 1, 19, 10), paidCents: 500 })).toMatchObject({
      basis: 'no_policy',
      refundableCents: 500,
      keptCents: 0,
    });
    expect(computeCancellation({ ...base, cancelledAt: paris(2030, 1, 19, 10), paidCents: 0 })).toMatchObject({
      basis: 'nothing_paid',
      refundableCents: 0,
      keptCents: 0,
      tier: null,
    });
    expect(computeCancellation({ ...base, cancelledAt: paris(2030, 1, 20, 11), paidCents: 500, waived: true })).toMatchObject({
      basis: 'waived',
      refundableCents: 500,
      keptCents: 0,
    });
  });

  it('rejects amounts that are not whole non-negative cents', () => {
    expect(() => computeCancellation({ ...base, cancelledAt: paris(2030, 1, 1, 9), paidCents: -1 })).toThrow(RangeError);
    expect(() => computeCancellation({ ...base, cancelledAt: paris(2030, 1, 1, 9), paidCents: 1.5 })).toThrow(RangeError);
  });

  it('always splits what was paid exactly: 0 ≤ refundable ≤ paid and refundable + kept = paid', () => {
    fc.assert(
      fc.property(
        fc.array(tierArb, { maxLength: 6 }),
        instantArb,
        instantArb,
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.constantFrom(...ZONES),
        fc.boolean(),
        (tiers, startsAt, cancelledAt, paidCents, timeZone, waived) => {
          const outcome = computeCancellation({ tiers, startsAt, cancelledAt, paidCents, timeZone, waived });
          expect(outcome.refundableCents + outcome.keptCents).toBe(paidCents);
          expect(outcome.refundableCents).toBeGreaterThanOrEqual(0);
          expect(outcome.refundableCents).toBeLessThanOrEqual(paidCents);
          expect(Number.isSafeInteger(outcome.refundableCents)).toBe(true);
          if (outcome.basis === 'tier') expect(outcome.tier!.daysBefore).toBeLessThanOrEqual(outcome.daysNotice);
        },
      ),
    );
  });

  it('never refunds less for more notice when the tiers give more for more notice', () => {
    const monotoneTiers = fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 5 }).chain((days) =>
      fc.array(fc.integer({ min: 0, max: 100 }), { minLength: days.length, maxLength: days.length }).map((pcts) => {
        const sortedDays = [...days].sort((a, b) => a - b);
        const sortedPcts = [...pcts].sort((a, b) => a - b);
        return sortedDays.map((d, i) => ({ daysBefore: d, refundPercent: sortedPcts[i]! }));
      }),
    );
    fc.assert(
      fc.property(
        monotoneTiers,
        instantArb,
        fc.integer({ min: 0, max: 90 * 24 * 60 }),
        fc.integer({ min: 0, max: 90 * 24 * 60 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (tiers, startsAt, m1, m2, paidCents) => {
          const [early, late] = [Math.max(m1, m2), Math.min(m1, m2)].map((m) => new Date(startsAt.getTime() - m * 60_000 - 60_000));
          const a = computeCancellation({ tiers, startsAt, cancelledAt: early!, paidCents, timeZone: 'Europe/Paris' });
          const b = computeCancellation({ tiers, startsAt, cancelledAt: late!, paidCents, timeZone: 'Europe/Paris' });
          expect(a.refundableCents).toBeGreaterThanOrEqual(b.refundableCents);
        },
      ),
    );
  });
});

describe('amountPaidCents', () => {
  it('counts the deposit only once received', () => {
    expect(amountPaidCents({ depositCents: 5000, depositReceivedAt: null })).toBe(0);
    expect(amountPaidCents({ depositCents: 5000, depositReceivedAt: new Date() })).toBe(5000);
  });
});
