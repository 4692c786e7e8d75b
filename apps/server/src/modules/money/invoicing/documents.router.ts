/**
 * Quotes, invoices, credit notes and payments (money.documents.*, money.payments.*): thin wiring, input and output
 * schemas around the services. Everything here is `money:manage` (owners and managers): engineers and assistants
 * neither see nor draft money documents (see the comment on the permission in @rsm/shared/roles).
 */
import { z } from 'zod';
import {
  createCreditNoteInput,
  billableSessionsInput,
  deductibleDepositsInput,
  createDraftInput,
  documentFiltersInput,
  listDocumentsInput,
  listPaymentsInput,
  recordPaymentInput,
  removePaymentInput,
  updateDraftInput,
} from '@rsm/shared/money-documents-schemas';
import { idInput } from '@rsm/shared/schemas';
import { fileStorage } from '../../../platform/storage/storage.ts';
import { router, studioProcedure } from '../../../trpc/init.ts';
import type { StudioContext } from '../../studios/studio-context.ts';
import { createCreditNote } from './credit-notes.service.ts';
import {
  billableSessionOutput,
  deductibleDepositOutput,
  documentOutput,
  documentsSummaryOutput,
  documentSummaryOutput,
  issuedOutput,
  paymentListItemOutput,
  paymentResultOutput,
  paymentsTotalOutput,
} from './documents.outputs.ts';
import { billableSessions } from './billable-sessions.service.ts';
import { deductibleDeposits } from './deductible-deposits.service.ts';
import { documentsSummary } from './documents-summary.service.ts';
import { listPayments, paymentsTotal } from './payments-list.service.ts';
import { getDocument, listDocuments } from './documents-read.service.ts';
import { createDraft, deleteDraft, updateDraft, type StudioMoneyContext } from './drafts.service.ts';
import { issueDocument, zonedDate } from './issue.service.ts';
import { recordPayment, removePayment } from './payments.service.ts';
import { invoiceFromQuote, quoteLink } from './quotes.service.ts';
import { sendPaymentReceipt } from '../payments/payment-receipts.ts';
import { afterPaymentByHand } from '../payments/deposit-checkouts.ts';
import { payOnlineLink } from '../payments/payments.service.ts';

const manage = studioProcedure.requires('money:manage');

const moneyContext = (studio: StudioContext): StudioMoneyContext => ({
  studioId: studio.id,
  timeZone: studio.timeZone,
  locale: studio.locale,
  currency: studio.currency,
});
const today = (studio: StudioContext) => zonedDate(new Date(), studio.timeZone);

export const documentsRouter = router({
  list: manage
    .input(listDocumentsInput)
    .output(z.array(documentSummaryOutput))
    .query(async ({ ctx, input }) => listDocuments(await ctx.tenant(), today(ctx.studio), input)),
  /** The sums of the filtered list, and what clients owe (outstanding, overdue), of one client when given. */
  summary: manage
    .input(documentFiltersInput)
    .output(documentsSummaryOutput)
    .query(async ({ ctx, input }) => documentsSummary(await ctx.tenant(), today(ctx.studio), input)),
  /** Payments received across documents (the Payments tab), and their total. */
  payments: manage
    .input(listPaymentsInput)
    .output(z.array(paymentListItemOutput))
    .query(async ({ ctx, input }) => listPayments(await ctx.tenant(), input)),
  paymentsTotal: manage
    .input(listPaymentsInput)
    .output(paymentsTotalOutput)
    .query(async ({ ctx, input }) => paymentsTotal(await ctx.tenant(), input)),
  /** Sessions the editor offers as lines (a client's, a project's, or named), with the invoice each is already on. */
  billableSessions: manage
    .input(billableSessionsInput)
    .output(z.array(billableSessionOutput))
    .query(async ({ ctx, input }) => billableSessions(await ctx.tenant(), input)),
  /** The deposit invoices a final invoice for this client may deduct. */
  deductibleDeposits: manage
    .input(deductibleDepositsInput)
    .output(z.array(deductibleDepositOutput))
    .query(async ({ ctx, input }) => deductibleDeposits(await ctx.tenant(), input)),
  get: manage
    .input(idInput)
    .output(documentOutput)
    .query(async ({ ctx, input }) => getDocument(await ctx.tenant(), today(ctx.studio), input.id)),
  createDraft: manage
    .input(createDraftInput)
    .output(documentOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const id = await createDraft(db, moneyContext(ctx.studio), ctx.actor, input);
      return getDocument(db, today(ctx.studio), id);
    }),
  updateDraft: manage
    .input(updateDraftInput)
    .output(documentOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      await updateDraft(db, moneyContext(ctx.studio), ctx.actor, input);
      return getDocument(db, today(ctx.studio), input.id);
    }),
  deleteDraft: manage
    .input(idInput)
    .output(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => {
      await deleteDraft(await ctx.tenant(), ctx.actor, input.id);
      return { id: input.id };
    }),
  issue: manage
    .input(idInput)
    .output(issuedOutput)
    .mutation(async ({ ctx, input }) => {
      const deps = { storage: fileStorage(ctx.platform.config), payOnlineUrl: await payOnlineLink(ctx.platform, ctx.studio) };
      const issued = await issueDocument(await ctx.tenant(), moneyContext(ctx.studio), deps, ctx.actor, input.id);
      return { id: issued.id, number: issued.number };
    }),
  createCreditNote: manage
    .input(createCreditNoteInput)
    .output(documentOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const id = await createCreditNote(db, moneyContext(ctx.studio), ctx.actor, input);
      return getDocument(db, today(ctx.studio), id);
    }),
  /** A new answer link for a sent quote (the previous one stops working); the token is shown once, never stored. */
  quoteLink: manage
    .input(idInput)
    .output(z.object({ token: z.string() }))
    .mutation(async ({ ctx, input }) => quoteLink(await ctx.tenant(), ctx.actor, input.id)),
  invoiceFromQuote: manage
    .input(idInput)
    .output(documentOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      return getDocument(db, today(ctx.studio), await invoiceFromQuote(db, ctx.actor, input.id));
    }),
});

export const paymentsRouter = router({
  record: manage
    .input(recordPaymentInput)
    .output(paymentResultOutput)
    .mutation(async ({ ctx, input }) => {
      const db = await ctx.tenant();
      const result = await recordPayment(db, ctx.actor, input);
      // A quote's deposit paid by hand: its payment pages still open on Stripe are expired.
      await afterPaymentByHand(ctx.platform, ctx.studio.id, db, input.documentId);
      await sendPaymentReceipt(ctx.platform, db, ctx.studio, result.payment.id);
      return { paymentId: result.payment.id, status: result.status, balanceCents: result.balanceCents };
    }),
  remove: manage
    .input(removePaymentInput)
    .output(paymentResultOutput)
    .mutation(async ({ ctx, input }) => removePayment(await ctx.tenant(), ctx.actor, input)),
});
