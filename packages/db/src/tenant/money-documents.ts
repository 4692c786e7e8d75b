/**
 * Quotes, invoices, deposit and final invoices, credit notes, and the payments received on them (issue 11).
 * Amounts are integer cents of `currency`; quantities thousandths; rates and discounts basis points (ADR 0016).
 * Hand-written SQL in migration 0018 adds what Drizzle cannot express: an issued document, its lines and its
 * deductions cannot be changed or deleted (triggers); a payment is never deleted and only ever soft-removed once.
 */
import { sql } from 'drizzle-orm';
import { check, date, index, inet, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clients } from './booking.ts';
import { projects } from './projects.ts';
import { catalogueItems, vatRates, VAT_CATEGORIES } from './money.ts';
import { sessions } from './booking.ts';

export const DOCUMENT_KINDS = ['quote', 'invoice', 'deposit_invoice', 'final_invoice', 'credit_note'] as const;
/**
 * Stored statuses. Invoices: draft → issued → partially_paid / paid, or cancelled once fully credited; "overdue"
 * is not stored, it is issued or partially paid past the due date (computed when read). Quotes: draft → sent →
 * accepted / declined / expired → invoiced. Credit notes: draft → issued.
 */
export const DOCUMENT_STATUSES = ['draft', 'issued', 'partially_paid', 'paid', 'cancelled', 'sent', 'accepted', 'declined', 'expired', 'invoiced'] as const;
export const LINE_SOURCES = ['catalogue', 'session', 'free'] as const;
export const LINE_UNITS = ['hour', 'day', 'session', 'item'] as const;
export const DISCOUNT_KINDS = ['percent', 'amount'] as const;
export const PAYMENT_METHODS = ['transfer', 'cash', 'cheque', 'card_terminal', 'other', 'online'] as const;

