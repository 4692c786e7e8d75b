/**
 * Starting an online payment: a Stripe Checkout Session, as a direct charge on the studio's connected account
 * with the platform fee (stripe-adapter.ts), for an invoice's balance, an accepted quote's deposit or a booked
 * session's deposit (booking-deposits.ts). Refused with
 * a clear reason when the server has no Stripe key or the studio's account does not take charges: a "Pay online"
 * button is never shown for a payment that cannot happen, and never pretends one happened.
 * The amount is what the ledger says now; the webhook records what Stripe actually received (recorder).
 * A deposit (a booking's or a quote's) has at most one payable Checkout Session: every one started is remembered
 * and those still open are expired on Stripe before a new one is made (deposit-checkouts.ts), so a client with two
 * tabs open cannot pay the deposit twice (one that still slips through is refunded by the recorder).
 */
import { and, eq, gt, ne } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { balanceCents } from '@rsm/shared/money-balance';
import type { Platform } from '../../../platform/platform.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import type { StudioContext } from '../../studios/studio-context.ts';
import { accountOfStudio } from './connected-accounts.ts';
import { requireStripe } from './stripe-adapter.ts';
import { linesForAmount, quoteDepositCents, sourceLines } from './amount-lines.ts';
import { bookingDepositDue } from './booking-deposits.ts';
import { closeOpenDepositCheckouts, rememberDepositCheckout, type DepositTarget } from './deposit-checkouts.ts';
import { formatInstant } from '../../booking/time.ts';

export type CheckoutKind = 'invoice' | 'quote_deposit' | 'booking_deposit';
const PAYABLE = ['invoice', 'deposit_invoice', 'final_invoice'];

export interface CheckoutStart {
  kind: CheckoutKind;
  /** The invoice or quote; for a booking deposit, the session. */
  documentId: string;
  /** Portal: the clients whose documents the caller may pay (itself and its companies); null for staff. */
  allowedClientIds: string[] | null;
  customerEmail?: string;
  /** Where Stripe sends the payer back; the portal's money page when not given. */
  returnTo?: { paid: string; cancelled: string };
}

/** The connected account that takes the studio's payments, or a clear refusal. */
export async function chargeableAccount(platform: Platform, studioId: string): Promise<string> {
  requireStripe(platform.config);
  const account = await accountOfStudio(platform.controlDb, studioId);
  if (!account) throw new AppError('NOT_CONFIGURED', 'This studio does not take online payments: it is not connected to Stripe.');
  if (!account.chargesEnabled)
    throw new AppError('NOT_CONFIGURED', 'This studio does not take online payments yet: its Stripe account does not accept charges.');
  return account.stripeAccountId;
}

/** What a quote's deposit comes to, VAT included, as its deposit invoice will compute it (0: none asked). */
export async function quoteDepositGross(db: TenantDb, quote: typeof tenant.moneyDocuments.$inferSelect): Promise<number> {
  const asked = quoteDepositCents(quote);
  if (asked <= 0) return 0;
  return linesForAmount(await sourceLines(db, quote.id), asked, () => '').totals.grossCents;
}

/** Whether a deposit invoice of this quote already received money (the deposit is then paid). */
export async function quoteDepositPaid(db: TenantDb, quoteId: string): Promise<boolean> {
  const [paid] = await db
    .select({ id: tenant.moneyDocuments.id })
    .from(tenant.moneyDocuments)
    .where(
      and(
        eq(tenant.moneyDocuments.fromQuoteId, quoteId),
        eq(tenant.moneyDocuments.kind, 'deposit_invoice'),
        ne(tenant.moneyDocuments.status, 'cancelled'),
        gt(tenant.moneyDocuments.paidCents, 0),
      ),
    );
  return !!paid;
}

interface AmountToPay {
  targetId: string;
  currency: string;
  cents: number;
  /** What was already received on it: part of the idempotency key, so a new balance gets a new session. */
  paidCents: number;
  name: string;
}

