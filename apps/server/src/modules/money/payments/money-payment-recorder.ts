/**
 * The money domain's `PaymentRecorder` (payment-hooks.ts), registered at start-up: what a confirmed online payment
 * or refund does to the ledger.
 *  - an invoice's payment is recorded on it (method `online`, the payment intent as provider id: recorded once);
 *  - a quote's deposit gets its issued deposit invoice, and the payment is recorded on that;
 *  - a booked session's deposit gets its issued deposit invoice too (booking-deposits.ts), the payment is recorded on
 *    it, and the session's deposit is marked received by the service staff use (a hold is confirmed the same way);
 *    the client is told after commit. The ledger's part (draft, issue, payment, deposit received; the quote
 *    deposit's draft, issue and payment likewise) is ONE tenant transaction: a crash or failure anywhere commits
 *    none of it (no invoice, no number taken), and Stripe's retry does it all. Each step still finds what an earlier
 *    delivery did (the invoice by the payment's mark, the payment by its intent id, the receipt by the payment, the
 *    deposit by `deposit_received_at`), so a second or out-of-order delivery does each thing exactly once;
 *    a session that can no longer take its deposit (cancelled, or its slot taken) keeps the invoice and payment
 *    (money was received) and is audited for the studio to refund or rebook;
 *  - once a deposit (a booking's or a quote's) is paid, its Checkout pages still open are expired on Stripe after
 *    commit (deposit-checkouts.ts; staff recording a deposit by hand do the same), so it cannot be paid again;
 *  - a second payment of a deposit already paid (two Checkout pages paid in a race, or the deposit received by
 *    hand meanwhile) keeps its own deposit invoice and payment, and is refunded at once on Stripe, credited through
 *    the refund path below, audited, and the client told (refundDuplicateDeposit). The same for a booking's deposit
 *    (the session names the deposit invoice that paid it) and a quote's (the quote names it: `deposit_paid_by_id`,
 *    set by recordPayment for the first payment, online or by hand);
 *  - a refund gets a credit note for the amount given back (online-documents.ts);
 *  - every payment recorded gets its e-mailed receipt (once, keyed by the payment).
 * Money Stripe took is recorded even above the balance (events come in any order: a refund's credit note may be
 * recorded before the payment it refunds); the balance then shows what the studio owes back. A payment the ledger
 * still refuses (a document that is not an invoice any more) is not retried forever: it is logged as an error and
 * audited for the studio to refund, and the webhook is acknowledged.
 */
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { Platform } from '../../../platform/platform.ts';
import { AppError } from '../../../platform/errors.ts';
import { fileStorage } from '../../../platform/storage/storage.ts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import type { TenantTx } from '../../../platform/tenancy/tenant-tx.ts';
import { lockSession, withDeadlockRetry } from '../../booking/session-locks.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { activeStudioById } from '../../studios/studio-lookup.ts';
import type { StudioContext } from '../../studios/studio-context.ts';
import { recordPayment } from '../invoicing/payments.service.ts';
import { zonedDate } from '../invoicing/issue.service.ts';
import type { StudioMoneyContext } from '../invoicing/drafts.service.ts';
import { registerPaymentRecorder, type PaymentRecorder, type PaymentRefunded, type PaymentSucceeded, type StudioRef } from './payment-hooks.ts';
import { requireStripe } from './stripe-adapter.ts';
import { creditRefund, depositInvoiceForPayment } from './online-documents.ts';
import { sendPaymentReceipt, tellQuoteDepositRefunded } from './payment-receipts.ts';
import { expireDepositCheckouts, type DepositTarget } from './deposit-checkouts.ts';
import { depositInvoiceForBooking } from './booking-deposits.ts';
import { markDepositReceived } from '../../public-booking/booking-requests.service.ts';
import { tellClient, tellDuplicateRefunded } from '../../public-booking/public-booking.mails.ts';

const REFUSALS = new Set(['OVERPAYMENT', 'DOCUMENT_INVALID', 'NOT_FOUND', 'CREDIT_EXCEEDS_INVOICE']);

export const moneyContextOf = (studio: StudioContext): StudioMoneyContext => ({
  studioId: studio.id,
  timeZone: studio.timeZone,
  locale: studio.locale,
  currency: studio.currency,
});

