/**
 * What a verified Stripe event does. Payloads are not trusted for state: every object is read again from Stripe
 * on the connected account named by `event.account`, so a late or replayed event applies today's truth, never
 * yesterday's. Each event is applied once (stripe-event-store.ts); each payment and each refunded total reaches
 * the money domain once (effect keys), whichever of the events reporting it comes first.
 */
import type { Platform } from '../../../platform/platform.ts';
import { AppError } from '../../../platform/errors.ts';
import { requireStripe, type StripeEvent, type StripeGateway } from './stripe-adapter.ts';
import { accountByStripeId, storeStatus, type ConnectedAccount } from './connected-accounts.ts';
import { paymentRecorder, type PaymentRecorder, type StudioRef } from './payment-hooks.ts';
import { paymentTargetOf } from './checkout-terms.ts';
import type { StripeEventStore } from './stripe-event-store.ts';
import { BILLING_EVENTS, handleBillingEvent } from '../../plans/billing/billing-webhook.ts';

export type WebhookOutcome = 'applied' | 'duplicate' | 'ignored' | 'unknown_account';

const PAYMENT_EVENTS = new Set(['checkout.session.completed', 'checkout.session.async_payment_succeeded', 'payment_intent.succeeded', 'charge.refunded']);

interface Handling {
  platform: Platform;
  stripe: StripeGateway;
  store: StripeEventStore;
  event: StripeEvent;
  account: ConnectedAccount;
  studio: StudioRef;
}

export async function handleStripeEvent(platform: Platform, store: StripeEventStore, event: StripeEvent): Promise<WebhookOutcome> {
  const log = platform.logger.child({ stripeEvent: event.id, type: event.type });
  const stripe = requireStripe(platform.config);
  // The platform account's own events are our plans' subscriptions (Stripe Billing).
  if (!event.account && BILLING_EVENTS.has(event.type)) return handleBillingEvent(platform, store, event);
  if (event.type !== 'account.updated' && !PAYMENT_EVENTS.has(event.type)) return 'ignored';
  if (!event.account) {
    log.info('Stripe event of the platform account itself: nothing to apply');
    return 'ignored';
  }
  const account = await accountByStripeId(platform.controlDb, event.account);
  if (!account) {
    // Acknowledged: retrying will not make the account known (deleted studio, another environment's account).
    log.warn({ stripeAccount: event.account }, 'Stripe event for an account no studio is connected to: acknowledged, not applied');
    return 'unknown_account';
  }
  if (await store.wasApplied(event.id)) return 'duplicate';
  const h: Handling = { platform, stripe, store, event, account, studio: { id: account.studioId, stripeAccountId: account.stripeAccountId } };
  const applied = event.type === 'account.updated' ? await applyAccountUpdate(h) : await applyPaymentEvent(h, log);
  // The studio's open pages show the payment (or the account's new state) at once.
  if (applied) await platform.live.publish({ studioId: account.studioId, area: event.type === 'account.updated' ? 'payments' : 'money', tab: null });
  return applied ? 'applied' : 'duplicate';
}

async function applyAccountUpdate(h: Handling): Promise<boolean> {
  const readAt = new Date();
  const status = await h.stripe.accountStatus(h.account.stripeAccountId);
  return h.store.applyOnce({ id: h.event.id, type: h.event.type, studioId: h.studio.id }, async ({ tx }) => {
    await storeStatus(tx, status, readAt);
  });
}

const objectId = (event: StripeEvent): string => {
  const id = (event.data.object as { id?: unknown }).id;
  if (typeof id !== 'string') throw new AppError('BAD_REQUEST', `Stripe event ${event.id} has no object id`);
  return id;
};

type Effect = { key: string; run: (recorder: PaymentRecorder) => Promise<void> } | null;

/** What a payment event means, from the objects read again from Stripe; null when it records nothing. */
async function paymentEffect(h: Handling, log: Platform['logger']): Promise<Effect> {
  const { stripe, event, studio } = h;
  const accountId = studio.stripeAccountId;
  const targetFor = (metadata: Record<string, string>) => {
    const target = paymentTargetOf(metadata);
    if (target && target.studioId !== studio.id) {
      log.warn({ studioId: studio.id, namedStudio: target.studioId }, 'Stripe object names another studio than its account’s: not applied');
      return null;
    }
    return target;
  };
  if (event.type === 'charge.refunded') {
    const charge = await stripe.charge(accountId, objectId(event));
    if (!charge.paymentIntentId || charge.amountRefundedCents <= 0) return null;
    const intent = await stripe.paymentIntent(accountId, charge.paymentIntentId);
    const target = targetFor(intent.metadata);
    const refund = {
      kind: target?.kind ?? null,
      targetId: target?.targetId ?? null,
      paymentIntentId: intent.id,
      chargeId: charge.id,
      amountRefundedCents: charge.amountRefundedCents,
      currency: charge.currency,
      eventId: event.id,
    };
    return { key: `refund:${charge.id}:${charge.amountRefundedCents}`, run: (r) => r.onPaymentRefunded(studio, refund) };
  }
  let paid: { intentId: string; sessionId: string | null; metadata: Record<string, string> } | null = null;
  if (event.type === 'payment_intent.succeeded') {
    const intent = await stripe.paymentIntent(accountId, objectId(event));
    if (intent.status === 'succeeded') paid = { intentId: intent.id, sessionId: null, metadata: intent.metadata };
  } else {
    const session = await stripe.checkoutSession(accountId, objectId(event));
    // An asynchronous method (SEPA debit…) completes the session unpaid; its async_payment_succeeded event pays it.
    if (session.paymentStatus === 'paid' && session.paymentIntentId)
      paid = { intentId: session.paymentIntentId, sessionId: session.id, metadata: session.metadata };
  }
  if (!paid) return null;
  const target = targetFor(paid.metadata);
  if (!target) return null;
  // The amount is what Stripe received on the payment intent, whichever event told us.
  const intent = await stripe.paymentIntent(accountId, paid.intentId);
  const payment = {
    kind: target.kind,
    targetId: target.targetId,
    amountCents: intent.amountReceivedCents,
    currency: intent.currency.toUpperCase(),
    paymentIntentId: intent.id,
    checkoutSessionId: paid.sessionId,
    applicationFeeCents: intent.applicationFeeCents,
    eventId: event.id,
  };
  return { key: `payment:${intent.id}`, run: (r) => r.onPaymentSucceeded(studio, payment) };
}

async function applyPaymentEvent(h: Handling, log: Platform['logger']): Promise<boolean> {
  const effect = await paymentEffect(h, log);
  const recorder = paymentRecorder(h.platform);
  if (effect && !recorder) {
    // Not acknowledged: Stripe keeps retrying until the money domain can record it, so no payment is lost.
    throw new AppError('NOT_CONFIGURED', 'No payment recorder is registered: the payment cannot be recorded yet');
  }
  return h.store.applyOnce({ id: h.event.id, type: h.event.type, studioId: h.studio.id }, async ({ claimEffect }) => {
    if (effect && recorder && (await claimEffect(effect.key))) await effect.run(recorder);
  });
}