async function amountToPay(db: TenantDb, studio: StudioContext, start: CheckoutStart): Promise<AmountToPay> {
  const locale = studio.locale;
  if (start.kind === 'booking_deposit') {
    const { session, cents } = await bookingDepositDue(db, start.documentId, start.allowedClientIds);
    const when = formatInstant(session.startsAt, studio.timeZone, locale);
    return {
      targetId: session.id,
      currency: session.currency,
      cents,
      paidCents: 0,
      name: locale === 'fr' ? `Acompte de la réservation du ${when}` : `Deposit for the booking of ${when}`,
    };
  }
  const [doc] = await db.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, start.documentId));
  // Another client's document looks exactly like one that does not exist.
  if (!doc || (start.allowedClientIds && !start.allowedClientIds.includes(doc.clientId))) throw notFound('document');
  const fr = locale === 'fr';
  if (start.kind === 'invoice') {
    if (!PAYABLE.includes(doc.kind)) throw notFound('invoice');
    const balance = balanceCents(doc);
    if (!['issued', 'partially_paid'].includes(doc.status) || balance <= 0)
      throw new AppError('CONFLICT', `${doc.number ?? 'This invoice'} has nothing left to pay`, { status: doc.status });
    return { targetId: doc.id, currency: doc.currency, paidCents: doc.paidCents, cents: balance, name: fr ? `Facture ${doc.number}` : `Invoice ${doc.number}` };
  }
  if (doc.kind !== 'quote') throw notFound('quote');
  if (doc.status !== 'accepted') throw new AppError('CONFLICT', 'A deposit is paid once the quote is accepted', { status: doc.status });
  if (await quoteDepositPaid(db, doc.id)) throw new AppError('CONFLICT', 'The deposit of this quote is already paid', { status: 'paid' });
  const cents = await quoteDepositGross(db, doc);
  if (cents <= 0) throw new AppError('CONFLICT', 'This quote asks for no deposit', { status: doc.status });
  return {
    targetId: doc.id,
    currency: doc.currency,
    paidCents: doc.paidCents,
    cents,
    name: fr ? `Acompte sur le devis ${doc.number}` : `Deposit on quote ${doc.number}`,
  };
}

/** Where Stripe sends the client back: the portal's money page (path form, which always works). */
export function portalMoneyUrl(platform: Platform, studio: Pick<StudioContext, 'slug'>, outcome: 'paid' | 'cancelled'): string {
  return `${platform.config.APP_URL}/s/${studio.slug}/portal/money?payment=${outcome}`;
}

export async function startCheckout(
  platform: Platform,
  studio: StudioContext,
  db: TenantDb,
  start: CheckoutStart,
): Promise<{ url: string; amountCents: number; currency: string }> {
  const accountId = await chargeableAccount(platform, studio.id);
  const due = await amountToPay(db, studio, start);
  const { cents, name } = due;
  const deposit: DepositTarget | null = start.kind === 'invoice' ? null : { kind: start.kind, id: due.targetId };
  const started = deposit ? await closeOpenDepositCheckouts(platform, db, accountId, deposit) : 0;
  const session = await requireStripe(platform.config).createCheckoutSession(accountId, {
    studioId: studio.id,
    kind: start.kind,
    targetId: due.targetId,
    currency: due.currency,
    lineItems: [{ name, unitAmountCents: cents, quantity: 1 }],
    successUrl: start.returnTo?.paid ?? portalMoneyUrl(platform, studio, 'paid'),
    cancelUrl: start.returnTo?.cancelled ?? portalMoneyUrl(platform, studio, 'cancelled'),
    ...(start.customerEmail ? { customerEmail: start.customerEmail } : {}),
    locale: studio.locale,
    // One session per amount due per day: a double click or a retry reuses it; a new balance gets a new one.
    // A deposit's: one per start after the previous ones were expired (closeOpenDepositCheckouts).
    idempotencyKey: deposit
      ? `rsm-pay-${start.kind}-${due.targetId}-${cents}-start-${started + 1}`
      : `rsm-pay-${start.kind}-${due.targetId}-${cents}-${due.paidCents}-${new Date().toISOString().slice(0, 10)}`,
  });
  if (!session.url) throw new AppError('PAYMENT_PROVIDER', 'Stripe did not give a payment page');
  // Remembered at once, so the next start (or the deposit's payment) expires it.
  if (deposit) await rememberDepositCheckout(db, deposit, session.id, cents);
  return { url: session.url, amountCents: cents, currency: due.currency };
}
