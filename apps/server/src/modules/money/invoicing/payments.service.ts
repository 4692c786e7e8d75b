/**
 * Payments received on invoices: recorded by hand (transfer, cash, cheque, card terminal, other) or by a payment
 * provider's webhook (`online`, with its payment id). Both go through `recordPayment`, so the rules are the same:
 *  - partial payments are fine; a payment above the balance is REFUSED (OVERPAYMENT, naming the balance) — we do
 *    not keep client credit: a studio that received too much records the balance and refunds the rest;
 *  - a provider payment id is recorded once (unique index): a webhook delivered twice returns the first payment;
 *  - a payment is never deleted: it is removed with a reason, audited, and stays on record (trigger, migration 0018).
 * The invoice row is locked for the change, and its paid sum and status are updated in the same transaction.
 * A card refund (`recordRefundedTotal`) keeps what went back on the payment and in the invoice's refunded sum:
 * money refunded is no longer paid (@rsm/shared/money-balance).
 * A quote's deposit invoice: the first payment on one (hand or online) names it on the quote as the one that paid
 * the deposit (`deposit_paid_by_id`), under the quote's lock (taken before the invoice's, the order the online
 * recorder takes): another deposit invoice of the quote paid online later is a second payment of the same deposit,
 * which the recorder refunds. A removed payment that leaves that deposit invoice unpaid frees the quote again.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { balanceCents, paymentStatus } from '@rsm/shared/money-balance';
import type { PaymentMethod } from '@rsm/shared/money-documents-schemas';
import { AppError, notFound } from '../../../platform/errors.ts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import { inTransaction, type TenantExecutor } from '../../../platform/tenancy/tenant-tx.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../studios/studio-context.ts';
import type { TenantTx } from '../numbering/document-number.ts';

export interface PaymentInput {
  documentId: string;
  method: PaymentMethod;
  amountCents: number;
  /** Defaults to the invoice's currency; a payment in another currency is refused. */
  currency?: string;
  receivedOn: string;
  reference?: string;
  providerPaymentId?: string | null;
  /**
   * A provider's payment is money already taken: it is recorded even above the balance or on a cancelled invoice
   * (a refund's credit note can reach us before the payment it refunds; a hand payment can cross an online one).
   * The balance then shows what the studio owes back. Hand payments never set this.
   */
  alreadyTaken?: boolean;
}

export type PaymentRow = typeof tenant.payments.$inferSelect;
const PAYABLE_KINDS = ['invoice', 'deposit_invoice', 'final_invoice'];

/** The quote a deposit invoice was made from, locked (before the invoice); null for any other document. */
async function lockQuoteOf(tx: TenantTx, documentId: string): Promise<string | null> {
  const [doc] = await tx
    .select({ kind: tenant.moneyDocuments.kind, fromQuoteId: tenant.moneyDocuments.fromQuoteId })
    .from(tenant.moneyDocuments)
    .where(eq(tenant.moneyDocuments.id, documentId));
  if (doc?.kind !== 'deposit_invoice' || !doc.fromQuoteId) return null;
  await tx.select({ id: tenant.moneyDocuments.id }).from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, doc.fromQuoteId)).for('update');
  return doc.fromQuoteId;
}

async function lockInvoice(tx: TenantTx, id: string) {
  const [doc] = await tx.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, id)).for('update');
  if (!doc || !PAYABLE_KINDS.includes(doc.kind)) throw notFound('invoice');
  return doc;
}

/**
 * Record a payment. `actor` is null when a webhook records it (the audit log says so). Given a caller's
 * transaction, the payment commits with the caller's work (the online deposit recorder).
 */
export async function recordPayment(
  db: TenantExecutor,
  actor: Actor | null,
  input: PaymentInput,
): Promise<{ payment: PaymentRow; status: string; balanceCents: number }> {
  return inTransaction(db, async (tx) => {
    if (input.providerPaymentId) {
      const [existing] = await tx.select().from(tenant.payments).where(eq(tenant.payments.providerPaymentId, input.providerPaymentId));
      if (existing) {
        const doc = await lockInvoice(tx, existing.documentId);
        return { payment: existing, status: doc.status, balanceCents: balanceCents(doc) };
      }
    }
    const quoteId = await lockQuoteOf(tx, input.documentId);
    const doc = await lockInvoice(tx, input.documentId);
    if (doc.status === 'draft') throw new AppError('DOCUMENT_INVALID', 'A draft is issued before it is paid', { problems: 'draft' });
    const taken = input.alreadyTaken === true && !!input.providerPaymentId;
    if (doc.status === 'cancelled' && !taken) throw new AppError('DOCUMENT_INVALID', 'This invoice was cancelled by a credit note', { problems: 'cancelled' });
    const currency = input.currency ?? doc.currency;
    if (currency !== doc.currency) throw new AppError('DOCUMENT_INVALID', `The invoice is in ${doc.currency}`, { problems: 'currency' });
    if (!Number.isSafeInteger(input.amountCents) || input.amountCents <= 0) throw new AppError('BAD_REQUEST', 'A payment is a positive amount');
    const balance = balanceCents(doc);
    if (input.amountCents > balance && !taken) {
      throw new AppError('OVERPAYMENT', `This payment is more than the balance due (${balance} cents); over-payments are refused`, {
        balanceCents: Math.max(0, balance),
      });
    }
    const [payment] = await tx
      .insert(tenant.payments)
      .values({
        documentId: doc.id,
        method: input.method,
        amountCents: input.amountCents,
        currency,
        receivedOn: input.receivedOn,
        reference: input.reference ?? '',
        providerPaymentId: input.providerPaymentId ?? null,
        recordedBy: actor?.userId ?? null,
      })
      .returning();
    const paidCents = doc.paidCents + input.amountCents;
    const status = paymentStatus({ ...doc, paidCents });
    await tx.update(tenant.moneyDocuments).set({ paidCents, status, updatedAt: new Date() }).where(eq(tenant.moneyDocuments.id, doc.id));
    if (quoteId)
      await tx
        .update(tenant.moneyDocuments)
        .set({ depositPaidById: doc.id })
        .where(and(eq(tenant.moneyDocuments.id, quoteId), isNull(tenant.moneyDocuments.depositPaidById)));
    await recordAudit(tx, actor, 'payment.recorded', 'payment', payment!.id, {
      documentId: doc.id,
      number: doc.number,
      method: input.method,
      amountCents: input.amountCents,
    });
    return { payment: payment!, status, balanceCents: balanceCents({ ...doc, paidCents }) };
  });
}

