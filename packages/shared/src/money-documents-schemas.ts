/**
 * Inputs of quotes, invoices, credit notes and payments, shared by the server and the document editor.
 * Amounts are integer cents, quantities thousandths, rates and discounts basis points (ADR 0016).
 */
import { z } from 'zod';
import { centsSchema } from './schemas.ts';
import { multilineText, text } from './text.ts';

export const DOCUMENT_KINDS = ['quote', 'invoice', 'deposit_invoice', 'final_invoice', 'credit_note'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
/** What staff may create as a draft: a credit note is made from an invoice (createCreditNote), not from scratch. */
export const DRAFT_KINDS = ['quote', 'invoice', 'deposit_invoice', 'final_invoice'] as const;
export const DOCUMENT_STATUSES = [
  'draft',
  'issued',
  'partially_paid',
  'paid',
  'overdue',
  'cancelled',
  'sent',
  'accepted',
  'declined',
  'expired',
  'invoiced',
] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
export const LINE_UNITS = ['hour', 'day', 'session', 'item'] as const;
/** `online` is recorded by the payment provider's webhook only, never typed by hand. */
export const MANUAL_PAYMENT_METHODS = ['transfer', 'cash', 'cheque', 'card_terminal', 'other'] as const;
export const PAYMENT_METHODS = [...MANUAL_PAYMENT_METHODS, 'online'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

const uuid = z.string().uuid('errors.invalid_value');
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'errors.date_invalid');
/** Thousandths: 2.5 hours = 2500; at most a million units on a line. */
export const quantitySchema = z.number().int('errors.quantity_invalid').min(1, 'errors.quantity_invalid').max(1_000_000_000, 'errors.quantity_invalid');

export const discountSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), basisPoints: z.number().int().min(0).max(10_000) }),
  z.object({ kind: z.literal('amount'), cents: centsSchema }),
]);

/** A line: from the catalogue (its price and rate unless overridden), from a booked session (its stored price), or free. */
export const lineInput = z.discriminatedUnion('source', [
  z.object({
    source: z.literal('catalogue'),
    catalogueItemId: uuid,
    quantity: quantitySchema,
    description: multilineText().max(2000, 'errors.too_long').optional(),
    discount: discountSchema.nullish(),
  }),
  z.object({ source: z.literal('session'), sessionId: uuid, discount: discountSchema.nullish() }),
  z.object({
    source: z.literal('free'),
    description: multilineText().min(1, 'errors.required').max(2000, 'errors.too_long'),
    quantity: quantitySchema,
    unit: z.enum(LINE_UNITS),
    unitPriceCents: centsSchema,
    vatRateId: uuid,
    discount: discountSchema.nullish(),
  }),
]);
export type LineInput = z.infer<typeof lineInput>;

const draftFields = {
  clientId: uuid,
  projectId: uuid.nullish(),
  serviceDate: isoDateSchema.nullish(),
  validUntil: isoDateSchema.nullish(),
  discount: discountSchema.nullish(),
  notes: multilineText().max(4000, 'errors.too_long').default(''),
  lines: z.array(lineInput).max(500),
};

export const createDraftInput = z.object({
  kind: z.enum(DRAFT_KINDS),
  ...draftFields,
  /** An invoice made from an accepted quote. */
  fromQuoteId: uuid.nullish(),
  /** A final invoice: the issued deposit invoices it deducts. */
  depositInvoiceIds: z.array(uuid).max(50).default([]),
  /** A quote: the deposit asked at acceptance, a percentage of its gross or an amount. */
  deposit: discountSchema.nullish(),
});
export type CreateDraftInput = z.input<typeof createDraftInput>;
/**
 * A draft saved again. Its origin is kept when not given (the editor edits lines and fields, not where the draft
 * came from): no `fromQuoteId` keeps the quote it was made from, no `depositInvoiceIds` keeps the deposits it deducts.
 */
export const updateDraftInput = createDraftInput.omit({ kind: true }).extend({ id: uuid, depositInvoiceIds: z.array(uuid).max(50).optional() });

/** A credit note corrects an issued invoice: all of it, or the lines given (free lines, positive amounts). */
export const createCreditNoteInput = z.object({
  invoiceId: uuid,
  reason: text().min(1, 'errors.required').max(300, 'errors.too_long'),
  lines: z.array(lineInput).max(500).optional(),
});

export const recordPaymentInput = z.object({
  documentId: uuid,
  method: z.enum(MANUAL_PAYMENT_METHODS),
  amountCents: centsSchema.refine((n) => n > 0, 'errors.amount_invalid'),
  receivedOn: isoDateSchema,
  reference: text().max(200, 'errors.too_long').default(''),
});
export const removePaymentInput = z.object({ paymentId: uuid, reason: text().min(3, 'errors.required').max(500, 'errors.too_long') });

/** The filters of a documents list, shared by the list itself and its totals. */
export const documentFiltersInput = z.object({
  kinds: z.array(z.enum(DOCUMENT_KINDS)).min(1).default(['invoice', 'deposit_invoice', 'final_invoice', 'credit_note']),
  status: z.enum(DOCUMENT_STATUSES).optional(),
  clientId: uuid.optional(),
  /** A project's documents (the project page's money). */
  projectId: uuid.optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  /** Part of the number or of the client's name. */
  q: text().max(100, 'errors.too_long').optional(),
});

export const listDocumentsInput = documentFiltersInput.extend({
  limit: z.number().int().min(1).max(200).default(50),
  /** Keyset pagination: the last row's issue date and id. */
  after: z.object({ issueDate: isoDateSchema.nullable(), id: uuid }).optional(),
});

/** Payments received, newest first (keyset on received date and id), across the studio's documents. */
export const listPaymentsInput = z.object({
  method: z.enum(PAYMENT_METHODS).optional(),
  clientId: uuid.optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  /** Part of the document number, the client's name or the reference. */
  q: text().max(100, 'errors.too_long').optional(),
  includeRemoved: z.boolean().default(false),
  limit: z.number().int().min(1).max(200).default(50),
  after: z.object({ receivedOn: isoDateSchema, id: uuid }).optional(),
});

/** The sessions an editor may put on an invoice: a client's, a project's, or the ones named (at least one filter). */
/** The deposit invoices a final invoice may deduct: the client's, issued, not deducted by another (`draftId` may keep its own). */
export const deductibleDepositsInput = z.object({ clientId: uuid, draftId: uuid.optional() });

export const billableSessionsInput = z
  .object({ clientId: uuid.optional(), projectId: uuid.optional(), sessionIds: z.array(uuid).max(100).optional() })
  .refine((i) => i.clientId || i.projectId || i.sessionIds?.length, 'errors.required');
