/**
 * Refunding an online payment from the app (`money:manage`): whole or in part, through Stripe (a direct charge
 * is refunded from the studio's balance; the platform fee goes back with it). The credit note for the refunded
 * amount is made at once through the same path as the `charge.refunded` webhook (recordOnlineRefund), which
 * credits by refunded total: whichever of the two comes first makes it, the other finds it made.
 */
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { Platform } from '../../../platform/platform.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import type { Actor, StudioContext } from '../../studios/studio-context.ts';
import { paymentTargetOf } from './checkout-terms.ts';
import { chargeableAccount } from './checkout.service.ts';
import { recordOnlineRefund } from './money-payment-recorder.ts';
import { requireStripe } from './stripe-adapter.ts';

export interface RefundResult {
  refundedCents: number;
  refundedTotalCents: number;
  leftCents: number;
}

export async function refundOnlinePayment(
  platform: Platform,
  studio: StudioContext,
  db: TenantDb,
  actor: Actor,
  input: { paymentId: string; amountCents?: number | undefined },
): Promise<RefundResult> {
  const [payment] = await db.select().from(tenant.payments).where(eq(tenant.payments.id, input.paymentId));
  if (!payment) throw notFound('payment');
  if (payment.method !== 'online' || !payment.providerPaymentId) {
    throw new AppError('BAD_REQUEST', 'Only a payment made online is refunded from here: give back a payment by hand yourself and record a credit note');
  }
  if (payment.removedAt) throw new AppError('CONFLICT', 'This payment was removed');
  const accountId = await chargeableAccount(platform, studio.id);
  const stripe = requireStripe(platform.config);
  const intent = await stripe.paymentIntent(accountId, payment.providerPaymentId);
  const charge = intent.latestChargeId ? await stripe.charge(accountId, intent.latestChargeId) : null;
  if (!charge) throw new AppError('CONFLICT', 'Stripe has no charge for this payment: nothing to refund');
  const left = charge.amountCents - charge.amountRefundedCents;
  const amount = input.amountCents ?? left;
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new AppError('BAD_REQUEST', 'A refund is a positive amount');
  if (amount > left) throw new AppError('BAD_REQUEST', `This is more than what is left to refund on this payment (${left} cents)`, { leftCents: left });
  await stripe.refund(accountId, {
    paymentIntentId: intent.id,
    amountCents: amount,
    idempotencyKey: `rsm-refund-${payment.id}-${charge.amountRefundedCents}-${amount}`,
  });
  const refundedTotal = charge.amountRefundedCents + amount;
  await recordAudit(db, actor, 'payment.refunded', 'payment', payment.id, {
    amountCents: amount,
    refundedTotalCents: refundedTotal,
    paymentIntentId: intent.id,
  });
  const target = paymentTargetOf(intent.metadata);
  await recordOnlineRefund(
    platform,
    { id: studio.id, stripeAccountId: accountId },
    {
      kind: target?.kind ?? null,
      targetId: target?.targetId ?? null,
      paymentIntentId: intent.id,
      chargeId: charge.id,
      amountRefundedCents: refundedTotal,
      currency: charge.currency,
      eventId: `app-refund:${payment.id}:${refundedTotal}`,
    },
  );
  return { refundedCents: amount, refundedTotalCents: refundedTotal, leftCents: charge.amountCents - refundedTotal };
}
