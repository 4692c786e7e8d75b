/**
 * Reading money documents: one document with its lines, payments and links, and the lists (by kind, status,
 * client, period), keyset-paginated on (issue date, id) so a studio with 20,000 invoices pages through an index.
 * "Overdue" is computed here from the due date and the studio's today, never stored.
 */
import { and, asc, eq, getTableColumns, isNull, lt, or, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { z } from 'zod';
import { balanceCents, isOverdue } from '@rsm/shared/money-balance';
import type { listDocumentsInput } from '@rsm/shared/money-documents-schemas';
import { notFound } from '../../../platform/errors.ts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import { documentFilterConditions, documentSearchCondition } from './document-filters.ts';

type DocumentRow = typeof tenant.moneyDocuments.$inferSelect;
type ListInput = z.output<typeof listDocumentsInput>;

function summary(doc: Omit<DocumentRow, 'snapshot' | 'acceptTokenHash'> & { clientName: string }, today: string) {
  return {
    id: doc.id,
    kind: doc.kind,
    status: isOverdue(doc.status, doc.dueDate, today) ? ('overdue' as const) : doc.status,
    number: doc.number,
    clientId: doc.clientId,
    clientName: doc.clientName,
    projectId: doc.projectId,
    currency: doc.currency,
    issueDate: doc.issueDate,
    dueDate: doc.dueDate,
    validUntil: doc.validUntil,
    netCents: doc.netCents,
    vatCents: doc.vatCents,
    grossCents: doc.grossCents,
    depositsDeductedCents: doc.depositsDeductedCents,
    paidCents: doc.paidCents,
    refundedCents: doc.refundedCents,
    creditedCents: doc.creditedCents,
    balanceCents: doc.kind === 'quote' || doc.kind === 'credit_note' || doc.status === 'draft' ? 0 : balanceCents(doc),
  };
}

const listColumns = (() => {
  const { snapshot: _s, acceptTokenHash: _t, ...columns } = getTableColumns(tenant.moneyDocuments);
  return { ...columns, clientName: tenant.clients.name };
})();

export async function listDocuments(db: TenantDb, today: string, input: ListInput) {
  const conditions = documentFilterConditions(input, today, await documentSearchCondition(db, input.q));
  if (input.after) {
    // Newest first, drafts (no issue date) last: the order PostgreSQL's DESC gives NULLs is first, so say it.
    const { issueDate, id } = input.after;
    conditions.push(
      issueDate === null
        ? and(isNull(tenant.moneyDocuments.issueDate), lt(tenant.moneyDocuments.id, id))
        : or(
            lt(tenant.moneyDocuments.issueDate, issueDate),
            and(eq(tenant.moneyDocuments.issueDate, issueDate), lt(tenant.moneyDocuments.id, id)),
            isNull(tenant.moneyDocuments.issueDate),
          ),
    );
  }
  const rows = await db
    .select(listColumns)
    .from(tenant.moneyDocuments)
    .innerJoin(tenant.clients, eq(tenant.clients.id, tenant.moneyDocuments.clientId))
    .where(and(...conditions))
    // Exactly money_documents_list_order_idx's order (NULLS LAST on id too, though it is never null), so a page
    // is read off the index and stops at the limit.
    .orderBy(sql`${tenant.moneyDocuments.issueDate} DESC NULLS LAST`, sql`${tenant.moneyDocuments.id} DESC NULLS LAST`)
    .limit(input.limit);
  return rows.map((r) => summary(r, today));
}

export async function getDocument(db: TenantDb, today: string, id: string) {
  const [row] = await db
    .select({ doc: tenant.moneyDocuments, clientName: tenant.clients.name })
    .from(tenant.moneyDocuments)
    .innerJoin(tenant.clients, eq(tenant.clients.id, tenant.moneyDocuments.clientId))
    .where(eq(tenant.moneyDocuments.id, id));
  if (!row) throw notFound('document');
  const { doc } = row;
  const lines = await db
    .select()
    .from(tenant.moneyDocumentLines)
    .where(eq(tenant.moneyDocumentLines.documentId, id))
    .orderBy(asc(tenant.moneyDocumentLines.position));
  const payments = await db.select().from(tenant.payments).where(eq(tenant.payments.documentId, id)).orderBy(asc(tenant.payments.createdAt));
  const deductions = await db
    .select({ id: tenant.moneyDocuments.id, number: tenant.moneyDocuments.number, amountCents: tenant.moneyDocumentDeductions.amountCents })
    .from(tenant.moneyDocumentDeductions)
    .innerJoin(tenant.moneyDocuments, eq(tenant.moneyDocuments.id, tenant.moneyDocumentDeductions.depositInvoiceId))
    .where(eq(tenant.moneyDocumentDeductions.finalInvoiceId, id));
  const creditNotes = await db
    .select({
      id: tenant.moneyDocuments.id,
      number: tenant.moneyDocuments.number,
      status: tenant.moneyDocuments.status,
      grossCents: tenant.moneyDocuments.grossCents,
    })
    .from(tenant.moneyDocuments)
    .where(eq(tenant.moneyDocuments.correctsId, id));
  return {
    ...summary({ ...doc, clientName: row.clientName }, today),
    serviceDate: doc.serviceDate,
    notes: doc.notes,
    subtotalCents: doc.subtotalCents,
    discountCents: doc.discountCents,
    discountKind: doc.discountKind,
    discountValue: doc.discountValue,
    correctsId: doc.correctsId,
    fromQuoteId: doc.fromQuoteId,
    hasPdf: doc.pdfKey !== null,
    depositBasisPoints: doc.depositBasisPoints,
    depositCents: doc.depositCents,
    lines: lines.map((l) => ({
      id: l.id,
      position: l.position,
      source: l.source,
      catalogueItemId: l.catalogueItemId,
      sessionId: l.sessionId,
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPriceCents: l.unitPriceCents,
      discountKind: l.discountKind,
      discountValue: l.discountValue,
      vatRateId: l.vatRateId,
      vatBasisPoints: l.vatBasisPoints,
      vatCategory: l.vatCategory,
      amountCents: l.amountCents,
      lineDiscountCents: l.lineDiscountCents,
      documentDiscountCents: l.documentDiscountCents,
      netCents: l.netCents,
    })),
    payments: payments.map((p) => ({
      id: p.id,
      method: p.method,
      amountCents: p.amountCents,
      refundedCents: p.refundedCents,
      currency: p.currency,
      receivedOn: p.receivedOn,
      reference: p.reference,
      removedAt: p.removedAt ? p.removedAt.toISOString() : null,
      removedReason: p.removedReason,
    })),
    depositsDeducted: deductions.map((d) => ({ id: d.id, number: d.number ?? '', amountCents: d.amountCents })),
    creditNotes: creditNotes.map((c) => ({ id: c.id, number: c.number, status: c.status, grossCents: c.grossCents })),
  };
}
