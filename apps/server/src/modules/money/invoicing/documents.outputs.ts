/** Output shapes of the money documents procedures: nothing leaves the server unshaped (no snapshot, no token hash). */
import { z } from 'zod';
import { DOCUMENT_KINDS, DOCUMENT_STATUSES, LINE_UNITS, PAYMENT_METHODS } from '@rsm/shared/money-documents-schemas';

const cents = z.number().int();

export const documentSummaryOutput = z.object({
  id: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  status: z.enum(DOCUMENT_STATUSES),
  number: z.string().nullable(),
  clientId: z.string(),
  clientName: z.string(),
  projectId: z.string().nullable(),
  currency: z.string(),
  issueDate: z.string().nullable(),
  dueDate: z.string().nullable(),
  validUntil: z.string().nullable(),
  netCents: cents,
  vatCents: cents,
  grossCents: cents,
  depositsDeductedCents: cents,
  paidCents: cents,
  /** Of `paidCents`, what was refunded to the client (no longer paid). */
  refundedCents: cents,
  creditedCents: cents,
  /** What the client still owes; negative when a credit note left the studio owing money back. */
  balanceCents: cents,
});

export const documentOutput = documentSummaryOutput.extend({
  serviceDate: z.string().nullable(),
  notes: z.string(),
  subtotalCents: cents,
  discountCents: cents,
  discountKind: z.enum(['percent', 'amount']).nullable(),
  discountValue: z.number().int().nullable(),
  correctsId: z.string().nullable(),
  fromQuoteId: z.string().nullable(),
  hasPdf: z.boolean(),
  depositBasisPoints: z.number().int().nullable(),
  depositCents: cents.nullable(),
  lines: z.array(
    z.object({
      id: z.string(),
      position: z.number().int(),
      source: z.enum(['catalogue', 'session', 'free']),
      catalogueItemId: z.string().nullable(),
      sessionId: z.string().nullable(),
      description: z.string(),
      quantity: z.number().int(),
      unit: z.enum(LINE_UNITS),
      unitPriceCents: cents,
      discountKind: z.enum(['percent', 'amount']).nullable(),
      discountValue: z.number().int().nullable(),
      vatRateId: z.string(),
      vatBasisPoints: z.number().int(),
      vatCategory: z.string(),
      amountCents: cents,
      lineDiscountCents: cents,
      documentDiscountCents: cents,
      netCents: cents,
    }),
  ),
  payments: z.array(
    z.object({
      id: z.string(),
      method: z.enum(PAYMENT_METHODS),
      amountCents: cents,
      refundedCents: cents,
      currency: z.string(),
      receivedOn: z.string(),
      reference: z.string(),
      removedAt: z.string().nullable(),
      removedReason: z.string().nullable(),
    }),
  ),
  depositsDeducted: z.array(z.object({ id: z.string(), number: z.string(), amountCents: cents })),
  creditNotes: z.array(z.object({ id: z.string(), number: z.string().nullable(), status: z.string(), grossCents: cents })),
});

export const paymentResultOutput = z.object({ paymentId: z.string().optional(), status: z.string(), balanceCents: cents });
export const issuedOutput = z.object({ id: z.string(), number: z.string() });

export const documentsSummaryOutput = z.object({
  count: z.number().int(),
  netCents: cents,
  vatCents: cents,
  grossCents: cents,
  balanceCents: cents,
  outstandingCents: cents,
  outstandingCount: z.number().int(),
  overdueCents: cents,
  overdueCount: z.number().int(),
});

export const paymentListItemOutput = z.object({
  id: z.string(),
  documentId: z.string(),
  documentNumber: z.string().nullable(),
  documentKind: z.enum(DOCUMENT_KINDS),
  clientId: z.string(),
  clientName: z.string(),
  method: z.enum(PAYMENT_METHODS),
  amountCents: cents,
  currency: z.string(),
  receivedOn: z.string(),
  reference: z.string(),
  removedAt: z.string().nullable(),
  removedReason: z.string().nullable(),
});
export const paymentsTotalOutput = z.object({ count: z.number().int(), amountCents: cents });

export const deductibleDepositOutput = z.object({
  id: z.string(),
  number: z.string(),
  issueDate: z.string(),
  status: z.string(),
  /** What it stands for on a final invoice: its gross, net of any credit note on it. */
  amountCents: cents,
  /** Already deducted by the draft being edited. */
  chosen: z.boolean(),
});

export const billableSessionOutput = z.object({
  id: z.string(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.string(),
  clientId: z.string(),
  clientName: z.string(),
  priceCents: cents,
  currency: z.string(),
  /** The deposit invoice of the deposit paid when it was booked (online): its invoice deducts it. */
  depositInvoiceId: z.string().nullable(),
  /** The invoice the session is already on (a session is invoiced once). */
  invoicedOn: z.object({ documentId: z.string(), number: z.string().nullable() }).nullable(),
});
