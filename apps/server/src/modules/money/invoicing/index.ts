/**
 * The invoicing services other modules call (portal, webhooks, jobs, the assistant): the same rules as the UI's.
 * `registerMoneyPaymentStatus` plugs "is this invoice paid" into the audio download gate at start-up.
 */
import { registerInvoicePaymentStatus } from '../../audio/download-gate.ts';
import { isInvoicePaid } from './payments.service.ts';

export { createDraft, updateDraft, deleteDraft, type StudioMoneyContext } from './drafts.service.ts';
export { issueDocument, type IssueDeps, type IssuedDocument } from './issue.service.ts';
export { createCreditNote } from './credit-notes.service.ts';
export { recordPayment, recordRefundedTotal, removePayment, listPayments, isInvoicePaid, type PaymentInput } from './payments.service.ts';
export { getDocument, listDocuments } from './documents-read.service.ts';
export { quoteLink, respondToQuote, expireQuotes, invoiceFromQuote, type QuoteAnswer } from './quotes.service.ts';

export function registerMoneyPaymentStatus(): void {
  registerInvoicePaymentStatus({ isInvoicePaid });
}
