import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { balanceCents, dueCents, isOverdue, keptCents, maxCreditCents, maxPaymentCents, paymentStatus, type BalanceParts } from './money-balance.ts';

/**
 * A ledger driven the way the services drive it: a payment above the balance is refused, a credit note above
 * what is still due is refused, a removed payment stops counting (with what was refunded of it), a card refund
 * gives back part of a kept payment — never more than is left on it — with its credit note (as much of the refund
 * as the invoice can still be credited, as online-documents.ts's creditRefund does). Whatever the order of
 * operations, the balance is gross − deposits − credit notes − (payments − refunds), and the status follows.
 */
type Op =
  { kind: 'pay'; cents: number } | { kind: 'credit'; cents: number } | { kind: 'remove'; index: number } | { kind: 'refund'; index: number; cents: number };
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('pay' as const), cents: fc.integer({ min: 1, max: 200_000 }) }),
  fc.record({ kind: fc.constant('credit' as const), cents: fc.integer({ min: 1, max: 200_000 }) }),
  fc.record({ kind: fc.constant('remove' as const), index: fc.nat(20) }),
  fc.record({ kind: fc.constant('refund' as const), index: fc.nat(20), cents: fc.integer({ min: 1, max: 200_000 }) }),
);
const invoice = fc
  .integer({ min: 1, max: 500_000 })
  .chain((gross) => fc.record({ grossCents: fc.constant(gross), depositsDeductedCents: fc.integer({ min: 0, max: gross }) }));

function run(start: { grossCents: number; depositsDeductedCents: number }, ops: Op[]) {
  const payments: { cents: number; refunded: number; removed: boolean }[] = [];
  const credits: number[] = [];
  let parts: BalanceParts = { ...start, creditedCents: 0, paidCents: 0, refundedCents: 0 };
  for (const o of ops) {
    const status = paymentStatus(parts);
    if (o.kind === 'pay') {
      if (status === 'cancelled' || o.cents > maxPaymentCents(parts)) continue; // refused
      payments.push({ cents: o.cents, refunded: 0, removed: false });
      parts = { ...parts, paidCents: parts.paidCents + o.cents };
    } else if (o.kind === 'credit') {
      if (status === 'cancelled' || o.cents > maxCreditCents(parts)) continue; // refused
      credits.push(o.cents);
      parts = { ...parts, creditedCents: parts.creditedCents + o.cents };
    } else if (o.kind === 'remove') {
      const p = payments.filter((x) => !x.removed)[o.index % Math.max(1, payments.length)];
      if (!p || p.removed) continue;
      p.removed = true;
      parts = { ...parts, paidCents: parts.paidCents - p.cents, refundedCents: parts.refundedCents - p.refunded };
    } else {
      const kept = payments.filter((x) => !x.removed);
      const p = kept[o.index % Math.max(1, kept.length)];
      if (!p || o.cents > p.cents - p.refunded) continue; // refused: more than is left on the payment
      p.refunded += o.cents;
      const credit = Math.min(o.cents, maxCreditCents(parts));
      if (credit > 0) credits.push(credit);
      parts = { ...parts, refundedCents: parts.refundedCents + o.cents, creditedCents: parts.creditedCents + credit };
    }
  }
  return { parts, payments, credits };
}

