/**
 * The Stripe Checkout Sessions of one deposit (issue #11): a booked session's or an accepted quote's, one mechanism
 * for both. Every Checkout started for a deposit is remembered (booking_deposit_checkouts, by `session_id` or
 * `quote_id`), so that
 *  - a new payment page expires the ones still open first (checkout.service.ts): a client with two tabs cannot pay
 *    the deposit twice;
 *  - once the deposit is paid, online (the recorder, after commit) or recorded by hand by staff, every page still
 *    open is expired on Stripe: the client can no longer pay it a second time. A page found completed meanwhile is a
 *    second payment on its way: the recorder refunds it when its webhook comes (money-payment-recorder.ts).
 */
import { and, count, eq, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import { accountOfStudio } from './connected-accounts.ts';
import { requireStripe } from './stripe-adapter.ts';

/** A deposit that is paid through Checkout: a booked session's (`id` = the session) or a quote's (`id` = the quote). */
export interface DepositTarget {
  kind: 'booking_deposit' | 'quote_deposit';
  id: string;
}

const checkouts = tenant.bookingDepositCheckouts;
const ofTarget = (target: DepositTarget) => (target.kind === 'booking_deposit' ? eq(checkouts.sessionId, target.id) : eq(checkouts.quoteId, target.id));

export const depositAlreadyPaid = (target: DepositTarget) =>
  target.kind === 'booking_deposit'
    ? new AppError('CONFLICT', 'The deposit of this booking is already paid', { reason: 'depositPaid' })
    : new AppError('CONFLICT', 'The deposit of this quote is already paid', { status: 'paid' });

/**
 * Closes one remembered Checkout on Stripe (expired, or found paid or expired already) and answers what it became.
 * One still open after the expiry is left open (and answered as such).
 */
async function closeCheckout(platform: Platform, db: TenantDb, accountId: string, checkoutId: string): Promise<string | null> {
  const stripe = requireStripe(platform.config);
  let status: string | null;
  try {
    status = (await stripe.expireCheckoutSession(accountId, checkoutId)).status;
  } catch (error) {
    // Not open any more (paid, or expired by Stripe after 24 h): what it became decides.
    if (!(error instanceof AppError) || error.code !== 'BAD_REQUEST') throw error;
    status = (await stripe.checkoutSession(accountId, checkoutId)).status;
  }
  if (status !== 'open') await db.update(checkouts).set({ closedAt: new Date() }).where(eq(checkouts.id, checkoutId));
  return status;
}

const openCheckouts = (db: TenantDb, target: DepositTarget) =>
  db
    .select()
    .from(checkouts)
    .where(and(ofTarget(target), isNull(checkouts.closedAt)));

/**
 * Before a new payment page: expires on Stripe every Checkout of this deposit still open, and answers how many were
 * ever started (the next one's idempotency key: two starts at the same moment get the same new session, while a
 * start after an expiry never gets the expired one back). One completed means the deposit was just paid (its webhook
 * is on its way): no new payment page then.
 */
export async function closeOpenDepositCheckouts(platform: Platform, db: TenantDb, accountId: string, target: DepositTarget): Promise<number> {
  for (const checkout of await openCheckouts(db, target)) {
    const status = await closeCheckout(platform, db, accountId, checkout.id);
    if (status === 'open') throw new AppError('PAYMENT_PROVIDER', 'Stripe did not close the previous payment page. Please retry in a moment.');
    if (status === 'complete') throw depositAlreadyPaid(target);
  }
  const [started] = await db.select({ n: count() }).from(checkouts).where(ofTarget(target));
  return started?.n ?? 0;
}

/** A Checkout just started for this deposit, remembered at once (two starts at once got the same session: kept once). */
export async function rememberDepositCheckout(db: TenantDb, target: DepositTarget, checkoutId: string, amountCents: number): Promise<void> {
  await db
    .insert(checkouts)
    .values({
      id: checkoutId,
      sessionId: target.kind === 'booking_deposit' ? target.id : null,
      quoteId: target.kind === 'quote_deposit' ? target.id : null,
      amountCents,
    })
    .onConflictDoNothing();
}

/**
 * The deposit is paid (online, or recorded by hand): every Checkout of it still open is expired on Stripe, on the
 * studio's connected account, so the client cannot pay it again. Nothing is asked of Stripe when none is open.
 * Throws when Stripe cannot be reached or keeps one open (the webhook is then retried; staff callers use
 * `expireDepositCheckoutsOrLog`, their recording being done).
 */
export async function expireDepositCheckouts(platform: Platform, studioId: string, db: TenantDb, target: DepositTarget): Promise<void> {
  const open = await openCheckouts(db, target);
  if (open.length === 0) return;
  const account = await accountOfStudio(platform.controlDb, studioId);
  if (!account) throw new AppError('NOT_CONFIGURED', 'The studio is no longer connected to Stripe: its open payment pages cannot be expired');
  for (const checkout of open) {
    const status = await closeCheckout(platform, db, account.stripeAccountId, checkout.id);
    if (status === 'open') throw new AppError('PAYMENT_PROVIDER', `Stripe did not expire payment page ${checkout.id}`);
  }
}

/**
 * `expireDepositCheckouts` after staff recorded a deposit by hand: the recording stands whatever Stripe answers; a
 * page that could not be expired is logged (and a payment made on it anyway is refunded by the recorder).
 */
export async function expireDepositCheckoutsOrLog(platform: Platform, studioId: string, db: TenantDb, target: DepositTarget): Promise<void> {
  try {
    await expireDepositCheckouts(platform, studioId, db, target);
  } catch (error) {
    platform.logger.error(
      { studioId, target, err: error instanceof Error ? error.message : String(error) },
      'a deposit recorded by hand still has a payment page open on Stripe: a payment made on it will be refunded',
    );
  }
}

/**
 * After staff recorded a payment by hand on `documentId`: a deposit invoice of a quote is that quote's deposit
 * paid, so the quote's payment pages still open are expired.
 */
export async function afterPaymentByHand(platform: Platform, studioId: string, db: TenantDb, documentId: string): Promise<void> {
  const [doc] = await db
    .select({ kind: tenant.moneyDocuments.kind, fromQuoteId: tenant.moneyDocuments.fromQuoteId })
    .from(tenant.moneyDocuments)
    .where(eq(tenant.moneyDocuments.id, documentId));
  if (doc?.kind === 'deposit_invoice' && doc.fromQuoteId)
    await expireDepositCheckoutsOrLog(platform, studioId, db, { kind: 'quote_deposit', id: doc.fromQuoteId });
}
