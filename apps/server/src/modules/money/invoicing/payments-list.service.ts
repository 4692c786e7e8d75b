/**
 * The payments list: every payment received on the studio's documents, newest first, keyset-paginated on
 * (received date, id) through payments_received_idx; the document's number and client come in the same query.
 */
import { and, desc, eq, gte, ilike, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { z } from 'zod';
import type { listPaymentsInput } from '@rsm/shared/money-documents-schemas';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import { containsPattern } from './document-filters.ts';

type ListPaymentsInput = z.output<typeof listPaymentsInput>;
const p = tenant.payments;
const d = tenant.moneyDocuments;

function conditions(input: ListPaymentsInput): (SQL | undefined)[] {
  const where: (SQL | undefined)[] = [];
  if (!input.includeRemoved) where.push(isNull(p.removedAt));
  if (input.method) where.push(eq(p.method, input.method));
  if (input.clientId) where.push(eq(d.clientId, input.clientId));
  if (input.from) where.push(gte(p.receivedOn, input.from));
  if (input.to) where.push(lte(p.receivedOn, input.to));
  const q = input.q?.trim();
  if (q) where.push(or(ilike(d.number, containsPattern(q)), ilike(tenant.clients.name, containsPattern(q)), ilike(p.reference, containsPattern(q))));
  return where;
}

export async function listPayments(db: TenantDb, input: ListPaymentsInput) {
  const where = conditions(input);
  if (input.after) {
    const { receivedOn, id } = input.after;
    where.push(or(lt(p.receivedOn, receivedOn), and(eq(p.receivedOn, receivedOn), lt(p.id, id))));
  }
  const rows = await db
    .select({
      id: p.id,
      documentId: p.documentId,
      documentNumber: d.number,
      documentKind: d.kind,
      clientId: d.clientId,
      clientName: tenant.clients.name,
      method: p.method,
      amountCents: p.amountCents,
      currency: p.currency,
      receivedOn: p.receivedOn,
      reference: p.reference,
      removedAt: p.removedAt,
      removedReason: p.removedReason,
    })
    .from(p)
    .innerJoin(d, eq(d.id, p.documentId))
    .innerJoin(tenant.clients, eq(tenant.clients.id, d.clientId))
    .where(and(...where))
    .orderBy(desc(p.receivedOn), desc(p.id))
    .limit(input.limit);
  return rows.map((r) => ({ ...r, removedAt: r.removedAt ? r.removedAt.toISOString() : null }));
}

/** The total received over the filtered payments (removed ones never count). */
export async function paymentsTotal(db: TenantDb, input: ListPaymentsInput) {
  const [row] = await db
    .select({ count: sql<string>`count(*)`, amountCents: sql<string>`coalesce(sum(${p.amountCents}), 0)` })
    .from(p)
    .innerJoin(d, eq(d.id, p.documentId))
    .innerJoin(tenant.clients, eq(tenant.clients.id, d.clientId))
    .where(and(...conditions({ ...input, includeRemoved: false })));
  return { count: Number(row?.count ?? 0), amountCents: Number(row?.amountCents ?? 0) };
}