type DocumentRow = typeof tenant.moneyDocuments.$inferSelect;

/**
 * The provider reports `refundedTotalCents` given back of its payment `providerPaymentId`, in all: the payment
 * and the invoice's running sum follow it. Idempotent (the total only grows, however often and in whatever order
 * the refund is reported); a removed payment takes no refund. Called with the invoice locked, in the transaction
 * that drafts the refund's credit note. Returns the invoice as it now is.
 */
export async function recordRefundedTotal(tx: TenantTx, invoice: DocumentRow, providerPaymentId: string, refundedTotalCents: number): Promise<DocumentRow> {
  const [payment] = await tx
    .select()
    .from(tenant.payments)
    .where(and(eq(tenant.payments.providerPaymentId, providerPaymentId), eq(tenant.payments.documentId, invoice.id), isNull(tenant.payments.removedAt)))
    .for('update');
  if (!payment) return invoice;
  const total = Math.min(payment.amountCents, refundedTotalCents);
  if (total <= payment.refundedCents) return invoice;
  await tx.update(tenant.payments).set({ refundedCents: total }).where(eq(tenant.payments.id, payment.id));
  const refundedCents = invoice.refundedCents + total - payment.refundedCents;
  const status = paymentStatus({ ...invoice, refundedCents });
  const [updated] = await tx
    .update(tenant.moneyDocuments)
    .set({ refundedCents, status, updatedAt: new Date() })
    .where(eq(tenant.moneyDocuments.id, invoice.id))
    .returning();
  await recordAudit(tx, null, 'payment.refund_recorded', 'payment', payment.id, { documentId: invoice.id, number: invoice.number, refundedTotalCents: total });
  return updated!;
}

/** Remove a payment recorded by mistake: with a reason, audited; the row stays, marked removed. */
export async function removePayment(
  db: TenantDb,
  actor: Actor,
  input: { paymentId: string; reason: string },
): Promise<{ status: string; balanceCents: number }> {
  return db.transaction(async (tx) => {
    const [found] = await tx.select().from(tenant.payments).where(eq(tenant.payments.id, input.paymentId));
    if (!found) throw notFound('payment');
    // The quote (of a deposit invoice), the invoice, then the payment: recordPayment's lock order, so they never deadlock.
    const quoteId = await lockQuoteOf(tx, found.documentId);
    const doc = await lockInvoice(tx, found.documentId);
    const [payment] = await tx.select().from(tenant.payments).where(eq(tenant.payments.id, input.paymentId)).for('update');
    if (payment!.removedAt) throw new AppError('CONFLICT', 'This payment was already removed');
    const now = new Date();
    await tx.update(tenant.payments).set({ removedAt: now, removedReason: input.reason, removedBy: actor.userId }).where(eq(tenant.payments.id, payment!.id));
    // A removed payment stops counting, and so does what was refunded of it.
    const paidCents = doc.paidCents - payment!.amountCents;
    const refundedCents = doc.refundedCents - payment!.refundedCents;
    const status = paymentStatus({ ...doc, paidCents, refundedCents });
    await tx.update(tenant.moneyDocuments).set({ paidCents, refundedCents, status, updatedAt: now }).where(eq(tenant.moneyDocuments.id, doc.id));
    if (quoteId && paidCents <= 0)
      await tx
        .update(tenant.moneyDocuments)
        .set({ depositPaidById: null })
        .where(and(eq(tenant.moneyDocuments.id, quoteId), eq(tenant.moneyDocuments.depositPaidById, doc.id)));
    await recordAudit(tx, actor, 'payment.removed', 'payment', payment!.id, {
      documentId: doc.id,
      number: doc.number,
      amountCents: payment!.amountCents,
      reason: input.reason,
    });
    return { status, balanceCents: balanceCents({ ...doc, paidCents, refundedCents }) };
  });
}

export async function listPayments(db: TenantDb, documentId: string): Promise<PaymentRow[]> {
  return db.select().from(tenant.payments).where(eq(tenant.payments.documentId, documentId)).orderBy(tenant.payments.createdAt);
}

/** "Released when paid" (modules/audio/download-gate.ts): an invoice is paid when nothing is left due on it. */
export async function isInvoicePaid(db: TenantDb, invoiceId: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(invoiceId)) return false;
  const [doc] = await db
    .select({ status: tenant.moneyDocuments.status, kind: tenant.moneyDocuments.kind })
    .from(tenant.moneyDocuments)
    .where(eq(tenant.moneyDocuments.id, invoiceId));
  return !!doc && PAYABLE_KINDS.includes(doc.kind) && doc.status === 'paid';
}
