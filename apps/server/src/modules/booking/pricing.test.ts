import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billableMinutes, priceSession, type RoomRates } from './pricing.ts';

const room: RoomRates = {
  name: 'Studio A',
  hourlyRateCents: 6000,
  halfDayRateCents: 20000,
  dayRateCents: 40000,
  hourlyRateWithEngineerCents: 8500,
  minDurationMinutes: 120,
  overtimeBlockMinutes: 30,
};

describe('billable minutes', () => {
  it('bills at least the minimum, then whole overtime blocks', () => {
    expect(billableMinutes(60, room)).toBe(120);
    expect(billableMinutes(120, room)).toBe(120);
    expect(billableMinutes(121, room)).toBe(150);
    expect(billableMinutes(150, room)).toBe(150);
    expect(billableMinutes(151, room)).toBe(180);
  });
});

describe('session price', () => {
  it('uses the hourly rate for short sessions', () => {
    expect(priceSession({ room, durationMinutes: 150, engineers: [], gear: [] }).totalCents).toBe(15000);
  });
  it('uses the half-day price when it is cheaper', () => {
    expect(priceSession({ room, durationMinutes: 240, engineers: [], gear: [] }).totalCents).toBe(20000);
  });
  it('uses the day price up to 10 hours, then adds overtime', () => {
    expect(priceSession({ room, durationMinutes: 600, engineers: [], gear: [] }).totalCents).toBe(40000);
    expect(priceSession({ room, durationMinutes: 630, engineers: [], gear: [] }).totalCents).toBe(43000);
  });
  it('replaces room + first engineer by the with-engineer rate, and bills extra engineers', () => {
    const price = priceSession({
      room: { ...room, halfDayRateCents: null, dayRateCents: null },
      durationMinutes: 120,
      engineers: [
        { name: 'Théo', hourlyRateCents: 4000 },
        { name: 'Inès', hourlyRateCents: 3000 },
      ],
      gear: [],
    });
    expect(price.lines.map((l) => [l.kind, l.totalCents])).toEqual([
      ['room', 17000],
      ['engineer', 6000],
    ]);
    expect(price.totalCents).toBe(23000);
  });
  it('bills gear per started day', () => {
    const price = priceSession({ room, durationMinutes: 26 * 60, engineers: [], gear: [{ name: 'U47', dailyRateCents: 5000 }] });
    expect(price.lines.find((l) => l.kind === 'gear')).toMatchObject({ quantity: 2, totalCents: 10000 });
  });
  it('is a sum of integer lines, never below the cheapest package, and grows with time (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 * 24 * 60 }), fc.integer({ min: 0, max: 50_000 }), (minutes, rate) => {
        const r = { ...room, hourlyRateCents: rate };
        const a = priceSession({ room: r, durationMinutes: minutes, engineers: [], gear: [] });
        const b = priceSession({ room: r, durationMinutes: minutes + 30, engineers: [], gear: [] });
        expect(Number.isSafeInteger(a.totalCents)).toBe(true);
        expect(a.totalCents).toBe(a.lines.reduce((s, l) => s + l.totalCents, 0));
        expect(b.totalCents).toBeGreaterThanOrEqual(a.totalCents);
      }),
    );
  });
});
