import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateProportionally, computeTotals, TotalsError, type Discount, type TotalsLine } from './money-totals.ts';

const RATES = [2000, 1000, 550, 210, 0, 810, 1700];
const discount = (maxCents: number): fc.Arbitrary<Discount | null> =>
  fc.oneof(
    fc.constant(null),
    fc.integer({ min: 0, max: 10_000 }).map((basisPoints) => ({ kind: 'percent' as const, basisPoints })),
    fc.integer({ min: 0, max: maxCents }).map((cents) => ({ kind: 'amount' as const, cents })),
  );
/** Lines whose amount discount never exceeds the line amount (that input is refused, tested below). */
const line: fc.Arbitrary<TotalsLine> = fc
  .record({
    quantity: fc.integer({ min: 0, max: 100_000 }),
    unitPriceCents: fc.integer({ min: 0, max: 5_000_000 }),
    vatRateBasisPoints: fc.constantFrom(...RATES),
  })
  .chain((l) => discount(Math.round((l.quantity * l.unitPriceCents) / 1000)).map((d) => ({ ...l, discount: d })));
const document = fc.array(line, { minLength: 0, maxLength: 25 }).chain((lines) => {
  const subtotal = computeTotals(lines).subtotalCents;
  return fc.tuple(fc.constant(lines), discount(subtotal));
});

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('computeTotals — properties', () => {
  it('the parts sum to the whole: lines to the subtotal, shares to the document discount, bases to the net', () => {
    fc.assert(
      fc.property(document, ([lines, docDiscount]) => {
        const t = computeTotals(lines, docDiscount);
        expect(sum(t.lines.map((l) => l.amountCents - l.lineDiscountCents))).toBe(t.subtotalCents);
        expect(sum(t.lines.map((l) => l.documentDiscountCents))).toBe(t.documentDiscountCents);
        expect(sum(t.lines.map((l) => l.netCents))).toBe(t.netCents);
        expect(t.subtotalCents - t.documentDiscountCents).toBe(t.netCents);
        expect(sum(t.vatBreakdown.map((b) => b.taxableCents))).toBe(t.netCents);
        expect(sum(t.vatBreakdown.map((b) => b.vatCents))).toBe(t.vatCents);
      }),
      { numRuns: 500 },
    );
  });

  it('gross = net + VAT, and nothing is negative', () => {
    fc.assert(
      fc.property(document, ([lines, docDiscount]) => {
        const t = computeTotals(lines, docDiscount);
        expect(t.grossCents).toBe(t.netCents + t.vatCents);
        for (const l of t.lines) {
          expect(l.lineDiscountCents).toBeGreaterThanOrEqual(0);
          expect(l.lineDiscountCents).toBeLessThanOrEqual(l.amountCents);
          expect(l.documentDiscountCents).toBeGreaterThanOrEqual(0);
          expect(l.netCents).toBeGreaterThanOrEqual(0);
        }
        for (const b of t.vatBreakdown) expect(b.vatCents).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it('VAT per rate is the rate applied to that rate’s base, rounded half away from zero', () => {
    fc.assert(
      fc.property(document, ([lines, docDiscount]) => {
        const t = computeTotals(lines, docDiscount);
        expect(new Set(t.vatBreakdown.map((b) => b.vatRateBasisPoints)).size).toBe(t.vatBreakdown.length);
        for (const b of t.vatBreakdown) {
          const exact = b.taxableCents * b.vatRateBasisPoints; // in 1/10000 cent, exact within safe integers here
          const error = b.vatCents * 10_000 - exact;
          expect(error).toBeGreaterThan(-5000);
          expect(error).toBeLessThanOrEqual(5000);
          const linesAtRate = t.lines.filter((l) => l.vatRateBasisPoints === b.vatRateBasisPoints);
          expect(sum(linesAtRate.map((l) => l.netCents))).toBe(b.taxableCents);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order of the lines', () => {
    fc.assert(
      fc.property(
        document.chain(([lines, d]) =>
          fc.tuple(
            fc.constant(lines),
            fc.constant(d),
            fc.shuffledSubarray(
              lines.map((_, i) => i),
              { minLength: lines.length, maxLength: lines.length },
            ),
          ),
        ),
        ([lines, docDiscount, order]) => {
          const a = computeTotals(lines, docDiscount);
          const b = computeTotals(
            order.map((i) => lines[i]!),
            docDiscount,
          );
          const { lines: _a, ...totalsA } = a;
          const { lines: _b, ...totalsB } = b;
          expect(totalsB).toEqual(totalsA);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('spreads the document discount within a cent of each line’s exact share', () => {
    fc.assert(
      fc.property(document, ([lines, docDiscount]) => {
        const t = computeTotals(lines, docDiscount);
        if (t.subtotalCents === 0) return;
        for (const l of t.lines) {
          const before = l.amountCents - l.lineDiscountCents;
          // |share × subtotal − discount × before| < subtotal, i.e. the share is within one cent of exact
          const gap = Math.abs(l.documentDiscountCents * t.subtotalCents - t.documentDiscountCents * before);
          expect(gap).toBeLessThan(t.subtotalCents);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('allocateProportionally', () => {
  it('sums exactly and never gives a part more than its weight', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, fraction) => {
          const total = weights.reduce((a, b) => a + b, 0n);
          const target = (total * BigInt(Math.floor(fraction * 1000))) / 1000n;
          const parts = allocateProportionally(target, weights);
          expect(parts.reduce((a, b) => a + b, 0n)).toBe(target);
          parts.forEach((p, i) => {
            expect(p >= 0n).toBe(true);
            expect(p <= weights[i]!).toBe(true);
          });
        },
      ),
    );
  });

  it('gives the leftover cent to the largest remainder', () => {
    expect(allocateProportionally(100n, [1n, 1n, 1n])).toEqual([34n, 33n, 33n]);
    expect(allocateProportionally(10n, [3n, 6n])).toEqual([3n, 7n]);
  });
});

describe('computeTotals — worked examples', () => {
  it('2.5 hours at €45.00 is €112.50, plus 20 % VAT', () => {
    const t = computeTotals([{ quantity: 2500, unitPriceCents: 4500, vatRateBasisPoints: 2000 }]);
    expect(t).toMatchObject({ subtotalCents: 11_250, netCents: 11_250, vatCents: 2250, grossCents: 13_500 });
  });

  it('computes VAT per rate on the base, not by summing rounded line VAT', () => {
    // Three lines of €0.10 at 5.5 %: per line 0.55 c would round to 1 c each (3 c); on the base 30 c × 5.5 % = 1.65 → 2 c.
    const line = { quantity: 1000, unitPriceCents: 10, vatRateBasisPoints: 550 };
    const t = computeTotals([line, line, line]);
    expect(t.vatBreakdown).toEqual([{ vatRateBasisPoints: 550, taxableCents: 30, vatCents: 2 }]);
  });

  it('rounds half away from zero: €1.00 at 5.5 % is 5.5 c → 6 c; €0.50 at 2.1 % is 1.05 c → 1 c', () => {
    expect(computeTotals([{ quantity: 1000, unitPriceCents: 100, vatRateBasisPoints: 550 }]).vatCents).toBe(6);
    expect(computeTotals([{ quantity: 1000, unitPriceCents: 50, vatRateBasisPoints: 210 }]).vatCents).toBe(1);
    // a third of a cent: 1 × €0.01 × 1/3 hour rounds to 0 c; 0.5 × 1 c rounds to 1 c
    expect(computeTotals([{ quantity: 500, unitPriceCents: 1, vatRateBasisPoints: 0 }]).netCents).toBe(1);
  });

  it('applies a line discount then a document discount, and breaks VAT down per rate', () => {
    const t = computeTotals(
      [
        { quantity: 3000, unitPriceCents: 3333, vatRateBasisPoints: 2000, discount: { kind: 'percent', basisPoints: 1000 } },
        { quantity: 1000, unitPriceCents: 5000, vatRateBasisPoints: 550, discount: { kind: 'amount', cents: 500 } },
      ],
      { kind: 'amount', cents: 1000 },
    );
    // 99.99 − 10 % (10.00) = 89.99; 50.00 − 5.00 = 45.00; subtotal 134.99; €10 spread 6.67 / 3.33
    expect(t.lines.map((l) => [l.amountCents, l.lineDiscountCents, l.documentDiscountCents, l.netCents])).toEqual([
      [9999, 1000, 667, 8332],
      [5000, 500, 333, 4167],
    ]);
    expect(t.vatBreakdown).toEqual([
      { vatRateBasisPoints: 2000, taxableCents: 8332, vatCents: 1666 },
      { vatRateBasisPoints: 550, taxableCents: 4167, vatCents: 229 },
    ]);
    expect(t).toMatchObject({ subtotalCents: 13_499, documentDiscountCents: 1000, netCents: 12_499, vatCents: 1895, grossCents: 14_394 });
  });

  it('an empty document totals zero', () => {
    expect(computeTotals([], { kind: 'percent', basisPoints: 1000 })).toEqual({
      lines: [],
      subtotalCents: 0,
      documentDiscountCents: 0,
      netCents: 0,
      vatBreakdown: [],
      vatCents: 0,
      grossCents: 0,
    });
  });
});

describe('computeTotals — refused input', () => {
  const ok: TotalsLine = { quantity: 1000, unitPriceCents: 1000, vatRateBasisPoints: 2000 };
  it.each([
    [[{ ...ok, discount: { kind: 'amount', cents: 1001 } }], null, 'DISCOUNT_EXCEEDS_AMOUNT', 0],
    [[ok], { kind: 'amount', cents: 1001 }, 'DISCOUNT_EXCEEDS_AMOUNT', undefined],
    [[ok, { ...ok, quantity: 1.5 }], null, 'INVALID_QUANTITY', 1],
    [[{ ...ok, unitPriceCents: -1 }], null, 'INVALID_PRICE', 0],
    [[{ ...ok, vatRateBasisPoints: 10_001 }], null, 'INVALID_RATE', 0],
    [[{ ...ok, discount: { kind: 'percent', basisPoints: 10_001 } }], null, 'INVALID_DISCOUNT', 0],
    [[{ ...ok, quantity: 9_000_000_000, unitPriceCents: 9_000_000_000 }], null, 'AMOUNT_TOO_LARGE', 0],
  ] as const)('%j, %j → %s on line %s', (lines, docDiscount, code, lineIndex) => {
    try {
      computeTotals(lines as unknown as TotalsLine[], docDiscount as Discount | null);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TotalsError);
      expect((error as TotalsError).code).toBe(code);
      expect((error as TotalsError).line).toBe(lineIndex);
    }
  });
});
