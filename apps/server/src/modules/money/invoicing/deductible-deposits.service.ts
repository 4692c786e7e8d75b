/**
 * The deposit invoices a final invoice may deduct (the editor's "Deposits to deduct"): the client's issued deposit
 * invoices not cancelled and not deducted by another final invoice, with the amount a deduction takes — the same
 * rules as drafts.service's depositDeductions, which checks them again when the draft is written.
 */
import { and, asc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';

export async function deductibleDeposits(db: TenantDb, input: { clientId: string; draftId?: string | undefined }) {
  const d = tenant.moneyDocuments;
  const k = tenant.moneyDocumentDeductions;
  const rows = await db
    .select({
      id: d.id,
      number: d.number,
      issueDate: d.issueDate,
      status: d.status,
      grossCents: d.grossCents,
      creditedCents: d.creditedCents,
      takenBy: k.finalInvoiceId,
    })
    .from(d)
    .leftJoin(k, eq(k.depositInvoiceId, d.id))
    .where(
      and(
        eq(d.clientId, input.clientId),
        eq(d.kind, 'deposit_invoice'),
        inArray(d.status, ['issued', 'partially_paid', 'paid']),
        input.draftId ? or(isNull(k.finalInvoiceId), eq(k.finalInvoiceId, input.draftId)) : isNull(k.finalInvoiceId),
        ne(sql`${d.grossCents} - ${d.creditedCents}`, 0),
      ),
    )
    .orderBy(asc(d.issueDate), asc(d.number))
    .limit(100);
  return rows.map((r) => ({
    id: r.id,
    number: r.number!,
    issueDate: r.issueDate!,
    status: r.status,
    amountCents: r.grossCents - r.creditedCents,
    chosen: r.takenBy !== null && r.takenBy === input.draftId,
  }));
}
