/**
 * Inputs of the money settings (VAT rates, catalogue, billing details), shared by the server and the forms.
 * Amounts are integer cents, rates integer basis points (exact-decimal.ts); messages are i18n keys.
 */
import { z } from 'zod';
import { isValidBic, isValidIban, normalizeBankCode } from './bank-details.ts';
import { centsSchema, studioProfileInput } from './schemas.ts';
import { multilineText, text } from './text.ts';

/** EN 16931 VAT categories: standard, zero-rated, exempt, reverse charge, intra-EU supply, export, outside scope. */
export const VAT_CATEGORIES = ['S', 'Z', 'E', 'AE', 'K', 'G', 'O'] as const;
export type VatCategory = (typeof VAT_CATEGORIES)[number];
export const CATALOGUE_UNITS = ['hour', 'day', 'session', 'item'] as const;
export type CatalogueUnit = (typeof CATALOGUE_UNITS)[number];

const uuid = z.string().uuid('errors.invalid_value');
export const basisPointsSchema = z.number().int('errors.rate_invalid').min(0, 'errors.rate_invalid').max(10_000, 'errors.rate_invalid');

export const vatRateFields = z.object({
  label: text().max(60, 'errors.too_long').default(''),
  basisPoints: basisPointsSchema,
  category: z.enum(VAT_CATEGORIES, { message: 'errors.invalid_value' }).default('S'),
});
/** EN 16931: only the standard category carries a positive rate; the others are 0 % by definition. */
export const rateMatchesCategory = (rate: { category: VatCategory; basisPoints: number }) => (rate.category === 'S') === rate.basisPoints > 0;
export const rateMatchesCategoryIssue = { message: 'errors.vat_category_rate_mismatch', path: ['basisPoints'] };
export const vatRateInput = vatRateFields.refine(rateMatchesCategory, rateMatchesCategoryIssue);
export type VatRateInput = z.input<typeof vatRateInput>;
export const vatRateLabelInput = z.object({ id: uuid, label: text().max(60, 'errors.too_long') });

export const catalogueItemInput = z.object({
  name: text().min(1, 'errors.required').max(120, 'errors.too_long'),
  description: multilineText().max(1000, 'errors.too_long').default(''),
  unit: z.enum(CATALOGUE_UNITS, { message: 'errors.invalid_value' }),
  unitPriceCents: centsSchema,
  vatRateId: z.string({ message: 'errors.required' }).uuid('errors.required'),
});
export type CatalogueItemInput = z.input<typeof catalogueItemInput>;
export const catalogueItemUpdateInput = catalogueItemInput.extend({ id: uuid });
export const catalogueListInput = z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false });

const bankCode = (valid: (code: string) => boolean, message: string) =>
  z
    .string()
    .max(60, 'errors.too_long')
    .transform(normalizeBankCode)
    .refine((code) => code === '' || valid(code), { message });
const prefix = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{1,8}$/, 'errors.prefix_invalid');

/** The legal details printed on documents; name, address and VAT number are the studio profile's own fields. */
export const billingDetailsFields = studioProfileInput
  .pick({ legalName: true, addressLine1: true, addressLine2: true, postalCode: true, city: true, country: true, vatNumber: true })
  .extend({
    registrationNumber: text().max(40, 'errors.too_long').default(''),
    legalForm: text().max(80, 'errors.too_long').default(''),
    // int4 column: up to €20 million of share capital, more than any studio declares.
    shareCapitalCents: z
      .number()
      .int('errors.amount_invalid')
      .min(0, 'errors.amount_negative')
      .max(2_000_000_000, 'errors.amount_too_large')
      .nullable()
      .default(null),
    iban: bankCode(isValidIban, 'errors.iban_invalid').default(''),
    bic: bankCode(isValidBic, 'errors.bic_invalid').default(''),
    paymentTermsDays: z.number().int('errors.payment_terms_invalid').min(0, 'errors.payment_terms_invalid').max(365, 'errors.payment_terms_invalid'),
    /**
     * Days after the due date at which an unpaid invoice is reminded by e-mail, each once (up to five, 1–365;
     * empty: no reminders). Left out of an update: unchanged.
     */
    reminderDays: z
      .array(z.number().int('errors.reminder_days_invalid').min(1, 'errors.reminder_days_invalid').max(365, 'errors.reminder_days_invalid'))
      .max(5, 'errors.reminder_days_invalid')
      .transform((days) => [...new Set(days)].sort((a, b) => a - b))
      .optional(),
    /** Empty: the statutory wording in the studio's language is printed. */
    latePaymentText: multilineText().max(2000, 'errors.too_long').default(''),
    invoicePrefix: prefix,
    creditNotePrefix: prefix,
    quotePrefix: prefix,
  });
/** A credit note must never be mistaken for an invoice, nor a quote for either. */
export const prefixesDistinct = (d: { invoicePrefix: string; creditNotePrefix: string; quotePrefix: string }) =>
  new Set([d.invoicePrefix, d.creditNotePrefix, d.quotePrefix]).size === 3;
export const prefixesDistinctIssue = { message: 'errors.prefixes_not_distinct', path: ['creditNotePrefix'] };
export const billingDetailsInput = billingDetailsFields.refine(prefixesDistinct, prefixesDistinctIssue);
export type BillingDetailsInput = z.input<typeof billingDetailsInput>;
