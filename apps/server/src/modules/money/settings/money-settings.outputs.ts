/** Output shapes of the money settings procedures: nothing leaves the server unshaped. */
import { z } from 'zod';
import { CATALOGUE_UNITS, VAT_CATEGORIES } from '@rsm/shared/money-schemas';

export const vatRateOutput = z.object({
  id: z.string(),
  label: z.string(),
  basisPoints: z.number().int(),
  category: z.enum(VAT_CATEGORIES),
  isDefault: z.boolean(),
  archivedAt: z.string().nullable(),
});

export const catalogueItemOutput = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  unit: z.enum(CATALOGUE_UNITS),
  unitPriceCents: z.number().int(),
  vatRate: vatRateOutput,
  archivedAt: z.string().nullable(),
});

export const billingDetailsOutput = z.object({
  legalName: z.string(),
  addressLine1: z.string(),
  addressLine2: z.string(),
  postalCode: z.string(),
  city: z.string(),
  country: z.string(),
  vatNumber: z.string(),
  registrationNumber: z.string(),
  legalForm: z.string(),
  shareCapitalCents: z.number().int().nullable(),
  iban: z.string(),
  bic: z.string(),
  paymentTermsDays: z.number().int(),
  reminderDays: z.array(z.number().int()),
  latePaymentText: z.string(),
  statutoryLatePaymentText: z.string(),
  invoicePrefix: z.string(),
  creditNotePrefix: z.string(),
  quotePrefix: z.string(),
});