export const moneyDocuments = pgTable(
  'money_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
    status: text('status', { enum: DOCUMENT_STATUSES }).notNull().default('draft'),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'restrict' }),
    projectId: uuid('project_id').references(() => projects.id, { onDelete: 'set null' }),
    currency: text('currency').notNull(),
    issueDate: date('issue_date', { mode: 'string' }),
    dueDate: date('due_date', { mode: 'string' }),
    /** A quote may be accepted until this date (a job marks it expired after). */
    validUntil: date('valid_until', { mode: 'string' }),
    serviceDate: date('service_date', { mode: 'string' }),
    /** Given only when issued (modules/money/numbering), never chosen by anyone. */
    series: text('series'),
    year: smallint('year'),
    sequence: integer('sequence'),
    number: text('number'),
    discountKind: text('discount_kind', { enum: DISCOUNT_KINDS }),
    discountValue: integer('discount_value'),
    notes: text('notes').notNull().default(''),
    subtotalCents: integer('subtotal_cents').notNull().default(0),
    discountCents: integer('discount_cents').notNull().default(0),
    netCents: integer('net_cents').notNull().default(0),
    vatCents: integer('vat_cents').notNull().default(0),
    grossCents: integer('gross_cents').notNull().default(0),
    /** A final invoice: the gross of the deposit invoices it deducts. */
    depositsDeductedCents: integer('deposits_deducted_cents').notNull().default(0),
    /** Running sums kept in the transaction that records a payment / issues a credit note, under this row's lock. */
    paidCents: integer('paid_cents').notNull().default(0),
    creditedCents: integer('credited_cents').notNull().default(0),
    /**
     * Of `paidCents`, what went back to the client (card refunds): the sum of the kept payments' `refunded_cents`,
     * kept in the transaction that drafts the refund's credit note. Money refunded is no longer paid.
     */
    refundedCents: integer('refunded_cents').notNull().default(0),
    /** A credit note: the invoice it corrects. */
    correctsId: uuid('corrects_id'),
    /** An invoice made from a quote. */
    fromQuoteId: uuid('from_quote_id'),
    /** The document as issued (seller, buyer, lines, totals): what the stored PDF shows, never recomputed. */
    snapshot: jsonb('snapshot'),
    pdfKey: text('pdf_key'),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    issuedBy: uuid('issued_by'),
    /** Quotes: deposit asked at acceptance (one of the two), the public link's token (sha-256), the client's answer. */
    depositBasisPoints: integer('deposit_basis_points'),
    depositCents: integer('deposit_cents'),
    /**
     * A quote: the deposit invoice whose payment paid its deposit, set in the transaction that records that first
     * payment (online or by hand, under the quote's lock). Any other deposit invoice of the quote paid online later
     * is a second payment of the same deposit, refunded by the recorder (the booking's `sessions.deposit_invoice_id`).
     */
    depositPaidById: uuid('deposit_paid_by_id'),
    acceptTokenHash: text('accept_token_hash'),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    respondedName: text('responded_name'),
    respondedIp: inet('responded_ip'),
    /** Invoice reminders sent so far (the job sends the next one due). */
    remindersSent: smallint('reminders_sent').notNull().default(0),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('money_documents_kind_known', sql`${t.kind} IN ('quote', 'invoice', 'deposit_invoice', 'final_invoice', 'credit_note')`),
    check(
      'money_documents_status_known',
      sql`${t.status} IN ('draft', 'issued', 'partially_paid', 'paid', 'cancelled', 'sent', 'accepted', 'declined', 'expired', 'invoiced')`,
    ),
    // A draft has no number; anything else has all of it.
    check(
      'money_documents_number_iff_issued',
      sql`(${t.status} = 'draft') = (${t.number} IS NULL) AND (${t.number} IS NULL) = (${t.series} IS NULL) AND (${t.number} IS NULL) = (${t.year} IS NULL) AND (${t.number} IS NULL) = (${t.sequence} IS NULL) AND (${t.number} IS NULL) = (${t.issueDate} IS NULL)`,
    ),
    check(
      'money_documents_amounts_nonneg',
      sql`${t.subtotalCents} >= 0 AND ${t.discountCents} >= 0 AND ${t.netCents} >= 0 AND ${t.vatCents} >= 0 AND ${t.grossCents} >= 0 AND ${t.depositsDeductedCents} >= 0 AND ${t.paidCents} >= 0 AND ${t.creditedCents} >= 0`,
    ),
    check('money_documents_totals_add_up', sql`${t.netCents} = ${t.subtotalCents} - ${t.discountCents} AND ${t.grossCents} = ${t.netCents} + ${t.vatCents}`),
    check('money_documents_refunded_within_paid', sql`${t.refundedCents} >= 0 AND ${t.refundedCents} <= ${t.paidCents}`),
    check('money_documents_deductions_within', sql`${t.depositsDeductedCents} + ${t.creditedCents} <= ${t.grossCents}`),
    check('money_documents_credit_note_corrects', sql`(${t.kind} = 'credit_note') = (${t.correctsId} IS NOT NULL)`),
    check('money_documents_deductions_final_only', sql`${t.kind} = 'final_invoice' OR ${t.depositsDeductedCents} = 0`),
    check('money_documents_discount', sql`(${t.discountKind} IS NULL) = (${t.discountValue} IS NULL) AND coalesce(${t.discountValue}, 0) >= 0`),
    check('money_documents_deposit_ask', sql`${t.depositBasisPoints} IS NULL OR ${t.depositCents} IS NULL`),
    check('money_documents_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    uniqueIndex('money_documents_number_unique').on(t.series, t.year, t.sequence),
    uniqueIndex('money_documents_accept_token_unique').on(t.acceptTokenHash),
    // The lists: by status, by client, by date, newest first; the overdue scan by due date.
    index('money_documents_kind_status_date_idx').on(t.kind, t.status, t.issueDate.desc()),
    index('money_documents_kind_date_idx').on(t.kind, t.issueDate.desc()),
    // The staff lists' order (newest first, drafts last, id to break ties): a page is read off this index in order
    // and stops at the limit, instead of sorting every invoice of the studio (several kinds make one list).
    index('money_documents_list_order_idx').on(t.issueDate.desc().nullsLast(), t.id.desc()),
    index('money_documents_client_date_idx').on(t.clientId, t.issueDate.desc()),
    index('money_documents_project_idx').on(t.projectId),
    index('money_documents_open_due_idx')
      .on(t.dueDate)
      .where(sql`${t.status} IN ('issued', 'partially_paid')`),
    index('money_documents_quote_validity_idx')
      .on(t.validUntil)
      .where(sql`${t.status} = 'sent'`),
    index('money_documents_corrects_idx').on(t.correctsId),
  ],
);

