/**
 * Credit notes (avoirs): the only way to correct an issued invoice. A credit note names the invoice it corrects
 * and, once issued, lowers what is due on it (issue.service.ts, under the invoice's lock). It is created as a
 * draft — a copy of the whole invoice, or the lines given for a partial correction — and issued like any document
 * in the credit-note series. "Everything still due" on an invoice that deducts deposits or was partly credited
 * already is what is left of it, split over its VAT rates (amount-lines.ts, as a refund's credit note is). Its amounts are positive on a document of kind credit note (ADR 0016).
 */
import { asc, eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { z } from 'zod';
import type { createCreditNoteInput } from '@rsm/shared/money-documents-schemas';
import { maxCreditCents } from '@rsm/shared/money-balance';
import { AppError, notFound } from '../../../platform/errors.ts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../studios/studio-context.ts';
import { linesForAmount, sourceLines } from '../payments/amount-lines.ts';
import { resolveLines } from './draft-lines.ts';
import type { StudioMoneyContext } from './drafts.service.ts';

type Input = z.output<typeof createCreditNoteInput>;
const CORRECTABLE = ['invoice', 'deposit_invoice', 'final_invoice'];

export async function createCreditNote(db: TenantDb, ctx: StudioMoneyContext, actor: Actor, input: Input): Promise<string> {
  return db.transaction(async (tx) => {
    const [invoice] = await tx.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, input.invoiceId));
    if (!invoice || !CORRECTABLE.includes(invoice.kind)) throw notFound('invoice');
    if (!['issued', 'partially_paid', 'paid'].includes(invoice.status)) {
      throw new AppError('DOCUMENT_INVALID', 'Only an issued invoice that is not already cancelled is corrected by a credit note', {
        problems: invoice.status,
      });
    }
    const max = maxCreditCents(invoice);
    const notes = `${ctx.locale === 'fr' ? 'Motif' : 'Reason'}: ${input.reason}`;
    const base = {
      kind: 'credit_note' as const,
      clientId: invoice.clientId,
      projectId: invoice.projectId,
      currency: invoice.currency,
      correctsId: invoice.id,
      notes,
      createdBy: actor.userId,
    };

    let id: string;
    const leftOnly = !(input.lines && input.lines.length > 0) && invoice.grossCents > max;
    if (leftOnly && max <= 0) throw new AppError('CREDIT_EXCEEDS_INVOICE', `Nothing is left to credit on ${invoice.number}`, { maxCents: 0 });
    if ((input.lines && input.lines.length > 0) || leftOnly) {
      const fr = ctx.locale === 'fr';
      const { lines, totals } = leftOnly
        ? linesForAmount(await sourceLines(tx, invoice.id), max, (rate) =>
            fr ? `Reste de la facture ${invoice.number} (TVA ${rate})` : `Rest of invoice ${invoice.number} (VAT ${rate})`,
          )
        : await resolveLines(tx, input.lines!, invoice.clientId, null, ctx);
      if (totals.grossCents > max)
        throw new AppError('CREDIT_EXCEEDS_INVOICE', `A credit note cannot exceed what is still due on ${invoice.number} (${max} cents)`, { maxCents: max });
      const [row] = await tx
        .insert(tenant.moneyDocuments)
        .values({
          ...base,
          subtotalCents: totals.subtotalCents,
          discountCents: totals.documentDiscountCents,
          netCents: totals.netCents,
          vatCents: totals.vatCents,
          grossCents: totals.grossCents,
        })
        .returning({ id: tenant.moneyDocuments.id });
      id = row!.id;
      const documentId = id;
      await tx.insert(tenant.moneyDocumentLines).values(lines.map((l, position) => ({ ...l, documentId, position })));
    } else {
      // The whole invoice: its lines and amounts exactly as issued (already computed by computeTotals then).
      const [row] = await tx
        .insert(tenant.moneyDocuments)
        .values({
          ...base,
          discountKind: invoice.discountKind,
          discountValue: invoice.discountValue,
          subtotalCents: invoice.subtotalCents,
          discountCents: invoice.discountCents,
          netCents: invoice.netCents,
          vatCents: invoice.vatCents,
          grossCents: invoice.grossCents,
        })
        .returning({ id: tenant.moneyDocuments.id });
      id = row!.id;
      const documentId = id;
      const lines = await tx
        .select()
        .from(tenant.moneyDocumentLines)
        .where(eq(tenant.moneyDocumentLines.documentId, invoice.id))
        .orderBy(asc(tenant.moneyDocumentLines.position));
      await tx.insert(tenant.moneyDocumentLines).values(lines.map(({ id: _lineId, ...line }) => ({ ...line, documentId })));
    }
    await recordAudit(tx, actor, 'money_document.credit_note_drafted', 'money_document', id, { corrects: invoice.number, reason: input.reason });
    return id;
  });
}
