/**
 * The adapter's Stripe Billing half (issue 12.3): the platform's own subscriptions to our plans, on the platform
 * account (no `stripeAccount`). Plain shapes out: the plan and interval come from the price's lookup key, never
 * from a price id. A downgrade waits for the period end in a subscription schedule (ADR 0024).
 */
import type Stripe from 'stripe';
import { planFromLookupKey, type BillingInterval, type Plan } from '@rsm/shared/plans';
import type { Config } from '../../../config/env.ts';
import { AppError } from '../../../platform/errors.ts';
import { call, sdkClient } from './stripe-adapter.ts';

export interface SubscriptionView {
  id: string;
  customerId: string;
  /** Stripe's status: active, trialing, past_due, unpaid, canceled, incomplete, incomplete_expired, paused. */
  status: string;
  plan: Plan;
  interval: BillingInterval;
  itemId: string;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  /** The plan a schedule switches to at the period end (a downgrade), with its schedule. */
  scheduled: { plan: Plan; interval: BillingInterval; scheduleId: string } | null;
  studioId: string | null;
  latestInvoiceId: string | null;
  /** Payment attempts of the latest invoice (read only while the subscription is past due: Stripe's retries). */
  latestInvoiceAttempts: number;
}

export interface BillingGateway {
  priceId(lookupKey: string): Promise<string>;
  createCustomer(studio: { id: string; name: string; email: string }): Promise<string>;
  subscriptionCheckout(input: {
    customerId: string;
    priceId: string;
    studioId: string;
    locale: 'en' | 'fr';
    successUrl: string;
    cancelUrl: string;
  }): Promise<{ id: string; url: string }>;
  /** A completed subscription-mode Checkout Session: its subscription and the studio it was opened for. */
  checkoutSubscription(sessionId: string): Promise<{ subscriptionId: string | null; studioId: string | null; mode: string }>;
  subscription(id: string): Promise<SubscriptionView>;
  /** The subscription an invoice bills, or null (a one-off invoice). */
  invoiceSubscription(invoiceId: string): Promise<string | null>;
  /** Switches the price at once, invoicing the proration now. */
  changePriceNow(sub: SubscriptionView, priceId: string): Promise<void>;
  /** Switches the price at the period end (a schedule of two phases). */
  changePriceAtPeriodEnd(sub: SubscriptionView, priceId: string): Promise<void>;
  releaseSchedule(scheduleId: string): Promise<void>;
  setCancelAtPeriodEnd(subscriptionId: string, cancel: boolean): Promise<void>;
  portalUrl(customerId: string, returnUrl: string, locale: 'en' | 'fr'): Promise<string>;
  nextInvoice(customerId: string, subscriptionId: string): Promise<{ amountCents: number; currency: string; at: Date } | null>;
}

const idOf = (value: string | { id: string } | null | undefined): string | null => (value == null ? null : typeof value === 'string' ? value : value.id);

function planOfPrice(price: Stripe.Price | string | null | undefined): { plan: Plan; interval: BillingInterval } {
  const key = price && typeof price !== 'string' ? price.lookup_key : null;
  const named = key ? planFromLookupKey(key) : null;
  if (!named) throw new AppError('BAD_REQUEST', `A Stripe price without one of our lookup keys (${key ?? 'none'})`);
  return named;
}