async function withStudio<T>(platform: Platform, ref: StudioRef, run: (studio: StudioContext, db: TenantDb) => Promise<T>): Promise<T> {
  const studio = await activeStudioById(platform, ref.id);
  // Not active (being migrated, suspended): retried by Stripe later rather than lost.
  if (!studio) throw new AppError('NOT_CONFIGURED', `Studio ${ref.id} is not active: the payment will be recorded when Stripe retries`);
  return platform.directory.withTenant(studio.location, (db) => run(studio, db));
}

type SessionRow = typeof tenant.sessions.$inferSelect;
/** A second payment of one deposit: its own deposit invoice, to refund and credit. */
interface Duplicate {
  target: DepositTarget;
  documentId: string;
}
const depositOf = (payment: Pick<PaymentSucceeded, 'kind' | 'targetId'>): DepositTarget | null =>
  payment.kind === 'booking_deposit' || payment.kind === 'quote_deposit' ? { kind: payment.kind, id: payment.targetId } : null;

/** What one recording transaction did, for the work done after it commits (mails, the duplicate's refund). */
interface Recorded {
  paymentId: string;
  /** The session whose deposit this payment confirmed now (its client is told once). */
  confirmed: SessionRow | null;
  /** A deposit (booking's or quote's) paid when it was already paid: refunded once recorded. */
  duplicate: Duplicate | null;
}

const issueDeps = (platform: Platform) => ({ storage: fileStorage(platform.config) });

/**
 * The session's deposit marked received (the hold confirmed), as staff would, inside the recording transaction.
 * A session that can no longer take it (cancelled, its slot taken) keeps the invoice and the payment (money was
 * received): the refusal rolls back only markDepositReceived's savepoint, and is audited for the studio to refund
 * or rebook.
 */
async function applyBookingDeposit(
  platform: Platform,
  studio: StudioContext,
  tx: TenantTx,
  payment: PaymentSucceeded,
): Promise<Awaited<ReturnType<typeof markDepositReceived>> | null> {
  try {
    return await markDepositReceived(tx, studio, null, payment.targetId, platform.clock.now());
  } catch (error) {
    if (!(error instanceof AppError) || !['BAD_REQUEST', 'CONFLICT', 'NOT_FOUND'].includes(error.code)) throw error;
    platform.logger.error(
      { studioId: studio.id, sessionId: payment.targetId, code: error.code },
      'a booking deposit paid online could not be applied to its session: refund it or rebook',
    );
    await recordAudit(tx, null, 'session.deposit_paid_unapplied', 'session', payment.targetId, {
      paymentIntentId: payment.paymentIntentId,
      reason: error.message,
    });
    return null;
  }
}

/**
 * Everything a payment changes in the ledger, in ONE transaction: the deposit invoice drafted and issued (its
 * number from the locked counter row, its PDF stored before commit), the payment recorded on it, and for a booking
 * deposit the session's deposit marked received. All of it commits, or none of it: a crash or a failure anywhere
 * leaves no invoice, burns no number and records no payment, and Stripe's retry records it all exactly once.
 * The session's locks come first (the booking engine's order: resources, then the row), before the counter row.
 */
async function recordInOneTransaction(platform: Platform, studio: StudioContext, tx: TenantTx, payment: PaymentSucceeded): Promise<Recorded | null> {
  const ctx = moneyContextOf(studio);
  let documentId: string;
  if (payment.kind === 'invoice') documentId = payment.targetId;
  else if (payment.kind === 'booking_deposit') {
    await lockSession(tx, payment.targetId);
    documentId = (await depositInvoiceForBooking(tx, ctx, issueDeps(platform), payment.targetId, payment)).id;
  } else if (payment.kind === 'quote_deposit') documentId = (await depositInvoiceForPayment(tx, ctx, issueDeps(platform), payment.targetId, payment)).id;
  else return null;
  const [known] = await tx.select({ id: tenant.payments.id }).from(tenant.payments).where(eq(tenant.payments.providerPaymentId, payment.paymentIntentId));
  const { payment: row } = await recordPayment(tx, null, {
    documentId,
    method: 'online',
    amountCents: payment.amountCents,
    currency: payment.currency,
    receivedOn: zonedDate(platform.clock.now(), studio.timeZone),
    reference: payment.checkoutSessionId ?? payment.paymentIntentId,
    providerPaymentId: payment.paymentIntentId,
    alreadyTaken: true,
  });
  const recorded: Recorded = { paymentId: row.id, confirmed: null, duplicate: null };
  const deposit = depositOf(payment);
  if (!deposit) return recorded;
  let paidTwice: boolean;
  if (deposit.kind === 'booking_deposit') {
    const applied = await applyBookingDeposit(platform, studio, tx, payment);
    if (applied && !applied.alreadyRecorded) recorded.confirmed = applied.session;
    // The deposit was already received, and not with this payment's invoice (the session names the invoice of the
    // payment that was applied): this is a second payment of one deposit (two tabs, or paid by hand as well).
    paidTwice = !!applied?.alreadyRecorded && applied.session.depositInvoiceId !== documentId;
  } else {
    // recordPayment named the deposit invoice that paid the quote's deposit (the first one paid, online or by hand,
    // under the quote's lock held since the deposit invoice was drafted): any other is a second payment.
    const [quote] = await tx
      .select({ paidBy: tenant.moneyDocuments.depositPaidById })
      .from(tenant.moneyDocuments)
      .where(eq(tenant.moneyDocuments.id, deposit.id));
    paidTwice = !!quote?.paidBy && quote.paidBy !== documentId;
  }
  if (paidTwice) {
    recorded.duplicate = { target: deposit, documentId };
    // Audited once, with the payment (a redelivery only finishes the refund).
    if (!known) {
      const [action, entity] =
        deposit.kind === 'booking_deposit' ? (['session.deposit_paid_twice', 'session'] as const) : (['quote.deposit_paid_twice', 'money_document'] as const);
      await recordAudit(tx, null, action, entity, deposit.id, {
        paymentIntentId: payment.paymentIntentId,
        amountCents: payment.amountCents,
        documentId,
      });
    }
  }
  return recorded;
}

