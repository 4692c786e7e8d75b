/**
 * The totals above the money lists: the sums of the filtered set (one aggregate, same WHERE as the list), and
 * what clients still owe — outstanding and, of it, overdue — over the open invoices (the partial index on due
 * date keeps this scan to unpaid invoices only). Balances follow @rsm/shared/money-balance, summed in SQL.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import { documentFilterConditions, documentSearchCondition, type DocumentFilters } from './document-filters.ts';

const d = tenant.moneyDocuments;
/** due − kept: gross − deposits deducted − credited − (paid − refunded) (money-balance.ts's balanceCents). */
const balance = sql`${d.grossCents} - ${d.depositsDeductedCents} - ${d.creditedCents} - (${d.paidCents} - ${d.refundedCents})`;
const INVOICE_KINDS = ['invoice', 'deposit_invoice', 'final_invoice'] as const;
const OPEN_STATUSES = ['issued', 'partially_paid'] as const;
const int = (value: unknown) => Number(value ?? 0);
/** A credit note takes money back: it counts negative in a list's sums, as it does on the client's account. */
const signed = (column: typeof d.netCents | typeof d.vatCents | typeof d.grossCents) =>
  sql`coalesce(sum(CASE WHEN ${d.kind} = 'credit_note' THEN -${column} ELSE ${column} END), 0)`;

export async function documentsSummary(db: TenantDb, today: string, input: DocumentFilters) {
  const sums = db
    .select({
      count: sql<string>`count(*)`,
      netCents: signed(d.netCents),
      vatCents: signed(d.vatCents),
      grossCents: signed(d.grossCents),
      // Only issued invoices have a balance (quotes, drafts and credit notes owe nothing themselves).
      balanceCents: sql<string>`coalesce(sum(${balance}) FILTER (WHERE ${d.kind} IN ('invoice', 'deposit_invoice', 'final_invoice') AND ${d.status} <> 'draft'), 0)`,
    })
    .from(d)
    .where(and(...documentFilterConditions(input, today, await documentSearchCondition(db, input.q))));
  const [filtered] = await sums;
  const [open] = await db
    .select({
      outstandingCents: sql<string>`coalesce(sum(${balance}), 0)`,
      outstandingCount: sql<string>`count(*)`,
      overdueCents: sql<string>`coalesce(sum(${balance}) FILTER (WHERE ${d.dueDate} < ${today}), 0)`,
      overdueCount: sql<string>`count(*) FILTER (WHERE ${d.dueDate} < ${today})`,
    })
    .from(d)
    .where(
      and(
        inArray(d.status, OPEN_STATUSES),
        inArray(d.kind, INVOICE_KINDS),
        input.clientId ? eq(d.clientId, input.clientId) : undefined,
        input.projectId ? eq(d.projectId, input.projectId) : undefined,
      ),
    );
  return {
    count: int(filtered?.count),
    netCents: int(filtered?.netCents),
    vatCents: int(filtered?.vatCents),
    grossCents: int(filtered?.grossCents),
    balanceCents: int(filtered?.balanceCents),
    outstandingCents: int(open?.outstandingCents),
    outstandingCount: int(open?.outstandingCount),
    overdueCents: int(open?.overdueCents),
    overdueCount: int(open?.overdueCount),
  };
}