function createBillingGateway(config: Config, secretKey: string): BillingGateway {
  const stripe = () => sdkClient(config, secretKey);
  const view = async (sub: Stripe.Subscription): Promise<SubscriptionView> => {
    const item = sub.items.data[0];
    if (!item) throw new AppError('BAD_REQUEST', `Stripe subscription ${sub.id} has no item`);
    const latestInvoiceId = idOf(sub.latest_invoice);
    const pastDue = sub.status === 'past_due' || sub.status === 'unpaid';
    let scheduled: SubscriptionView['scheduled'] = null;
    const scheduleId = idOf(sub.schedule);
    if (scheduleId) {
      const schedule = await (await stripe()).subscriptionSchedules.retrieve(scheduleId, { expand: ['phases.items.price'] });
      const next = schedule.status === 'active' ? schedule.phases.at(-1) : undefined;
      const nextPrice = next?.items[0]?.price;
      if (next && schedule.phases.length > 1 && nextPrice && typeof nextPrice !== 'string' && !('deleted' in nextPrice))
        scheduled = { ...planOfPrice(nextPrice), scheduleId };
    }
    return {
      id: sub.id,
      customerId: idOf(sub.customer) ?? '',
      status: sub.status,
      ...planOfPrice(item.price),
      itemId: item.id,
      currentPeriodEnd: item.current_period_end ? new Date(item.current_period_end * 1000) : null,
      cancelAtPeriodEnd: sub.cancel_at_period_end,
      scheduled,
      studioId: sub.metadata?.studio_id ?? null,
      latestInvoiceId,
      latestInvoiceAttempts: pastDue && latestInvoiceId ? ((await (await stripe()).invoices.retrieve(latestInvoiceId)).attempt_count ?? 1) : 0,
    };
  };
  return {
    priceId: (lookupKey) =>
      call(async () => {
        const prices = await (await stripe()).prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
        const price = prices.data[0];
        if (!price) throw new AppError('NOT_CONFIGURED', `No Stripe price has the lookup key ${lookupKey}: create the plans' prices in Stripe first.`);
        return price.id;
      }),
    createCustomer: (studio) =>
      call(async () => {
        const customer = await (
          await stripe()
        ).customers.create({ name: studio.name, email: studio.email, metadata: { studio_id: studio.id } }, { idempotencyKey: `rsm-customer-${studio.id}` });
        return customer.id;
      }),
    subscriptionCheckout: (input) =>
      call(async () => {
        const session = await (
          await stripe()
        ).checkout.sessions.create({
          mode: 'subscription',
          customer: input.customerId,
          line_items: [{ price: input.priceId, quantity: 1 }],
          client_reference_id: input.studioId,
          metadata: { studio_id: input.studioId },
          subscription_data: { metadata: { studio_id: input.studioId } },
          locale: input.locale,
          success_url: input.successUrl,
          cancel_url: input.cancelUrl,
        });
        if (!session.url) throw new AppError('PAYMENT_PROVIDER', 'Stripe returned a Checkout Session without a page');
        return { id: session.id, url: session.url };
      }),
    checkoutSubscription: (sessionId) =>
      call(async () => {
        const session = await (await stripe()).checkout.sessions.retrieve(sessionId);
        return { subscriptionId: idOf(session.subscription), studioId: session.metadata?.studio_id ?? session.client_reference_id ?? null, mode: session.mode };
      }),
    subscription: (id) => call(async () => view(await (await stripe()).subscriptions.retrieve(id, { expand: ['items.data.price'] }))),
    invoiceSubscription: (invoiceId) =>
      call(async () => {
        const invoice = await (await stripe()).invoices.retrieve(invoiceId);
        return idOf(invoice.parent?.subscription_details?.subscription);
      }),
    changePriceNow: (sub, priceId) =>
      call(async () => {
        const client = await stripe();
        if (sub.scheduled) await client.subscriptionSchedules.release(sub.scheduled.scheduleId);
        await client.subscriptions.update(sub.id, { items: [{ id: sub.itemId, price: priceId }], proration_behavior: 'always_invoice' });
      }),
    changePriceAtPeriodEnd: (sub, priceId) =>
      call(async () => {
        const client = await stripe();
        const scheduleId = sub.scheduled?.scheduleId ?? (await client.subscriptionSchedules.create({ from_subscription: sub.id })).id;
        const schedule = await client.subscriptionSchedules.retrieve(scheduleId);
        const current = schedule.phases[0];
        if (!current) throw new AppError('PAYMENT_PROVIDER', 'Stripe returned a subscription schedule without phases');
        await client.subscriptionSchedules.update(scheduleId, {
          end_behavior: 'release',
          phases: [
            {
              items: current.items.map((i) => ({ price: idOf(i.price)!, quantity: i.quantity ?? 1 })),
              start_date: current.start_date,
              end_date: current.end_date,
            },
            { items: [{ price: priceId, quantity: 1 }], duration: { interval: 'month', interval_count: 1 } },
          ],
        });
      }),
    releaseSchedule: (scheduleId) =>
      call(async () => {
        await (await stripe()).subscriptionSchedules.release(scheduleId);
      }),
    setCancelAtPeriodEnd: (subscriptionId, cancel) =>
      call(async () => {
        await (await stripe()).subscriptions.update(subscriptionId, { cancel_at_period_end: cancel });
      }),
    portalUrl: (customerId, returnUrl, locale) =>
      call(async () => (await (await stripe()).billingPortal.sessions.create({ customer: customerId, return_url: returnUrl, locale })).url),
    nextInvoice: (customerId, subscriptionId) =>
      call(async () => {
        const invoice = await (await stripe()).invoices.createPreview({ customer: customerId, subscription: subscriptionId });
        const at = invoice.next_payment_attempt ?? invoice.period_end;
        return { amountCents: invoice.amount_due, currency: invoice.currency.toUpperCase(), at: new Date(at * 1000) };
      }),
  };
}

const gateways = new WeakMap<Config, BillingGateway>();

/** The billing gateway, or a clear NOT_CONFIGURED: without a key, plans are set by the operator only. */
export function requireBilling(config: Config): BillingGateway {
  if (!config.STRIPE_SECRET_KEY) throw new AppError('NOT_CONFIGURED', 'Online subscription is not set up on this server: plans are set by the operator.');
  let gateway = gateways.get(config);
  if (!gateway) gateways.set(config, (gateway = createBillingGateway(config, config.STRIPE_SECRET_KEY)));
  return gateway;
}

export const billingAvailable = (config: Config): boolean => !!config.STRIPE_SECRET_KEY;
