/**
 * Subscribing to a plan through Stripe Billing (issue 12.3), for the studio's owners: Checkout to subscribe, a plan
 * change (an upgrade at once with proration, a downgrade at the period end — refused while the studio uses more
 * than the smaller plan gives), cancel at the period end and resume, the Customer Portal for the card and our
 * invoices. After each change the subscription is read back and applied at once, as its webhook would
 * (subscription-sync.ts), so the page shows the new state without waiting for Stripe's event.
 */
import { eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import { PLAN_TABLE, type BillingInterval, type Plan } from '@rsm/shared/plans';
import type { BillingOverview } from '@rsm/shared/billing-schemas';
import { AppError } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { Actor, StudioContext } from '../../studios/studio-context.ts';
import { billingAvailable, requireBilling, type BillingGateway, type SubscriptionView } from '../../money/payments/stripe-billing-adapter.ts';
import { uploadGateway } from '../../audio/audio.routes.ts';
import { sessionUsage } from '../../booking/plan-limits.ts';
import { seatsUsed } from '../seats.service.ts';
import { monthlyRecurringCents } from '../subscription-history.ts';
import { planName } from '../plan-names.ts';
import { standingOf } from '../standing-guard.ts';
import { applySubscription, sendGraceNotice } from './subscription-sync.ts';

type StudioRow = typeof control.studios.$inferSelect;

async function studioRow(platform: Platform, studioId: string): Promise<StudioRow> {
  const [row] = await platform.controlDb.select().from(control.studios).where(eq(control.studios.id, studioId));
  if (!row) throw new AppError('NOT_FOUND', 'Studio not found', { what: 'studio' });
  return row;
}

const planUrl = (platform: Platform, studio: StudioContext, query = '') => `${platform.config.APP_URL}/s/${studio.slug}/settings/plan${query}`;

/** A subscription that still bills (not ended): what a change, a cancel or the portal act on. */
const isLive = (row: StudioRow) => !!row.stripeSubscriptionId && (row.billingStatus === 'active' || row.billingStatus === 'past_due');

const msg = (studio: StudioContext, en: string, fr: string) => (studio.locale === 'fr' ? fr : en);

/** Reads the subscription back from Stripe and applies it now (the webhook will find it applied). */
export async function syncSubscription(platform: Platform, stripe: BillingGateway, studioId: string, subscriptionId: string): Promise<SubscriptionView> {
  const readAt = new Date();
  const sub = await stripe.subscription(subscriptionId);
  const notice = await platform.controlDb.transaction((tx) => applySubscription(platform, tx, studioId, sub, readAt));
  if (notice) await sendGraceNotice(platform, notice);
  await platform.live.publish({ studioId, area: 'studio', tab: null });
  return sub;
}

export async function billingOverview(platform: Platform, studio: StudioContext): Promise<BillingOverview> {
  const row = await studioRow(platform, studio.id);
  const base = {
    billingAvailable: billingAvailable(platform.config),
    standing: standingOf(studio, platform.clock.now()),
    plan: row.plan,
    billingStatus: row.billingStatus,
    interval: row.billingInterval,
    subscribed: isLive(row),
    currentPeriodEnd: row.currentPeriodEnd?.toISOString() ?? null,
    cancelAtPeriodEnd: row.cancelAtPeriodEnd,
    scheduledPlan: row.scheduledPlan,
    trialEndsAt: row.trialEndsAt?.toISOString() ?? null,
    graceEndsAt: row.graceEndsAt?.toISOString() ?? null,
    nextInvoice: null,
  };
  if (!base.billingAvailable || !isLive(row) || row.cancelAtPeriodEnd || !row.stripeCustomerId) return base;
  try {
    const next = await requireBilling(platform.config).nextInvoice(row.stripeCustomerId, row.stripeSubscriptionId!);
    return { ...base, nextInvoice: next && { amountCents: next.amountCents, currency: next.currency, at: next.at.toISOString() } };
  } catch (error) {
    // The page still shows the plan and its actions when Stripe cannot preview the invoice right now.
    platform.logger.warn({ studioId: studio.id, err: error }, 'Stripe invoice preview failed: the next invoice is left out');
    return base;
  }
}

/** The studio's Stripe customer, created once (the idempotency key makes two clicks one customer). */
async function customerOf(platform: Platform, stripe: BillingGateway, studio: StudioContext, actor: Actor): Promise<string> {
  const row = await studioRow(platform, studio.id);
  if (row.stripeCustomerId) return row.stripeCustomerId;
  const customerId = await stripe.createCustomer({ id: studio.id, name: studio.name, email: actor.email });
  await platform.controlDb.update(control.studios).set({ stripeCustomerId: customerId }).where(eq(control.studios.id, studio.id));
  return customerId;
}

export async function startCheckout(
  platform: Platform,
  studio: StudioContext,
  actor: Actor,
  choice: { plan: Plan; interval: BillingInterval },
): Promise<{ url: string }> {
  const stripe = requireBilling(platform.config);
  const row = await studioRow(platform, studio.id);
  if (isLive(row))
    throw new AppError(
      'CONFLICT',
      msg(studio, 'This studio already has a subscription: change its plan instead.', 'Ce studio a déjà un abonnement : changez plutôt de formule.'),
    );
  const priceId = await stripe.priceId(PLAN_TABLE[choice.plan].stripeLookupKeys[choice.interval]);
  const customerId = await customerOf(platform, stripe, studio, actor);
  const session = await stripe.subscriptionCheckout({
    customerId,
    priceId,
    studioId: studio.id,
    locale: studio.locale,
    successUrl: planUrl(platform, studio, '?checkout={CHECKOUT_SESSION_ID}'),
    cancelUrl: planUrl(platform, studio, '?checkout=canceled'),
  });
  return { url: session.url };
}

/**
 * Back from Checkout: the session's subscription is read and applied now, so the plan is active (and read-only
 * lifted) on the page the owner lands on, whether or not Stripe's webhook came first. Only the studio's own session.
 */
export async function confirmCheckout(platform: Platform, studio: StudioContext, sessionId: string): Promise<{ subscribed: boolean }> {
  const stripe = requireBilling(platform.config);
  const session = await stripe.checkoutSubscription(sessionId);
  if (session.studioId !== studio.id || session.mode !== 'subscription')
    throw new AppError('NOT_FOUND', 'Checkout session not found', { what: 'checkout session' });
  if (!session.subscriptionId) return { subscribed: false };
  await syncSubscription(platform, stripe, studio.id, session.subscriptionId);
  return { subscribed: true };
}

/** The usage that does not fit in `plan`, as one clear sentence; null when everything fits. */
async function overLimits(platform: Platform, studio: StudioContext, actor: Actor, plan: Plan): Promise<string | null> {
  const limits = PLAN_TABLE[plan];
  const now = platform.clock.now();
  const sessions = await platform.directory.withTenant(studio.location, (db) => sessionUsage(db, studio, now));
  const [storage, seats] = await Promise.all([uploadGateway(platform).usage(platform, { studio, actor }), seatsUsed(platform.controlDb, studio.id, now)]);
  const fr = studio.locale === 'fr';
  const gb = (bytes: number) => `${Math.ceil(bytes / 1000 ** 3)} GB`;
  const over: string[] = [];
  if (limits.sessionsPerMonth !== null && sessions.used > limits.sessionsPerMonth)
    over.push(
      fr
        ? `${sessions.used} sessions ce mois-ci (${limits.sessionsPerMonth} au plus)`
        : `${sessions.used} sessions this month (${limits.sessionsPerMonth} at most)`,
    );
  if (storage.usedBytes > limits.storageBytes)
    over.push(
      fr
        ? `${gb(storage.usedBytes)} de fichiers (${gb(limits.storageBytes)} au plus)`
        : `${gb(storage.usedBytes)} of files (${gb(limits.storageBytes)} at most)`,
    );
  if (limits.seats !== null && seats > limits.seats)
    over.push(fr ? `${seats} places occupées (${limits.seats} au plus)` : `${seats} seats taken (${limits.seats} at most)`);
  if (over.length === 0) return null;
  const name = planName(plan);
  return fr
    ? `Le studio utilise plus que la formule ${name} ne permet : ${over.join(', ')}. Réduisez cet usage avant de passer à ${name}.`
    : `The studio uses more than the ${name} plan allows: ${over.join(', ')}. Bring the usage down before moving to ${name}.`;
}

export type PlanChangeOutcome = 'upgraded' | 'scheduled' | 'unscheduled';

export async function changePlan(
  platform: Platform,
  studio: StudioContext,
  actor: Actor,
  choice: { plan: Plan; interval: BillingInterval },
): Promise<{ outcome: PlanChangeOutcome }> {
  const stripe = requireBilling(platform.config);
  const row = await studioRow(platform, studio.id);
  if (!isLive(row)) throw new AppError('CONFLICT', msg(studio, 'Subscribe to a plan first.', 'Abonnez-vous d’abord à une formule.'));
  const sub = await stripe.subscription(row.stripeSubscriptionId!);
  let outcome: PlanChangeOutcome;
  if (choice.plan === sub.plan && choice.interval === sub.interval) {
    if (!sub.scheduled) throw new AppError('BAD_REQUEST', msg(studio, 'The studio is already on this plan.', 'Le studio a déjà cette formule.'));
    // Back to the current plan: the downgrade planned for the period end is dropped.
    await stripe.releaseSchedule(sub.scheduled.scheduleId);
    outcome = 'unscheduled';
  } else {
    const priceId = await stripe.priceId(PLAN_TABLE[choice.plan].stripeLookupKeys[choice.interval]);
    if (monthlyRecurringCents(choice.plan, choice.interval) >= monthlyRecurringCents(sub.plan, sub.interval)) {
      await stripe.changePriceNow(sub, priceId);
      outcome = 'upgraded';
    } else {
      const refusal = await overLimits(platform, studio, actor, choice.plan);
      if (refusal) throw new AppError('LIMIT_REACHED', refusal, { plan: choice.plan, kind: 'downgrade' });
      await stripe.changePriceAtPeriodEnd(sub, priceId);
      outcome = 'scheduled';
    }
  }
  await syncSubscription(platform, stripe, studio.id, sub.id);
  return { outcome };
}

export async function setCancelAtPeriodEnd(platform: Platform, studio: StudioContext, cancel: boolean): Promise<void> {
  const stripe = requireBilling(platform.config);
  const row = await studioRow(platform, studio.id);
  if (!isLive(row)) throw new AppError('CONFLICT', msg(studio, 'This studio has no subscription to change.', 'Ce studio n’a pas d’abonnement à modifier.'));
  if (row.cancelAtPeriodEnd === cancel)
    throw new AppError(
      'BAD_REQUEST',
      cancel
        ? msg(studio, 'The subscription already ends at the end of the period.', 'L’abonnement se termine déjà à la fin de la période.')
        : msg(studio, 'The subscription is not canceled.', 'L’abonnement n’est pas résilié.'),
    );
  const sub = await stripe.subscription(row.stripeSubscriptionId!);
  // A subscription run by a schedule cannot be canceled: the planned downgrade goes with the cancellation.
  if (cancel && sub.scheduled) await stripe.releaseSchedule(sub.scheduled.scheduleId);
  await stripe.setCancelAtPeriodEnd(sub.id, cancel);
  await syncSubscription(platform, stripe, studio.id, sub.id);
}

/** The Customer Portal's page (card, our invoices); null when there is nothing to manage (no Stripe, or never subscribed). */
export async function portalUrl(platform: Platform, studio: StudioContext): Promise<{ url: string | null }> {
  if (!billingAvailable(platform.config)) return { url: null };
  const row = await studioRow(platform, studio.id);
  if (!row.stripeCustomerId) return { url: null };
  return { url: await requireBilling(platform.config).portalUrl(row.stripeCustomerId, planUrl(platform, studio), studio.locale) };
}
