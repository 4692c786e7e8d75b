/**
 * The studio's money settings: VAT rates, the catalogue of services and products, the legal details
 * printed on documents, and the counters behind gap-free document numbers (ADR 0016).
 * Amounts are integer cents; rates are integer basis points (20 % = 2000, 5.5 % = 550).
 * Hand-written SQL in migration 0017 adds what Drizzle cannot express: exactly one default VAT rate
 * (deferred constraint trigger), a rate's percentage never changing once created, and the seeded rates.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** EN 16931 VAT category codes: standard, zero-rated, exempt, reverse charge, intra-EU, export, outside scope. */
export const VAT_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O'] as const;
export const CATALOGUE_UNITS = ['hour', 'day', 'session', 'item'] as const;
export const DOCUMENT_SERIES = ['invoice', 'credit_note', 'quote'] as const;

export const vatRates = pgTable(
  'vat_rates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Optional wording ("Taux réduit", "Reverse charge"); the screens show the percentage when empty. */
    label: text('label').notNull().default(''),
    basisPoints: integer('basis_points').notNull(),
    category: text('category', { enum: VAT_CATEGORIES }).notNull().default('S'),
    isDefault: boolean('is_default').notNull().default(false),
    /** Archived rates are no longer offered but stay readable: old documents and items refer to them. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('vat_rates_basis_points_range', sql`${t.basisPoints} BETWEEN 0 AND 10000`),
    check('vat_rates_category_known', sql`${t.category} IN ('S', 'Z', 'E', 'AE', 'K', 'G', 'O')`),
    check('vat_rates_default_is_active', sql`NOT (${t.isDefault} AND ${t.archivedAt} IS NOT NULL)`),
    // At most one default here; at least one is the deferred trigger of migration 0017.
    uniqueIndex('vat_rates_one_default')
      .on(t.isDefault)
      .where(sql`${t.isDefault}`),
    // Two active rates with the same percentage and category would be the same rate twice on a quote.
    uniqueIndex('vat_rates_active_unique')
      .on(t.basisPoints, t.category)
      .where(sql`${t.archivedAt} IS NULL`),
  ],
);

export const catalogueItems = pgTable(
  'catalogue_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    unit: text('unit', { enum: CATALOGUE_UNITS }).notNull(),
    /** Excluding VAT. */
    unitPriceCents: integer('unit_price_cents').notNull(),
    vatRateId: uuid('vat_rate_id')
      .notNull()
      .references(() => vatRates.id, { onDelete: 'restrict' }),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('catalogue_items_price_nonneg', sql`${t.unitPriceCents} >= 0`),
    check('catalogue_items_unit_known', sql`${t.unit} IN ('hour', 'day', 'session', 'item')`),
    index('catalogue_items_active_idx')
      .on(t.name)
      .where(sql`${t.archivedAt} IS NULL`),
    index('catalogue_items_vat_rate_idx').on(t.vatRateId),
  ],
);

/**
 * One row (id = 1): what the law asks a French invoice to carry beyond the studio's name, address and VAT
 * number (those stay in studio_settings, shared with the studio profile).
 */
export const billingSettings = pgTable(
  'billing_settings',
  {
    id: smallint('id').primaryKey().default(1),
    /** SIRET in France, company number elsewhere. */
    registrationNumber: text('registration_number').notNull().default(''),
    legalForm: text('legal_form').notNull().default(''),
    /** In the studio's currency; null when the legal form has none to declare (sole trader). */
    shareCapitalCents: integer('share_capital_cents'),
    /** Stored without spaces, upper case; validated (checksum) on the way in. */
    iban: text('iban').notNull().default(''),
    bic: text('bic').notNull().default(''),
    paymentTermsDays: smallint('payment_terms_days').notNull().default(30),
    /** Days after an invoice's due date at which an unpaid invoice is reminded by e-mail (ascending; empty: never). */
    reminderDays: smallint('reminder_days')
      .array()
      .notNull()
      .default(sql`'{7,21,45}'::smallint[]`),
    /** Null: the statutory wording in the studio's language (@rsm/shared/billing-texts) is printed. */
    latePaymentText: text('late_payment_text'),
    invoicePrefix: text('invoice_prefix').notNull().default('F'),
    creditNotePrefix: text('credit_note_prefix').notNull().default('AV'),
    quotePrefix: text('quote_prefix').notNull().default('D'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('billing_settings_single_row', sql`${t.id} = 1`),
    check('billing_settings_terms_range', sql`${t.paymentTermsDays} BETWEEN 0 AND 365`),
    check('billing_settings_reminder_days', sql`cardinality(${t.reminderDays}) <= 5 AND 1 <= ALL(${t.reminderDays}) AND 365 >= ALL(${t.reminderDays})`),
    check('billing_settings_capital_nonneg', sql`${t.shareCapitalCents} IS NULL OR ${t.shareCapitalCents} >= 0`),
    check(
      'billing_settings_prefixes',
      sql`${t.invoicePrefix} ~ '^[A-Z0-9]{1,8}$' AND ${t.creditNotePrefix} ~ '^[A-Z0-9]{1,8}$' AND ${t.quotePrefix} ~ '^[A-Z0-9]{1,8}$'`,
    ),
  ],
);

/**
 * The last number given in each series and year. A number is taken by incrementing this row inside the
 * transaction that issues the document, so the row lock serialises issuers and a rollback gives the
 * number back (modules/money/numbering).
 */
export const documentCounters = pgTable(
  'document_counters',
  {
    series: text('series', { enum: DOCUMENT_SERIES }).notNull(),
    year: smallint('year').notNull(),
    lastNumber: integer('last_number').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.series, t.year] }),
    check('document_counters_series_known', sql`${t.series} IN ('invoice', 'credit_note', 'quote')`),
    check('document_counters_year_range', sql`${t.year} BETWEEN 2000 AND 9999`),
    check('document_counters_nonneg', sql`${t.lastNumber} >= 0`),
  ],
);