describe('invoice balance', () => {
  it('balance = gross − deposits deducted − credit notes − payments kept, whatever happened in between', () => {
    fc.assert(
      fc.property(invoice, fc.array(op, { maxLength: 30 }), (start, ops) => {
        const { parts, payments, credits } = run(start, ops);
        const paid = payments.filter((p) => !p.removed).reduce((s, p) => s + p.cents, 0);
        const refunded = payments.filter((p) => !p.removed).reduce((s, p) => s + p.refunded, 0);
        const credited = credits.reduce((s, c) => s + c, 0);
        expect(parts.paidCents).toBe(paid);
        expect(parts.refundedCents).toBe(refunded);
        expect(balanceCents(parts)).toBe(start.grossCents - start.depositsDeductedCents - credited - (paid - refunded));
        // What went back is never more than what came in (the database checks it too).
        expect(refunded).toBeGreaterThanOrEqual(0);
        expect(refunded).toBeLessThanOrEqual(paid);
        // Deductions never exceed the invoice (the database checks it too), nothing is negative.
        expect(start.depositsDeductedCents + credited).toBeLessThanOrEqual(start.grossCents);
        expect(dueCents(parts)).toBeGreaterThanOrEqual(0);
        expect(paid).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('the status follows from the balance', () => {
    fc.assert(
      fc.property(invoice, fc.array(op, { maxLength: 30 }), (start, ops) => {
        const { parts } = run(start, ops);
        const status = paymentStatus(parts);
        const balance = balanceCents(parts);
        if (status === 'cancelled') expect(parts.creditedCents > 0 && dueCents(parts) === 0).toBe(true);
        if (status === 'paid') expect(balance).toBeLessThanOrEqual(0);
        if (status === 'partially_paid') expect(balance > 0 && keptCents(parts) > 0).toBe(true);
        if (status === 'issued') expect(balance > 0 && keptCents(parts) === 0).toBe(true);
        // Only a credit note issued after a payment can make the balance negative (money owed back).
        if (balance < 0) expect(parts.creditedCents).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });

  it('a card refund credited in full leaves the balance where it was: the money that went back is not owed back', () => {
    fc.assert(
      fc.property(invoice, fc.array(op, { maxLength: 30 }), fc.nat(20), fc.integer({ min: 1, max: 200_000 }), (start, ops, index, cents) => {
        const before = run(start, ops);
        const after = run(start, [...ops, { kind: 'refund', index, cents }]);
        const refunded = after.parts.refundedCents - before.parts.refundedCents;
        const credited = after.parts.creditedCents - before.parts.creditedCents;
        // The balance moves only by what could not be credited (the invoice had less left to credit than the refund).
        expect(balanceCents(after.parts) - balanceCents(before.parts)).toBe(refunded - credited);
        if (credited === refunded) expect(balanceCents(after.parts)).toBe(balanceCents(before.parts));
        // Paid in full then refunded in full: nothing owed either way.
        const whole = run(start, [
          { kind: 'pay', cents: dueCents({ ...start, creditedCents: 0 }) },
          { kind: 'refund', index: 0, cents: dueCents({ ...start, creditedCents: 0 }) },
        ]);
        if (dueCents({ ...start, creditedCents: 0 }) > 0) {
          expect(balanceCents(whole.parts)).toBe(0);
          expect(paymentStatus(whole.parts)).toBe('cancelled');
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('the same payments and credit notes in any order give the same balance', () => {
    fc.assert(
      fc.property(
        invoice,
        fc.array(fc.integer({ min: 1, max: 10_000 }), { maxLength: 10 }),
        fc.array(fc.integer({ min: 1, max: 10_000 }), { maxLength: 10 }),
        (start, pays, credits) => {
          const parts = { ...start, paidCents: pays.reduce((a, b) => a + b, 0), creditedCents: credits.reduce((a, b) => a + b, 0), refundedCents: 0 };
          const reversed = {
            ...start,
            refundedCents: 0,
            paidCents: [...pays].reverse().reduce((a, b) => a + b, 0),
            creditedCents: [...credits].reverse().reduce((a, b) => a + b, 0),
          };
          expect(balanceCents(parts)).toBe(balanceCents(reversed));
        },
      ),
    );
  });

  it('a final invoice fully covered by its deposits is paid; a fully credited one is cancelled', () => {
    expect(paymentStatus({ grossCents: 1000, depositsDeductedCents: 1000, creditedCents: 0, paidCents: 0, refundedCents: 0 })).toBe('paid');
    expect(paymentStatus({ grossCents: 1000, depositsDeductedCents: 0, creditedCents: 1000, paidCents: 1000, refundedCents: 0 })).toBe('cancelled');
    expect(paymentStatus({ grossCents: 1000, depositsDeductedCents: 400, creditedCents: 600, paidCents: 0, refundedCents: 0 })).toBe('cancelled');
  });

  it('overdue only while money is awaited past the due date', () => {
    expect(isOverdue('issued', '2026-03-01', '2026-03-02')).toBe(true);
    expect(isOverdue('partially_paid', '2026-03-01', '2026-03-02')).toBe(true);
    expect(isOverdue('issued', '2026-03-02', '2026-03-02')).toBe(false);
    expect(isOverdue('paid', '2026-03-01', '2026-03-02')).toBe(false);
    expect(isOverdue('cancelled', '2026-03-01', '2026-03-02')).toBe(false);
  });
});
