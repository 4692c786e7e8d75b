/**
 * Issuing: the one way a draft becomes a numbered, frozen document. Everything happens in one transaction:
 *  1. every check that may still refuse the issue (lines, client, credit within the invoice, deposits…);
 *  2. the number, from the gap-free counter (ADR 0016) — after the checks, so the counter's row lock is held
 *     only for the rendering and the writes that follow;
 *  3. the PDF rendered from the frozen model (PDF/A-3 with Factur-X for every kind but a quote) and stored;
 *  4. the document row updated with number, dates, snapshot and PDF key; a credit note lowers what is due on its
 *     invoice in the same transaction.
 * Any failure (a refused model, storage down, a crash) rolls all of it back: the number returns to the counter.
 * Rendering inside the transaction keeps the counter locked a little longer (issuers of one series queue), which
 * is what "no gap, even when rendering fails" costs; a stored PDF of a rolled-back issue is removed, and would in
 * any case be overwritten by the next issue of the same draft (the key is the document's id).
 */
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { maxCreditCents, paymentStatus } from '@rsm/shared/money-balance';
import { wallClock } from '@rsm/shared/zoned-time';
import { InvalidMoneyDocument, assertConsistentDocument, renderMoneyDocument } from '../documents/index.ts';
import { AppError } from '../../../platform/errors.ts';
import type { FileStorage } from '../../../platform/storage/file-storage.ts';
import { studioFileKey } from '../../../platform/storage/keys.ts';
import { inTransaction, type TenantExecutor } from '../../../platform/tenancy/tenant-tx.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../studios/studio-context.ts';
import { assignDocumentNumber, type DocumentSeries, type TenantTx } from '../numbering/document-number.ts';
import { getBillingDetails } from '../settings/billing-details.service.ts';
import { pausePoint } from '../../../platform/testing/pause-points.ts';
import { buildDocumentModel } from './document-snapshot.ts';
import { lockDraft, type StudioMoneyContext } from './drafts.service.ts';

export interface IssueDeps {
  storage: FileStorage;
  now?: () => Date;
  /** The portal page where the client pays online, printed on an invoice that has something to pay (payOnlineLink). */
  payOnlineUrl?: string;
}

type DocumentRow = typeof tenant.moneyDocuments.$inferSelect;
const PAYABLE_KINDS: ReadonlySet<DocumentRow['kind']> = new Set(['invoice', 'deposit_invoice', 'final_invoice']);
const QUOTE_VALIDITY_DAYS = 30;

const seriesOf = (kind: DocumentRow['kind']): DocumentSeries => (kind === 'quote' ? 'quote' : kind === 'credit_note' ? 'credit_note' : 'invoice');

/** `YYYY-MM-DD` of an instant in the studio's zone, and that date plus `days`. */
export function zonedDate(instant: Date, timeZone: string, plusDays = 0): string {
  const wall = wallClock(instant, timeZone);
  const date = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + plusDays));
  return date.toISOString().slice(0, 10);
}

const invalid = (problems: string[]) =>
  new AppError('DOCUMENT_INVALID', `This document cannot be issued: ${problems.join('; ')}`, { problems: problems.join('; ') });

/** Checks of a credit note against its invoice (locked here, so two credit notes cannot both take the last euro). */
async function checkCreditNote(tx: TenantTx, doc: DocumentRow): Promise<DocumentRow> {
  const [invoice] = await tx.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, doc.correctsId!)).for('update');
  if (!invoice || !['issued', 'partially_paid', 'paid'].includes(invoice.status))
    throw invalid(['the corrected invoice is not open (draft or already cancelled)']);
  const max = maxCreditCents(invoice);
  if (doc.grossCents > max)
    throw new AppError('CREDIT_EXCEEDS_INVOICE', `A credit note cannot exceed what is still due on ${invoice.number} (${max} cents)`, { maxCents: max });
  return invoice;
}

/** A final invoice's deductions are re-read at issue: a deposit invoice credited since the draft counts for less. */
async function refreshDeductions(tx: TenantTx, doc: DocumentRow): Promise<DocumentRow> {
  const rows = await tx
    .select({ d: tenant.moneyDocumentDeductions, deposit: tenant.moneyDocuments })
    .from(tenant.moneyDocumentDeductions)
    .innerJoin(tenant.moneyDocuments, eq(tenant.moneyDocuments.id, tenant.moneyDocumentDeductions.depositInvoiceId))
    .where(eq(tenant.moneyDocumentDeductions.finalInvoiceId, doc.id));
  let total = 0;
  for (const { d, deposit } of rows) {
    if (!['issued', 'partially_paid', 'paid'].includes(deposit.status)) throw invalid([`deposit invoice ${deposit.number} is cancelled`]);
    const amount = deposit.grossCents - deposit.creditedCents;
    if (amount !== d.amountCents) {
      await tx.update(tenant.moneyDocumentDeductions).set({ amountCents: amount }).where(eq(tenant.moneyDocumentDeductions.depositInvoiceId, deposit.id));
    }
    total += amount;
  }
  if (total > doc.grossCents) throw invalid(['the deposits deducted exceed the final invoice']);
  if (total === doc.depositsDeductedCents) return doc;
  const [updated] = await tx.update(tenant.moneyDocuments).set({ depositsDeductedCents: total }).where(eq(tenant.moneyDocuments.id, doc.id)).returning();
  return updated!;
}

