/**
 * A studio's plan and billing status follow its Stripe subscription (issue 12.3). Whatever told us (a webhook, in
 * any order, or a click that just changed the subscription), the subscription is read again from Stripe and its
 * current state applied: a late or replayed event applies today's truth. A state read before the one already
 * applied is ignored (billing_synced_at), and so is an old subscription's news once the studio has another.
 */
import { and, eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import { GRACE_DAYS, type BillingStatus } from '@rsm/shared/standing';
import type { Platform } from '../../../platform/platform.ts';
import type { ControlTx } from '../../../platform/postgres/control-db.ts';
import type { SubscriptionView } from '../../money/payments/stripe-billing-adapter.ts';
import { recordSubscriptionChange } from '../subscription-history.ts';

/** Stripe's subscription status as ours; null: nothing to apply yet (a Checkout still collecting its first payment). */
function statusOf(stripeStatus: string): BillingStatus | null {
  if (stripeStatus === 'active' || stripeStatus === 'trialing') return 'active';
  if (stripeStatus === 'past_due' || stripeStatus === 'unpaid') return 'past_due';
  if (stripeStatus === 'canceled' || stripeStatus === 'incomplete_expired' || stripeStatus === 'paused') return 'canceled';
  return null;
}

export interface GraceNotice {
  studioId: string;
  /** The notice's key in studio_notices: the invoice and the failed attempt. */
  key: string;
  graceEndsAt: Date;
}

/** The studio a subscription belongs to: the one that holds it, else the one named when it was bought. */
export async function studioOfSubscription(tx: ControlTx, sub: SubscriptionView): Promise<string | null> {
  const s = control.studios;
  const [held] = await tx.select({ id: s.id }).from(s).where(eq(s.stripeSubscriptionId, sub.id));
  if (held) return held.id;
  const [byCustomer] = await tx.select({ id: s.id }).from(s).where(eq(s.stripeCustomerId, sub.customerId));
  return byCustomer?.id ?? sub.studioId;
}

/**
 * Applies the subscription's state (read at `readAt`) to the studio, in `tx`. Returns the grace notice to send when
 * this is the first time the studio is seen past due for this attempt of the invoice (claimed in studio_notices, in `tx`).
 */
export async function applySubscription(platform: Platform, tx: ControlTx, studioId: string, sub: SubscriptionView, readAt: Date): Promise<GraceNotice | null> {
  const s = control.studios;
  const [studio] = await tx.select().from(s).where(eq(s.id, studioId)).for('update');
  if (!studio) return null;
  if (studio.billingSyncedAt && studio.billingSyncedAt.getTime() > readAt.getTime()) return null;
  const status = statusOf(sub.status);
  if (!status) return null;
  // An ended subscription's late news must not undo the studio's newer one.
  if (studio.stripeSubscriptionId && studio.stripeSubscriptionId !== sub.id && status === 'canceled') return null;
  if (studio.stripeCustomerId && studio.stripeCustomerId !== sub.customerId) return null;
  const now = platform.clock.now();
  // The grace period starts at the first failure and is not pushed back by the retries that fail after it.
  const graceEndsAt =
    status === 'past_due'
      ? studio.billingStatus === 'past_due' && studio.graceEndsAt
        ? studio.graceEndsAt
        : new Date(now.getTime() + GRACE_DAYS * 86_400_000)
      : null;
  const next = {
    plan: sub.plan,
    billingStatus: status,
    billingInterval: sub.interval,
    stripeCustomerId: sub.customerId,
    stripeSubscriptionId: sub.id,
    currentPeriodEnd: sub.currentPeriodEnd,
    cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
    scheduledPlan: sub.scheduled?.plan ?? null,
    graceEndsAt,
    billingSyncedAt: readAt,
  };
  await tx.update(s).set(next).where(eq(s.id, studioId));
  if (studio.plan !== next.plan || studio.billingStatus !== next.billingStatus || studio.billingInterval !== next.billingInterval)
    await recordSubscriptionChange(tx, {
      studioId,
      plan: next.plan,
      billingStatus: status,
      billingInterval: sub.interval,
      paid: true,
      source: 'stripe',
      at: now,
    });
  if (status !== 'past_due' || !sub.latestInvoiceId || !graceEndsAt) return null;
  // One e-mail per failed attempt of the invoice (the first failure, then each of Stripe's retries that fails).
  const key = `grace:${sub.latestInvoiceId}:${Math.max(1, sub.latestInvoiceAttempts)}`;
  const claimed = await tx.insert(control.studioNotices).values({ studioId, key }).onConflictDoNothing().returning({ key: control.studioNotices.key });
  return claimed.length > 0 ? { studioId, key, graceEndsAt } : null;
}

/** Tells the studio's owners that a payment failed and when the studio becomes read-only (once per failed attempt). */
export async function sendGraceNotice(platform: Platform, notice: GraceNotice): Promise<void> {
  const [studio] = await platform.controlDb
    .select({ name: control.studios.name, slug: control.studios.slug, locale: control.studios.locale })
    .from(control.studios)
    .where(eq(control.studios.id, notice.studioId));
  if (!studio) return;
  const owners = await platform.controlDb
    .select({ email: control.users.email, name: control.users.name })
    .from(control.memberships)
    .innerJoin(control.users, eq(control.users.id, control.memberships.userId))
    .where(and(eq(control.memberships.studioId, notice.studioId), eq(control.memberships.role, 'owner')));
  const locale = studio.locale === 'fr' ? 'fr' : 'en';
  const date = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(notice.graceEndsAt);
  const url = `${platform.config.APP_URL}/s/${studio.slug}/settings/plan`;
  for (const owner of owners)
    await platform.mailer.send({
      to: owner.email,
      template: 'billing-payment-failed',
      locale,
      params: { name: owner.name, studio: studio.name, date, url },
      studioId: notice.studioId,
      idempotencyKey: `${notice.key}:${owner.email.toLowerCase()}`,
    });
}
