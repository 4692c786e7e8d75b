/**
 * The money domain's `PaymentRecorder` (payment-hooks.ts), registered at start-up: what a confirmed online payment
 * or refund does to the ledger.
 *  - an invoice's payment is recorded on it (method `online`, the payment intent as provider id: recorded once);
 *  - a quote's deposit gets its issued deposit invoice, and the payment is recorded on that;
 *  - a booked session's deposit gets its issued deposit invoice too (booking-deposits.ts), the payment is recorded on
 *    it, and then the session's deposit is marked received by the service staff use (a hold is confirmed the same
 *    way) and the client told. Each step finds what an earlier delivery already did (the invoice by the payment's
 *    mark, the payment by its intent id, the receipt by the payment, the deposit by `deposit_received_at`), so a
 *    second or out-of-order delivery, or a retry after a crash between two steps, does each thing exactly once;
 *    a session that can no longer take its deposit (cancelled, or its slot taken) keeps the invoice and payment
 *    (money was received) and is audited for the studio to refund or rebook;
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
import { recordAudit } from '../../audit/audit.service.ts';
import { activeStudioById } from '../../studios/studio-lookup.ts';
import type { StudioContext } from '../../studios/studio-context.ts';
import { recordPayment } from '../invoicing/payments.service.ts';
import { zonedDate } from '../invoicing/issue.service.ts';
import type { StudioMoneyContext } from '../invoicing/drafts.service.ts';
import { registerPaymentRecorder, type PaymentRecorder, type PaymentRefunded, type PaymentSucceeded, type StudioRef } from './payment-hooks.ts';
import { requireStripe } from './stripe-adapter.ts';
import { creditRefund, depositInvoiceForPayment } from './online-documents.ts';
import { sendPaymentReceipt } from './payment-receipts.ts';
import { depositInvoiceForBooking } from './booking-deposits.ts';
import { markDepositReceived } from '../../public-booking/booking-requests.service.ts';
import { tellClient } from '../../public-booking/public-booking.mails.ts';

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

/** The payment's document id: the invoice itself, or the deposit invoice made for a quote's deposit. */
async function payableDocument(platform: Platform, studio: StudioContext, db: TenantDb, payment: PaymentSucceeded): Promise<string | null> {
  if (payment.kind === 'invoice') return payment.targetId;
  if (payment.kind === 'booking_deposit') {
    const deposit = await depositInvoiceForBooking(db, moneyContextOf(studio), { storage: fileStorage(platform.config) }, payment.targetId, payment);
    return deposit.id;
  }
  if (payment.kind === 'quote_deposit') {
    const deposit = await depositInvoiceForPayment(db, moneyContextOf(studio), { storage: fileStorage(platform.config) }, payment.targetId, payment);
    return deposit.id;
  }
  return null;
}

/** The session's deposit marked received (the hold confirmed), as staff would; the client told once. */
async function applyBookingDeposit(platform: Platform, studio: StudioContext, db: TenantDb, payment: PaymentSucceeded): Promise<void> {
  try {
    const { session, alreadyRecorded } = await markDepositReceived(db, studio, null, payment.targetId, platform.clock.now());
    if (!alreadyRecorded) await tellClient(platform, studio, db, session, 'public-booking-deposit-received', '');
  } catch (error) {
    if (!(error instanceof AppError) || !['BAD_REQUEST', 'CONFLICT', 'NOT_FOUND'].includes(error.code)) throw error;
    platform.logger.error(
      { studioId: studio.id, sessionId: payment.targetId, code: error.code },
      'a booking deposit paid online could not be applied to its session: refund it or rebook',
    );
    await recordAudit(db, null, 'session.deposit_paid_unapplied', 'session', payment.targetId, {
      paymentIntentId: payment.paymentIntentId,
      reason: error.message,
    });
  }
}

export async function recordOnlinePayment(platform: Platform, ref: StudioRef, payment: PaymentSucceeded): Promise<void> {
  await withStudio(platform, ref, async (studio, db) => {
    const log = platform.logger.child({ studioId: studio.id, paymentIntentId: payment.paymentIntentId, kind: payment.kind });
    try {
      const documentId = await payableDocument(platform, studio, db, payment);
      if (!documentId) return;
      const { payment: row } = await recordPayment(db, null, {
        documentId,
        method: 'online',
        amountCents: payment.amountCents,
        currency: payment.currency,
        receivedOn: zonedDate(platform.clock.now(), studio.timeZone),
        reference: payment.checkoutSessionId ?? payment.paymentIntentId,
        providerPaymentId: payment.paymentIntentId,
        alreadyTaken: true,
      });
      await sendPaymentReceipt(platform, db, studio, row.id);
      if (payment.kind === 'booking_deposit') await applyBookingDeposit(platform, studio, db, payment);
    } catch (error) {
      if (!(error instanceof AppError) || !REFUSALS.has(error.code)) throw error;
      log.error({ code: error.code, message: error.message }, 'an online payment could not be recorded: it must be refunded or recorded by hand');
      await recordAudit(db, null, 'payment.online_unrecorded', 'money_document', /^[0-9a-f-]{36}$/i.test(payment.targetId) ? payment.targetId : null, {
        paymentIntentId: payment.paymentIntentId,
        amountCents: payment.amountCents,
        reason: error.message,
      });
    }
  });
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
