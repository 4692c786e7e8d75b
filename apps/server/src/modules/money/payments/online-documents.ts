/**
 * The documents an online payment or refund brings with it, made and issued by the money domain itself (no staff
 * actor; the audit log says so):
 *  - a deposit paid on an accepted quote gets its deposit invoice (French law: a deposit received is invoiced), for
 *    exactly what was paid, marked with the payment's id so a second delivery finds it instead of making another;
 *  - money refunded on an invoice is recorded as refunded on its payment (no longer paid), and gets a credit note
 *    for the refunded amount, marked the same way; the refunded
 *    total Stripe reports is compared with what the marked credit notes already give back, so each refund is
 *    credited once, whatever the order and number of deliveries.
 * The quote or invoice row is locked while the draft is made, so two deliveries at once cannot both make one;
 * drafts count as made (a crash between draft and issue is finished by the next delivery).
 */
import { and, eq, inArray, like } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { maxCreditCents } from '@rsm/shared/money-balance';
import { AppError, notFound } from '../../../platform/errors.ts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import { inTransaction, type TenantExecutor } from '../../../platform/tenancy/tenant-tx.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { issueDocument, type IssueDeps } from '../invoicing/issue.service.ts';
import { recordRefundedTotal } from '../invoicing/payments.service.ts';
import type { StudioMoneyContext } from '../invoicing/drafts.service.ts';
import { linesForAmount, sourceLines } from './amount-lines.ts';

type Doc = typeof tenant.moneyDocuments.$inferSelect;
const marker = (paymentIntentId: string) => `[${paymentIntentId}]`;
// `_` and `%` are LIKE wildcards: a Stripe id has `_`, escaped so it matches only itself.
const markedBy = (paymentIntentId: string) => like(tenant.moneyDocuments.notes, `%${marker(paymentIntentId).replace(/[\\%_]/g, (c) => `\\${c}`)}%`);

async function issueDrafts(db: TenantExecutor, ctx: StudioMoneyContext, deps: IssueDeps, docs: Doc[]): Promise<void> {
  for (const doc of docs) if (doc.status === 'draft') await issueDocument(db, ctx, deps, null, doc.id);
}

/**
 * The issued deposit invoice of `quoteId` for this payment, made now if it does not exist yet. Given a caller's
 * transaction, draft and issue join it (the recorder records the payment in the same transaction).
 */
export async function depositInvoiceForPayment(
  db: TenantExecutor,
  ctx: StudioMoneyContext,
  deps: IssueDeps,
  quoteId: string,
  payment: { paymentIntentId: string; amountCents: number },
): Promise<Doc> {
  const drafted = await inTransaction(db, async (tx) => {
    const [quote] = await tx.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, quoteId)).for('update');
    if (!quote || quote.kind !== 'quote') throw notFound('quote');
    const [existing] = await tx
      .select()
      .from(tenant.moneyDocuments)
      .where(and(eq(tenant.moneyDocuments.fromQuoteId, quoteId), eq(tenant.moneyDocuments.kind, 'deposit_invoice'), markedBy(payment.paymentIntentId)));
    if (existing) return existing;
    if (quote.status !== 'accepted' && quote.status !== 'invoiced') {
      throw new AppError('DOCUMENT_INVALID', `A deposit was paid on quote ${quote.number}, which is ${quote.status}`, { problems: quote.status });
    }
    const fr = ctx.locale === 'fr';
    const { lines, totals } = linesForAmount(await sourceLines(tx, quote.id), payment.amountCents, (rate) =>
      fr ? `Acompte sur le devis ${quote.number} (TVA ${rate})` : `Deposit on quote ${quote.number} (VAT ${rate})`,
    );
    const notes = fr ? `Acompte réglé en ligne ${marker(payment.paymentIntentId)}` : `Deposit paid online ${marker(payment.paymentIntentId)}`;
    const [row] = await tx
      .insert(tenant.moneyDocuments)
      .values({
        kind: 'deposit_invoice',
        clientId: quote.clientId,
        projectId: quote.projectId,
        currency: quote.currency,
        fromQuoteId: quote.id,
        notes,
        subtotalCents: totals.subtotalCents,
        discountCents: totals.documentDiscountCents,
        netCents: totals.netCents,
        vatCents: totals.vatCents,
        grossCents: totals.grossCents,
      })
      .returning();
    await tx.insert(tenant.moneyDocumentLines).values(lines.map((l, position) => ({ ...l, documentId: row!.id, position })));
    await recordAudit(tx, null, 'money_document.draft_created', 'money_document', row!.id, {
      kind: 'deposit_invoice',
      fromQuote: quote.number,
      paymentIntentId: payment.paymentIntentId,
    });
    return row!;
  });
  await issueDrafts(db, ctx, deps, [drafted]);
  const [issued] = await db.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, drafted.id));
  return issued!;
}

