/**
 * The WHERE of a documents list and of its totals (the same filters, so the totals are those of the rows shown).
 * The search looks in the number and the client's name; kind, status, client and period use the indexes
 * (kind, status, issue date) and (client, issue date).
 */
import { eq, gte, ilike, inArray, lt, lte, or, type SQL } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { z } from 'zod';
import type { documentFiltersInput } from '@rsm/shared/money-documents-schemas';

export type DocumentFilters = z.output<typeof documentFiltersInput>;

/** `%` and `_` typed by the user are literal characters, not wildcards. */
export function containsPattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function documentFilterConditions(input: DocumentFilters, today: string): (SQL | undefined)[] {
  const d = tenant.moneyDocuments;
  const conditions: (SQL | undefined)[] = [inArray(d.kind, input.kinds)];
  if (input.status === 'overdue') {
    conditions.push(inArray(d.status, ['issued', 'partially_paid']), lt(d.dueDate, today));
  } else if (input.status) {
    conditions.push(eq(d.status, input.status));
  }
  if (input.clientId) conditions.push(eq(d.clientId, input.clientId));
  if (input.from) conditions.push(gte(d.issueDate, input.from));
  if (input.to) conditions.push(lte(d.issueDate, input.to));
  const q = input.q?.trim();
  if (q) conditions.push(or(ilike(d.number, containsPattern(q)), ilike(tenant.clients.name, containsPattern(q))));
  return conditions;
}
