/**
 * What the studio hands its accountant for a period (issue 11, item 9), read from issued documents only (drafts
 * are not accounting): the invoices and credit notes issued in the period, the payments received in it, and the
 * VAT by rate. Every figure is a stored one (the documents' totals, the frozen snapshot's VAT breakdown, the
 * payments' amounts): nothing is recomputed here. A credit note counts negative in the VAT summary.
 */
import { and, asc, eq, gte, inArray, isNotNull, isNull, lte, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { tenant } from '@rsm/db';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import type { MoneyDocument } from '../documents/document-model.ts';
import { toCsv, type Cell, type CsvOptions } from './csv-format.ts';

export interface Period {
  from: string;
  to: string;
}

const ACCOUNTING_KINDS = ['invoice', 'deposit_invoice', 'final_invoice', 'credit_note'] as const;
const d = tenant.moneyDocuments;

function issuedIn(period: Period) {
  return and(inArray(d.kind, [...ACCOUNTING_KINDS]), ne(d.status, 'draft'), isNotNull(d.number), gte(d.issueDate, period.from), lte(d.issueDate, period.to));
}

export async function documentsCsv(db: TenantDb, period: Period, options: CsvOptions): Promise<string> {
  const corrected = alias(tenant.moneyDocuments, 'corrected');
  const rows = await db
    .select({ doc: d, client: tenant.clients.name, clientVat: tenant.clients.vatNumber, corrects: corrected.number })
    .from(d)
    .innerJoin(tenant.clients, eq(tenant.clients.id, d.clientId))
    .leftJoin(corrected, eq(corrected.id, d.correctsId))
    .where(issuedIn(period))
    .orderBy(asc(d.issueDate), asc(d.number));
  const header = [
    'Number',
    'Kind',
    'Issue date',
    'Due date',
    'Client',
    'Client VAT number',
    'Currency',
    'Net',
    'VAT',
    'Gross',
    'Deposits deducted',
    'Paid',
    'Refunded',
    'Credited',
    'Status',
    'Corrects',
  ];
  const body: Cell[][] = rows.map(({ doc, client, clientVat, corrects }) => [
    doc.number!,
    doc.kind,
    doc.issueDate!,
    doc.dueDate ?? '',
    client,
    clientVat,
    doc.currency,
    { cents: doc.netCents },
    { cents: doc.vatCents },
    { cents: doc.grossCents },
    { cents: doc.depositsDeductedCents },
    { cents: doc.paidCents },
    { cents: doc.refundedCents },
    { cents: doc.creditedCents },
    doc.status,
    corrects ?? '',
  ]);
  return toCsv(header, body, options);
}

export async function paymentsCsv(db: TenantDb, period: Period, options: CsvOptions): Promise<string> {
  const p = tenant.payments;
  const rows = await db
    .select({ payment: p, number: d.number, client: tenant.clients.name })
    .from(p)
    .innerJoin(d, eq(d.id, p.documentId))
    .innerJoin(tenant.clients, eq(tenant.clients.id, d.clientId))
    .where(and(gte(p.receivedOn, period.from), lte(p.receivedOn, period.to), isNull(p.removedAt)))
    .orderBy(asc(p.receivedOn), asc(p.createdAt));
  const header = ['Received on', 'Invoice', 'Client', 'Method', 'Currency', 'Amount', 'Refunded', 'Reference'];
  const body: Cell[][] = rows.map(({ payment, number, client }) => [
    payment.receivedOn,
    number ?? '',
    client,
    payment.method,
    payment.currency,
    { cents: payment.amountCents },
    { cents: payment.refundedCents },
    payment.reference,
  ]);
  return toCsv(header, body, options);
}

export async function vatSummaryCsv(db: TenantDb, period: Period, options: CsvOptions): Promise<string> {
  const rows = await db.select({ kind: d.kind, currency: d.currency, snapshot: d.snapshot }).from(d).where(issuedIn(period));
  const byRate = new Map<string, { currency: string; category: string; rate: string; base: number; vat: number; documents: number }>();
  for (const row of rows) {
    const sign = row.kind === 'credit_note' ? -1 : 1;
    for (const v of (row.snapshot as MoneyDocument).vatBreakdown) {
      const key = `${row.currency}|${v.vatCategory}|${v.vatRate}`;
      const entry = byRate.get(key) ?? { currency: row.currency, category: v.vatCategory, rate: v.vatRate, base: 0, vat: 0, documents: 0 };
      entry.base += sign * v.taxableBaseCents;
      entry.vat += sign * v.vatCents;
      entry.documents += 1;
      byRate.set(key, entry);
    }
  }
  const entries = [...byRate.values()].sort(
    (a, b) => a.currency.localeCompare(b.currency) || Number(b.rate) - Number(a.rate) || a.category.localeCompare(b.category),
  );
  const header = ['Currency', 'VAT category', 'VAT rate (%)', 'Taxable base', 'VAT', 'Documents'];
  const rate = (r: string) => (options.decimalComma ? r.replace('.', ',') : r);
  const body: Cell[][] = entries.map((e) => [e.currency, e.category, rate(e.rate), { cents: e.base }, { cents: e.vat }, String(e.documents)]);
  return toCsv(header, body, options);
}

/** The issued PDFs of the period (number and storage key), for the ZIP. */
export async function issuedPdfs(db: TenantDb, period: Period): Promise<{ number: string; key: string }[]> {
  const rows = await db
    .select({ number: d.number, key: d.pdfKey })
    .from(d)
    .where(and(issuedIn(period), isNotNull(d.pdfKey)))
    .orderBy(asc(d.issueDate), asc(d.number));
  return rows.map((r) => ({ number: r.number!, key: r.key! }));
}
