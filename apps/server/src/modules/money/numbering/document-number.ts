/**
 * Gap-free document numbers (ADR 0016). French law wants invoice and credit-note numbers continuous within a
 * series: no number skipped, none used twice. `max(number) + 1` gives duplicates under concurrency and a
 * sequence gives gaps on rollback, so a number is the increment of a counter row taken inside the very
 * transaction that issues the document:
 *  - concurrent issuers of one series queue on that row's lock and each sees the previous one's number;
 *  - an issue that rolls back rolls the increment back with it, so its number is given to the next issuer.
 * The cost is that issuing in one series is serialised per studio, which is nothing at a studio's volume.
 */
import { eq, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { formatDocumentNumber } from '@rsm/shared/billing-texts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';

/** A transaction on a studio's database; a plain connection is refused by the type so no number is taken outside one. */
export type TenantTx = Parameters<Parameters<TenantDb['transaction']>[0]>[0];
export type DocumentSeries = (typeof tenant.DOCUMENT_SERIES)[number];

const PREFIX_COLUMN = {
  invoice: tenant.billingSettings.invoicePrefix,
  credit_note: tenant.billingSettings.creditNotePrefix,
  quote: tenant.billingSettings.quotePrefix,
} as const;

export interface DocumentNumber {
  series: DocumentSeries;
  year: number;
  sequence: number;
  /** As printed: `F-2026-0001`. */
  number: string;
}

/**
 * Take the next number of `series` for `year` (the year of the issue date in the studio's time zone).
 * Must run in a READ COMMITTED transaction (PostgreSQL's default) that also writes the document: under
 * REPEATABLE READ a second issuer would fail on the updated row instead of waiting for it.
 */
export async function assignDocumentNumber(tx: TenantTx, series: DocumentSeries, year: number): Promise<DocumentNumber> {
  if (!Number.isInteger(year) || year < 2000 || year > 9999) throw new RangeError(`document year out of range: ${year}`);
  // The first number of a year creates its counter row; two first issuers race on the primary key and the
  // loser's insert does nothing once the winner commits (or inserts after all, if the winner rolled back).
  await tx.insert(tenant.documentCounters).values({ series, year, lastNumber: 0 }).onConflictDoNothing();
  // The UPDATE takes the row lock SELECT … FOR UPDATE would, and holds it to the end of the transaction.
  const [counter] = await tx
    .update(tenant.documentCounters)
    .set({ lastNumber: sql`${tenant.documentCounters.lastNumber} + 1` })
    .where(sql`${tenant.documentCounters.series} = ${series} AND ${tenant.documentCounters.year} = ${year}`)
    .returning({ sequence: tenant.documentCounters.lastNumber });
  const [settings] = await tx.select({ prefix: PREFIX_COLUMN[series] }).from(tenant.billingSettings).where(eq(tenant.billingSettings.id, 1));
  if (!counter || !settings) throw new Error('document counter or billing settings row missing');
  return { series, year, sequence: counter.sequence, number: formatDocumentNumber(settings.prefix, year, counter.sequence) };
}
