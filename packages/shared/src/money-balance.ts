/**
 * What is still due on an issued invoice, and the status that follows from it. One definition, used by the
 * server when it records a payment or a credit note and by the screens that show a balance:
 *
 *   due     = gross − deposits deducted (final invoice) − credit notes issued on it
 *   kept    = payments received − what was refunded of them (removed payments do not count)
 *   balance = due − kept
 *
 * A card refund gives money back: it credits the invoice (its credit note) and is no longer paid, so an invoice
 * paid and then refunded whole owes nothing either way.
 *
 * A credit note on an invoice already paid can make the balance negative: the studio owes that much back.
 * An invoice whose whole due amount was credited is cancelled (and counts as not paid, whatever was paid).
 */
export interface BalanceParts {
  grossCents: number;
  depositsDeductedCents: number;
  creditedCents: number;
  paidCents: number;
  /** Of `paidCents`, what went back to the client. */
  refundedCents: number;
}

type DueParts = Omit<BalanceParts, 'paidCents' | 'refundedCents'>;

/** The money received on the invoice that the client did not get back. */
export function keptCents(p: Pick<BalanceParts, 'paidCents' | 'refundedCents'>): number {
  return p.paidCents - p.refundedCents;
}

export type PaymentStatus = 'issued' | 'partially_paid' | 'paid' | 'cancelled';

export function dueCents(p: DueParts): number {
  return p.grossCents - p.depositsDeductedCents - p.creditedCents;
}

export function balanceCents(p: BalanceParts): number {
  return dueCents(p) - keptCents(p);
}

export function paymentStatus(p: BalanceParts): PaymentStatus {
  if (p.creditedCents > 0 && dueCents(p) <= 0) return 'cancelled';
  if (balanceCents(p) <= 0) return 'paid';
  return keptCents(p) > 0 ? 'partially_paid' : 'issued';
}

/** The largest payment that can still be taken: over-payment is refused, so a payment never exceeds this. */
export function maxPaymentCents(p: BalanceParts): number {
  return Math.max(0, balanceCents(p));
}

/** The largest credit note an invoice can still take: never more than what it asks for after deposits and credits. */
export function maxCreditCents(p: DueParts): number {
  return Math.max(0, dueCents(p));
}

/** "Overdue" is not stored: an invoice still awaiting money past its due date (`today` in the studio's zone). */
export function isOverdue(status: string, dueDate: string | null, today: string): boolean {
  return (status === 'issued' || status === 'partially_paid') && dueDate !== null && dueDate < today;
}
