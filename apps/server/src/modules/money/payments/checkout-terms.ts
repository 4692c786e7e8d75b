/**
 * The terms of a Checkout Session that do not depend on the SDK: the platform fee and the metadata naming the
 * studio and what is paid, checked before anything is sent to Stripe.
 */
import { AppError } from '../../../platform/errors.ts';
import { PAYMENT_KINDS, type CheckoutLineItem, type CheckoutRequest, type PaymentKind } from './payment-types.ts';

/** Metadata keys, read back by the webhook to know which studio and which document a payment is for. */
export const META = { studio: 'rsm_studio_id', kind: 'rsm_kind', target: 'rsm_target_id' } as const;

export function totalCents(items: readonly CheckoutLineItem[]): number {
  return items.reduce((sum, item) => sum + item.unitAmountCents * item.quantity, 0);
}

/** The platform fee in cents, rounded down: a fee is never more than the configured share. */
export function applicationFee(items: readonly CheckoutLineItem[], feeBps: number): number {
  return Math.floor((totalCents(items) * feeBps) / 10_000);
}

export function checkoutMetadata(request: CheckoutRequest): Record<string, string> {
  if (!/^[A-Z]{3}$/i.test(request.currency)) throw new AppError('BAD_REQUEST', `Not a currency code: ${request.currency}`);
  if (request.lineItems.length === 0) throw new AppError('BAD_REQUEST', 'A payment needs at least one line');
  for (const item of request.lineItems) {
    if (!Number.isSafeInteger(item.unitAmountCents) || item.unitAmountCents < 0)
      throw new AppError('BAD_REQUEST', `Line "${item.name}": the amount must be whole cents, not negative`);
    if (!Number.isSafeInteger(item.quantity) || item.quantity < 1)
      throw new AppError('BAD_REQUEST', `Line "${item.name}": the quantity must be a whole number of at least 1`);
  }
  if (totalCents(request.lineItems) <= 0) throw new AppError('BAD_REQUEST', 'A payment must be for more than zero');
  return { [META.studio]: request.studioId, [META.kind]: request.kind, [META.target]: request.targetId };
}

/** What a payment is for, from Stripe metadata; null when the object was not made by this product. */
export function paymentTargetOf(metadata: Record<string, string>): { studioId: string; kind: PaymentKind; targetId: string } | null {
  const kind = metadata[META.kind];
  const studioId = metadata[META.studio];
  const targetId = metadata[META.target];
  if (!studioId || !targetId || !PAYMENT_KINDS.includes(kind as PaymentKind)) return null;
  return { studioId, kind: kind as PaymentKind, targetId };
}
