/**
 * Stripe Billing's events on the platform account (no `event.account`): a subscription bought through Checkout,
 * created, updated or deleted, an invoice paid or failed. Each names a subscription; the subscription is read
 * again from Stripe and its current state applied (subscription-sync.ts), in the transaction that marks the event
 * applied — so each event applies once, and any order of delivery ends in the same state.
 */
import { AppError } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { StripeEvent } from '../../money/payments/stripe-adapter.ts';
import type { StripeEventStore } from '../../money/payments/stripe-event-store.ts';
import { requireBilling, type BillingGateway } from '../../money/payments/stripe-billing-adapter.ts';
import { applySubscription, sendGraceNotice, studioOfSubscription, type GraceNotice } from './subscription-sync.ts';

export const BILLING_EVENTS = new Set([
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
]);

const objectOf = (event: StripeEvent) => event.data.object as { id?: unknown; mode?: unknown };

/** The subscription the event is about, or null when it is not ours to apply (a one-off payment, an invoice without one). */
async function subscriptionOf(stripe: BillingGateway, event: StripeEvent): Promise<string | null> {
  const id = objectOf(event).id;
  if (typeof id !== 'string') throw new AppError('BAD_REQUEST', `Stripe event ${event.id} has no object id`);
  if (event.type === 'checkout.session.completed') {
    if (objectOf(event).mode !== 'subscription') return null;
    return (await stripe.checkoutSubscription(id)).subscriptionId;
  }
  if (event.type.startsWith('invoice.')) return stripe.invoiceSubscription(id);
  return id;
}

export async function handleBillingEvent(platform: Platform, store: StripeEventStore, event: StripeEvent): Promise<'applied' | 'duplicate' | 'ignored'> {
  const log = platform.logger.child({ stripeEvent: event.id, type: event.type });
  if (await store.wasApplied(event.id)) return 'duplicate';
  const stripe = requireBilling(platform.config);
  const subscriptionId = await subscriptionOf(stripe, event);
  if (!subscriptionId) return 'ignored';
  const readAt = new Date();
  const sub = await stripe.subscription(subscriptionId);
  let notice: GraceNotice | null = null;
  let studioId: string | null = null;
  const applied = await store.applyOnce({ id: event.id, type: event.type, studioId: null }, async ({ tx }) => {
    studioId = await studioOfSubscription(tx, sub);
    if (!studioId) {
      log.warn({ subscription: sub.id }, 'Stripe subscription of no studio: acknowledged, not applied');
      return;
    }
    notice = await applySubscription(platform, tx, studioId, sub, readAt);
  });
  if (notice) await sendGraceNotice(platform, notice);
  if (studioId) await platform.live.publish({ studioId, area: 'studio', tab: null });
  return applied ? 'applied' : 'duplicate';
}
