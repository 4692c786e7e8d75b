/**
 * The WHERE of a documents list and of its totals (the same filters, so the totals are those of the rows shown).
 * The search looks in the number and the client's name; kind, status, client and period use the indexes
 * (kind, status, issue date) and (client, issue date).
 */
import { and, eq, gte, ilike, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { z } from 'zod';
import type { documentFiltersInput } from '@rsm/shared/money-documents-schemas';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';

export type DocumentFilters = z.output<typeof documentFiltersInput>;

/** `%` and `_` typed by the user are literal characters, not wildcards. */
export function containsPattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Past this many matching clients, the search names them by a subquery rather than by their ids. */
const MAX_SEARCHED_CLIENTS = 200;

/**
 * The search as a condition on money_documents alone: the number (trigram index, migration 0023) or one of the
 * clients whose name matches, found first through their folded search text's trigram index and checked on the name
 * (the folded text holds the folded name, so it finds a superset). Two index lookups instead of an OR across a join,
 * which made PostgreSQL walk the whole list in order for a search that matches one invoice.
 */
export async function documentSearchCondition(db: TenantDb, q: string | undefined): Promise<SQL | undefined> {
  const term = q?.trim();
  if (!term) return undefined;
  const pattern = containsPattern(term);
  const d = tenant.moneyDocuments;
  const c = tenant.clients;
  const nameMatches = and(sql`${c}.search_text LIKE public.rsm_fold(${pattern})`, ilike(c.name, pattern));
  const clients = await db
    .select({ id: c.id })
    .from(c)
    .where(nameMatches)
    .limit(MAX_SEARCHED_CLIENTS + 1);
  const byNumber = ilike(d.number, pattern);
  if (clients.length === 0) return byNumber;
  if (clients.length > MAX_SEARCHED_CLIENTS) return or(byNumber, inArray(d.clientId, db.select({ id: c.id }).from(c).where(nameMatches)));
  return or(
    byNumber,
    inArray(
      d.clientId,
      clients.map((r) => r.id),
    ),
  );
}

/** `search` is documentSearchCondition's answer for `input.q`. */
export function documentFilterConditions(input: DocumentFilters, today: string, search: SQL | undefined): (SQL | undefined)[] {
  const d = tenant.moneyDocuments;
  const conditions: (SQL | undefined)[] = [inArray(d.kind, input.kinds)];
  if (input.status === 'overdue') {
    conditions.push(inArray(d.status, ['issued', 'partially_paid']), lt(d.dueDate, today));
  } else if (input.status) {
    conditions.push(eq(d.status, input.status));
  }
  if (input.clientId) conditions.push(eq(d.clientId, input.clientId));
  if (input.projectId) conditions.push(eq(d.projectId, input.projectId));
  if (input.from) conditions.push(gte(d.issueDate, input.from));
  if (input.to) conditions.push(lte(d.issueDate, input.to));
  conditions.push(search);
  return conditions;
}