export const moneyDocumentLines = pgTable(
  'money_document_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => moneyDocuments.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    source: text('source', { enum: LINE_SOURCES }).notNull(),
    catalogueItemId: uuid('catalogue_item_id').references(() => catalogueItems.id, { onDelete: 'set null' }),
    sessionId: uuid('session_id').references(() => sessions.id, { onDelete: 'set null' }),
    description: text('description').notNull(),
    /** Thousandths of `unit`. */
    quantity: integer('quantity').notNull(),
    unit: text('unit', { enum: LINE_UNITS }).notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
    discountKind: text('discount_kind', { enum: DISCOUNT_KINDS }),
    discountValue: integer('discount_value'),
    vatRateId: uuid('vat_rate_id')
      .notNull()
      .references(() => vatRates.id, { onDelete: 'restrict' }),
    /** Copied from the rate when the line is saved: archiving or relabelling a rate never changes a document. */
    vatBasisPoints: integer('vat_basis_points').notNull(),
    vatCategory: text('vat_category', { enum: VAT_CATEGORIES }).notNull(),
    /** Computed by computeTotals: quantity × price, the line's discount, its share of the document discount, its net. */
    amountCents: integer('amount_cents').notNull(),
    lineDiscountCents: integer('line_discount_cents').notNull(),
    documentDiscountCents: integer('document_discount_cents').notNull(),
    netCents: integer('net_cents').notNull(),
  },
  (t) => [
    uniqueIndex('money_document_lines_position').on(t.documentId, t.position),
    check('money_document_lines_source_known', sql`${t.source} IN ('catalogue', 'session', 'free')`),
    check('money_document_lines_unit_known', sql`${t.unit} IN ('hour', 'day', 'session', 'item')`),
    check(
      'money_document_lines_amounts_nonneg',
      sql`${t.quantity} > 0 AND ${t.unitPriceCents} >= 0 AND ${t.amountCents} >= 0 AND ${t.lineDiscountCents} >= 0 AND ${t.documentDiscountCents} >= 0 AND ${t.netCents} >= 0`,
    ),
    check('money_document_lines_net', sql`${t.netCents} = ${t.amountCents} - ${t.lineDiscountCents} - ${t.documentDiscountCents}`),
    check('money_document_lines_discount', sql`(${t.discountKind} IS NULL) = (${t.discountValue} IS NULL) AND coalesce(${t.discountValue}, 0) >= 0`),
    check('money_document_lines_rate', sql`${t.vatBasisPoints} BETWEEN 0 AND 10000`),
    index('money_document_lines_session_idx').on(t.sessionId),
  ],
);

/** A final invoice deducts deposit invoices: each deposit invoice is deducted once, by one final invoice. */
export const moneyDocumentDeductions = pgTable(
  'money_document_deductions',
  {
    finalInvoiceId: uuid('final_invoice_id')
      .notNull()
      .references(() => moneyDocuments.id, { onDelete: 'cascade' }),
    depositInvoiceId: uuid('deposit_invoice_id')
      .notNull()
      .references(() => moneyDocuments.id, { onDelete: 'restrict' }),
    amountCents: integer('amount_cents').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.finalInvoiceId, t.depositInvoiceId] }),
    uniqueIndex('money_document_deductions_once').on(t.depositInvoiceId),
    check('money_document_deductions_amount', sql`${t.amountCents} >= 0`),
  ],
);

export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => moneyDocuments.id, { onDelete: 'restrict' }),
    method: text('method', { enum: PAYMENT_METHODS }).notNull(),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    reference: text('reference').notNull().default(''),
    /** The provider's id (Stripe payment intent): a webhook delivered twice records one payment. */
    providerPaymentId: text('provider_payment_id'),
    /** What was given back of this payment (card refunds, the total the provider reports): never more than the payment. */
    refundedCents: integer('refunded_cents').notNull().default(0),
    recordedBy: uuid('recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Never deleted: a payment entered by mistake is removed with a reason, and stays visible. */
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedReason: text('removed_reason'),
    removedBy: uuid('removed_by'),
  },
  (t) => [
    check('payments_method_known', sql`${t.method} IN ('transfer', 'cash', 'cheque', 'card_terminal', 'other', 'online')`),
    check('payments_amount_pos', sql`${t.amountCents} > 0`),
    check('payments_refunded_within', sql`${t.refundedCents} >= 0 AND ${t.refundedCents} <= ${t.amountCents}`),
    check('payments_removal_reasoned', sql`(${t.removedAt} IS NULL) = (${t.removedReason} IS NULL) AND coalesce(length(trim(${t.removedReason})), 1) > 0`),
    uniqueIndex('payments_provider_unique')
      .on(t.providerPaymentId)
      .where(sql`${t.providerPaymentId} IS NOT NULL`),
    index('payments_document_idx').on(t.documentId),
    index('payments_received_idx').on(t.receivedOn.desc()),
  ],
);