export interface IssuedDocument {
  id: string;
  number: string;
  pdfKey: string;
}

/**
 * `actor` is null when the money domain issues by itself (the deposit invoice of a deposit paid online, a refund's
 * credit note). Given a caller's transaction (`db`), the issue joins it (a savepoint): the number, the rows and the
 * stored PDF then commit with the caller's work, or the number goes back to the counter with it. The PDF is stored
 * before anything commits either way, so an issued invoice always has its PDF; a PDF stored for a caller's
 * transaction that rolls back later is left as an orphan file (its draft is gone, the key is never served).
 */
export async function issueDocument(db: TenantExecutor, ctx: StudioMoneyContext, deps: IssueDeps, actor: Actor | null, id: string): Promise<IssuedDocument> {
  const now = deps.now?.() ?? new Date();
  const key = studioFileKey(ctx.studioId, 'documents', id, 'pdf');
  let stored = false;
  try {
    return await inTransaction(db, async (tx) => {
      let doc = await lockDraft(tx, id);
      const invoice = doc.kind === 'credit_note' ? await checkCreditNote(tx, doc) : null;
      if (doc.kind === 'final_invoice') doc = await refreshDeductions(tx, doc);
      const issueDate = zonedDate(now, ctx.timeZone);
      const terms = (await getBillingDetails(tx as never, ctx.locale)).paymentTermsDays;
      const dueDate =
        doc.kind === 'quote'
          ? (doc.validUntil ?? zonedDate(now, ctx.timeZone, QUOTE_VALIDITY_DAYS))
          : doc.kind === 'credit_note'
            ? null
            : zonedDate(now, ctx.timeZone, terms);
      if (doc.kind === 'quote' && dueDate! < issueDate) throw invalid(['the validity date is in the past']);

      // Every check before the number: the model is checked with a stand-in number, then numbered.
      const model = await buildDocumentModel(tx, ctx, doc, { number: 'DRAFT', issueDate, dueDate });
      if (deps.payOnlineUrl && PAYABLE_KINDS.has(doc.kind) && model.totals.dueCents > 0) model.payOnlineUrl = deps.payOnlineUrl;
      try {
        assertConsistentDocument(model);
      } catch (error) {
        if (error instanceof InvalidMoneyDocument) throw invalid(error.problems);
        throw error;
      }
      const number = await assignDocumentNumber(tx, seriesOf(doc.kind), Number(issueDate.slice(0, 4)));
      model.number = number.number;
      const rendered = await renderMoneyDocument(model);
      await deps.storage.putBuffer(key, Buffer.from(rendered.pdf), 'application/pdf');
      stored = true;

      const status = doc.kind === 'quote' ? 'sent' : paymentStatus({ ...doc, paidCents: 0, refundedCents: 0, creditedCents: 0 });
      await tx
        .update(tenant.moneyDocuments)
        .set({
          status,
          series: number.series,
          year: number.year,
          sequence: number.sequence,
          number: number.number,
          issueDate,
          dueDate,
          ...(doc.kind === 'quote' ? { validUntil: dueDate } : {}),
          snapshot: model,
          pdfKey: key,
          issuedAt: now,
          issuedBy: actor?.userId ?? null,
          updatedAt: now,
        })
        .where(eq(tenant.moneyDocuments.id, id));
      if (invoice) {
        const creditedCents = invoice.creditedCents + doc.grossCents;
        await tx
          .update(tenant.moneyDocuments)
          .set({ creditedCents, status: paymentStatus({ ...invoice, creditedCents }), updatedAt: now })
          .where(eq(tenant.moneyDocuments.id, invoice.id));
      }
      // A deposit invoice asked at acceptance leaves the quote to be invoiced; the invoice of the work closes it.
      if (doc.fromQuoteId && doc.kind !== 'deposit_invoice')
        await tx.update(tenant.moneyDocuments).set({ status: 'invoiced', updatedAt: now }).where(eq(tenant.moneyDocuments.id, doc.fromQuoteId));
      // Crash tests stop the server here: number taken, PDF stored, rows written, nothing committed yet.
      await pausePoint('money.issue.before-commit');
      await recordAudit(tx, actor, 'money_document.issued', 'money_document', id, { kind: doc.kind, number: number.number, grossCents: doc.grossCents });
      return { id, number: number.number, pdfKey: key };
    });
  } catch (error) {
    // The transaction rolled back: the number is back in the counter; the PDF it rendered must not linger.
    if (stored) await deps.storage.delete(key).catch(() => undefined);
    throw error;
  }
}