/**
 * Credit notes on `invoiceId` that give back `refundedTotalCents` of this payment in all. Returns the credit notes
 * made now (none when an earlier delivery already credited that total).
 */
export async function creditRefund(
  db: TenantDb,
  ctx: StudioMoneyContext,
  deps: IssueDeps,
  invoiceId: string,
  refund: { paymentIntentId: string; refundedTotalCents: number },
): Promise<string[]> {
  const { pending, made } = await db.transaction(async (tx) => {
    const [locked] = await tx.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, invoiceId)).for('update');
    if (!locked) throw notFound('invoice');
    // The money given back is no longer paid: recorded with the credit note's draft, under the same lock.
    const invoice = await recordRefundedTotal(tx, locked, refund.paymentIntentId, refund.refundedTotalCents);
    const credited = await tx
      .select()
      .from(tenant.moneyDocuments)
      .where(
        and(
          eq(tenant.moneyDocuments.correctsId, invoiceId),
          eq(tenant.moneyDocuments.kind, 'credit_note'),
          inArray(tenant.moneyDocuments.status, ['draft', 'issued', 'paid']),
          markedBy(refund.paymentIntentId),
        ),
      );
    const already = credited.reduce((sum, c) => sum + c.grossCents, 0);
    const drafts = credited.filter((c) => c.status === 'draft');
    const missing = Math.min(refund.refundedTotalCents - already, maxCreditCents(invoice) - drafts.reduce((s, d) => s + d.grossCents, 0));
    if (missing <= 0) return { pending: drafts, made: [] as string[] };
    const fr = ctx.locale === 'fr';
    const { lines, totals } = linesForAmount(await sourceLines(tx, invoice.id), missing, (rate) =>
      fr ? `Remboursement sur la facture ${invoice.number} (TVA ${rate})` : `Refund on invoice ${invoice.number} (VAT ${rate})`,
    );
    if (totals.grossCents <= 0) return { pending: drafts, made: [] as string[] };
    const [row] = await tx
      .insert(tenant.moneyDocuments)
      .values({
        kind: 'credit_note',
        clientId: invoice.clientId,
        projectId: invoice.projectId,
        currency: invoice.currency,
        correctsId: invoice.id,
        notes: `${fr ? 'Motif : remboursement du paiement en ligne' : 'Reason: refund of the online payment'} ${marker(refund.paymentIntentId)}`,
        subtotalCents: totals.subtotalCents,
        discountCents: totals.documentDiscountCents,
        netCents: totals.netCents,
        vatCents: totals.vatCents,
        grossCents: totals.grossCents,
      })
      .returning();
    await tx.insert(tenant.moneyDocumentLines).values(lines.map((l, position) => ({ ...l, documentId: row!.id, position })));
    await recordAudit(tx, null, 'money_document.credit_note_drafted', 'money_document', row!.id, {
      corrects: invoice.number,
      paymentIntentId: refund.paymentIntentId,
      amountCents: totals.grossCents,
    });
    return { pending: [...drafts, row!], made: [row!.id] };
  });
  await issueDrafts(db, ctx, deps, pending);
  return made;
}
