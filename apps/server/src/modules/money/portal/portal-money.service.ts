/**
 * The client portal's money (issue 11, item 8): a client sees the issued quotes, invoices, deposit invoices and
 * credit notes made out to them (or to a company whose items they may see), with status and balance, answers a
 * sent quote, and pays online when the studio takes online payments. Drafts are never shown. Another client's
 * document answers exactly as a missing one.
 */
import { and, desc, eq, inArray, ne, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { balanceCents, isOverdue } from '@rsm/shared/money-balance';
import { AppError, notFound } from '../../../platform/errors.ts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { zonedDate } from '../invoicing/issue.service.ts';
import { quoteDepositGross, quoteDepositPaid } from '../payments/checkout.service.ts';

export type PortalDocumentKind = 'quote' | 'invoice' | 'deposit_invoice' | 'final_invoice' | 'credit_note';

export interface PortalDocument {
  id: string;
  kind: PortalDocumentKind;
  number: string;
  status: string;
  issueDate: string | null;
  dueDate: string | null;
  currency: string;
  grossCents: number;
  /** Invoices: what is still to pay (negative: owed back to the client). Others: 0. */
  balanceCents: number;
  overdue: boolean;
  /** Quotes accepted with a deposit not paid yet: the deposit, VAT included; otherwise 0. */
  depositDueCents: number;
  canAnswer: boolean;
  canPay: boolean;
}

/** The client and the companies whose items they may see (the same rule as portalProcedure's companyIds). */
export async function portalClientIds(db: TenantDb, clientId: string): Promise<string[]> {
  const companies = await db
    .select({ id: tenant.clientContacts.companyId })
    .from(tenant.clientContacts)
    .innerJoin(tenant.clients, eq(tenant.clients.id, tenant.clientContacts.companyId))
    .where(
      and(
        eq(tenant.clientContacts.personId, clientId),
        eq(tenant.clientContacts.canSeeCompanyItems, true),
        isNull(tenant.clients.erasedAt),
        isNull(tenant.clients.archivedAt),
      ),
    );
  return [clientId, ...companies.map((c) => c.id)];
}

const INVOICE_KINDS = ['invoice', 'deposit_invoice', 'final_invoice'];

export async function listPortalDocuments(
  db: TenantDb,
  clientIds: string[],
  opts: { timeZone: string; acceptsOnlinePayment: boolean; now: Date },
): Promise<PortalDocument[]> {
  const rows = await db
    .select()
    .from(tenant.moneyDocuments)
    .where(and(inArray(tenant.moneyDocuments.clientId, clientIds), ne(tenant.moneyDocuments.status, 'draft')))
    .orderBy(desc(tenant.moneyDocuments.issuedAt))
    .limit(500);
  const today = zonedDate(opts.now, opts.timeZone);
  const out: PortalDocument[] = [];
  for (const doc of rows) {
    if (!doc.number) continue;
    const isInvoice = INVOICE_KINDS.includes(doc.kind);
    const balance = isInvoice ? balanceCents(doc) : 0;
    const depositDue = doc.kind === 'quote' && doc.status === 'accepted' && !(await quoteDepositPaid(db, doc.id)) ? await quoteDepositGross(db, doc) : 0;
    out.push({
      id: doc.id,
      kind: doc.kind,
      number: doc.number,
      status: doc.status,
      issueDate: doc.issueDate,
      dueDate: doc.dueDate,
      currency: doc.currency,
      grossCents: doc.grossCents,
      balanceCents: balance,
      overdue: isInvoice && isOverdue(doc.status, doc.dueDate, today),
      depositDueCents: depositDue,
      canAnswer: doc.kind === 'quote' && doc.status === 'sent' && (!doc.validUntil || doc.validUntil >= today),
      canPay: opts.acceptsOnlinePayment && ((isInvoice && ['issued', 'partially_paid'].includes(doc.status) && balance > 0) || depositDue > 0),
    });
  }
  return out;
}

/**
 * The client's answer to a sent quote from the portal: the same rules as the e-mailed link (respondToQuote) —
 * typed full name, time and IP recorded, refused once answered or past its validity date — identified by the
 * portal session instead of a link token.
 */
export async function answerQuoteFromPortal(
  db: TenantDb,
  clientIds: string[],
  answer: { id: string; decision: 'accept' | 'decline'; fullName: string; ip: string; timeZone: string; now: Date },
): Promise<{ id: string; status: 'accepted' | 'declined' }> {
  const fullName = answer.fullName.trim();
  if (fullName.length < 2 || fullName.length > 200) throw new AppError('BAD_REQUEST', 'Type your full name to answer the quote');
  const result = await db.transaction(async (tx) => {
    const [quote] = await tx.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, answer.id)).for('update');
    if (!quote || quote.kind !== 'quote' || !clientIds.includes(quote.clientId) || quote.status === 'draft') throw notFound('quote');
    if (quote.status !== 'sent') throw new AppError('CONFLICT', `This quote was already ${quote.status}`, { status: quote.status });
    if (quote.validUntil && quote.validUntil < zonedDate(answer.now, answer.timeZone)) {
      await tx.update(tenant.moneyDocuments).set({ status: 'expired', updatedAt: answer.now }).where(eq(tenant.moneyDocuments.id, quote.id));
      await recordAudit(tx, null, 'quote.expired', 'money_document', quote.id, { number: quote.number });
      return 'expired' as const;
    }
    const status = answer.decision === 'accept' ? ('accepted' as const) : ('declined' as const);
    await tx
      .update(tenant.moneyDocuments)
      .set({ status, respondedAt: answer.now, respondedName: fullName, respondedIp: answer.ip, updatedAt: answer.now })
      .where(eq(tenant.moneyDocuments.id, quote.id));
    await recordAudit(tx, null, `quote.${status}`, 'money_document', quote.id, { number: quote.number, fullName, ip: answer.ip, from: 'portal' });
    return { id: quote.id, status };
  });
  if (result === 'expired') throw new AppError('CONFLICT', 'This quote has expired', { status: 'expired' });
  return result;
}

/** The stored PDF of an issued document of these clients, or null (another client's, a draft, unknown). */
export async function portalDocumentPdf(db: TenantDb, clientIds: string[], id: string): Promise<{ key: string; number: string } | null> {
  const [doc] = await db
    .select({
      clientId: tenant.moneyDocuments.clientId,
      pdfKey: tenant.moneyDocuments.pdfKey,
      number: tenant.moneyDocuments.number,
      status: tenant.moneyDocuments.status,
    })
    .from(tenant.moneyDocuments)
    .where(eq(tenant.moneyDocuments.id, id));
  if (!doc || !clientIds.includes(doc.clientId) || doc.status === 'draft' || !doc.pdfKey || !doc.number) return null;
  return { key: doc.pdfKey, number: doc.number };
}