export async function recordOnlinePayment(platform: Platform, ref: StudioRef, payment: PaymentSucceeded): Promise<void> {
  const outcome = await withStudio(platform, ref, async (studio, db) => {
    const log = platform.logger.child({ studioId: studio.id, paymentIntentId: payment.paymentIntentId, kind: payment.kind });
    let recorded: Recorded | null;
    try {
      // Retried as a whole when PostgreSQL picks it as a deadlock victim (every step finds what is already there).
      recorded = await withDeadlockRetry(() => db.transaction((tx) => recordInOneTransaction(platform, studio, tx, payment)));
    } catch (error) {
      if (!(error instanceof AppError) || !REFUSALS.has(error.code)) throw error;
      log.error({ code: error.code, message: error.message }, 'an online payment could not be recorded: it must be refunded or recorded by hand');
      await recordAudit(db, null, 'payment.online_unrecorded', 'money_document', /^[0-9a-f-]{36}$/i.test(payment.targetId) ? payment.targetId : null, {
        paymentIntentId: payment.paymentIntentId,
        amountCents: payment.amountCents,
        reason: error.message,
      });
      return null;
    }
    if (!recorded) return null;
    // After commit, outside the database: the mails (each keyed, so a redelivery sends none twice). A duplicate
    // gets no receipt: the client is told of its refund instead (refundDuplicateDeposit).
    if (!recorded.duplicate) await sendPaymentReceipt(platform, db, studio, recorded.paymentId);
    if (recorded.confirmed) await tellClient(platform, studio, db, recorded.confirmed, 'public-booking-deposit-received', '');
    // The deposit is paid: its payment pages still open are expired (a failure fails the webhook: retried).
    const deposit = depositOf(payment);
    if (deposit) await expireDepositCheckouts(platform, studio.id, db, deposit);
    return recorded.duplicate ? { studio, duplicate: recorded.duplicate } : null;
  });
  // Outside the tenant connection: the refund reaches Stripe and then records its credit note (recordOnlineRefund).
  if (outcome) await refundDuplicateDeposit(platform, ref, outcome.studio, payment, outcome.duplicate);
}

/**
 * A deposit (a booking's or a quote's) paid a second time (race: two Checkout pages paid before either was recorded, or the deposit
 * was received by hand meanwhile) goes back to the client at once, in full, from the studio's connected account,
 * as a studio owner would do by hand: the refund (one per payment: Stripe's idempotency key, and nothing is asked
 * of Stripe once the charge is refunded), its credit note on the duplicate's deposit invoice through the refund
 * path the `charge.refunded` webhook takes (whichever comes first makes it), an audit entry and the client's mail.
 * A failure here fails the webhook: Stripe's retry finds the payment recorded and finishes the refund.
 */
async function refundDuplicateDeposit(
  platform: Platform,
  ref: StudioRef,
  studio: StudioContext,
  payment: PaymentSucceeded,
  duplicate: Duplicate,
): Promise<void> {
  const stripe = requireStripe(platform.config);
  const intent = await stripe.paymentIntent(ref.stripeAccountId, payment.paymentIntentId);
  const charge = intent.latestChargeId ? await stripe.charge(ref.stripeAccountId, intent.latestChargeId) : null;
  if (!charge) throw new AppError('CONFLICT', `Stripe has no charge for ${payment.paymentIntentId}: the duplicate deposit cannot be refunded yet`);
  const left = charge.amountCents - charge.amountRefundedCents;
  if (left > 0) {
    const refund = await stripe.refund(ref.stripeAccountId, { paymentIntentId: intent.id, idempotencyKey: `rsm-duplicate-deposit-${intent.id}` });
    await withStudio(platform, ref, (_studio, db) =>
      recordAudit(db, null, 'payment.duplicate_deposit_refunded', 'money_document', duplicate.documentId, {
        [duplicate.target.kind === 'booking_deposit' ? 'sessionId' : 'quoteId']: duplicate.target.id,
        paymentIntentId: intent.id,
        refundId: refund.id,
        amountCents: refund.amountCents,
      }),
    );
  }
  await recordOnlineRefund(platform, ref, {
    kind: payment.kind,
    targetId: payment.targetId,
    paymentIntentId: intent.id,
    chargeId: charge.id,
    amountRefundedCents: charge.amountCents,
    currency: charge.currency,
    eventId: `duplicate-deposit:${intent.id}`,
  });
  const { target, documentId } = duplicate;
  await withStudio(platform, ref, (_studio, db) =>
    target.kind === 'booking_deposit'
      ? tellDuplicateRefunded(platform, studio, db, { sessionId: target.id, documentId }, charge.amountCents, charge.currency)
      : tellQuoteDepositRefunded(platform, studio, db, { quoteId: target.id, documentId }, charge.amountCents, charge.currency),
  );
}

async function succeededPayment(platform: Platform, ref: StudioRef, refund: PaymentRefunded): Promise<PaymentSucceeded> {
  const intent = await requireStripe(platform.config).paymentIntent(ref.stripeAccountId, refund.paymentIntentId);
  return {
    kind: refund.kind!,
    targetId: refund.targetId!,
    amountCents: intent.amountReceivedCents,
    currency: intent.currency.toUpperCase(),
    paymentIntentId: intent.id,
    checkoutSessionId: null,
    applicationFeeCents: intent.applicationFeeCents,
    eventId: refund.eventId,
  };
}

export async function recordOnlineRefund(platform: Platform, ref: StudioRef, refund: PaymentRefunded): Promise<void> {
  if (!refund.kind || !refund.targetId) return;
  const paymentOf = (db: TenantDb) => db.select().from(tenant.payments).where(eq(tenant.payments.providerPaymentId, refund.paymentIntentId));
  const recorded = await withStudio(platform, ref, async (_studio, db) => (await paymentOf(db)).length > 0);
  // The refund's event came before its payment's (Stripe does not order events): the payment is recorded first,
  // from the payment intent as Stripe has it; its own event later finds it recorded.
  if (!recorded) await recordOnlinePayment(platform, ref, await succeededPayment(platform, ref, refund));
  await withStudio(platform, ref, async (studio, db) => {
    const [paid] = await paymentOf(db);
    if (!paid) throw new AppError('CONFLICT', `Refund of ${refund.paymentIntentId} whose payment could not be recorded`);
    try {
      await creditRefund(db, moneyContextOf(studio), { storage: fileStorage(platform.config) }, paid.documentId, {
        paymentIntentId: refund.paymentIntentId,
        refundedTotalCents: refund.amountRefundedCents,
      });
    } catch (error) {
      if (!(error instanceof AppError) || !REFUSALS.has(error.code)) throw error;
      platform.logger.error(
        { studioId: studio.id, paymentIntentId: refund.paymentIntentId, code: error.code },
        'a refund could not be credited: make its credit note by hand',
      );
      await recordAudit(db, null, 'payment.refund_uncredited', 'money_document', paid.documentId, {
        paymentIntentId: refund.paymentIntentId,
        reason: error.message,
      });
    }
  });
}

export function moneyPaymentRecorder(platform: Platform): PaymentRecorder {
  return {
    onPaymentSucceeded: (studio, payment) => recordOnlinePayment(platform, studio, payment),
    onPaymentRefunded: (studio, refund) => recordOnlineRefund(platform, studio, refund),
  };
}

export function registerMoneyPaymentRecorder(platform: Platform): void {
  registerPaymentRecorder(platform, moneyPaymentRecorder(platform));
}
