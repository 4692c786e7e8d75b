/**
 * A quote's life after it is issued (issue.service.ts numbers it, freezes it and stores its PDF; status `sent`):
 *  - `quoteLink` gives the client a link token (only its SHA-256 is stored, so a database leak reveals no link);
 *    a new link replaces the old one;
 *  - `respondToQuote` is the client's answer from that link, with no account: the typed full name, the time and
 *    the IP are recorded. The accepted version is the issued one — its lines, totals, snapshot and PDF cannot
 *    change once issued (trigger, migration 0018), so what the client accepted is exactly what was sent;
 *  - `expireQuotes` (a job, daily) marks quotes past their validity date expired; an answer after that is refused;
 *  - `invoiceFromQuote` drafts the invoice of an accepted quote, with its lines as frozen; issuing that invoice
 *    marks the quote invoiced.
 * The public page's procedures and the e-mail that carries the link call these (modules/money/delivery).
 */
import { and, asc, eq, inArray, lt, notInArray, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError, notFound } from '../../../platform/errors.ts';
import { hashToken, newToken } from '../../../platform/security/tokens.ts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../studios/studio-context.ts';
import type { TenantTx } from '../numbering/document-number.ts';
import type { StudioMoneyContext } from './drafts.service.ts';
import { zonedDate } from './issue.service.ts';

export async function quoteLink(db: TenantDb, actor: Actor, quoteId: string): Promise<{ token: string }> {
  const token = newToken();
  await db.transaction(async (tx) => {
    const [quote] = await tx.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, quoteId)).for('update');
    if (!quote || quote.kind !== 'quote') throw notFound('quote');
    if (quote.status !== 'sent')
      throw new AppError('CONFLICT', `A quote is sent once issued and until answered (this one is ${quote.status})`, { status: quote.status });
    await tx
      .update(tenant.moneyDocuments)
      .set({ acceptTokenHash: hashToken(token), updatedAt: new Date() })
      .where(eq(tenant.moneyDocuments.id, quoteId));
    await recordAudit(tx, actor, 'quote.link_created', 'money_document', quoteId, { number: quote.number });
  });
  return { token };
}

export interface QuoteAnswer {
  token: string;
  decision: 'accept' | 'decline';
  /** Typed by the client as their signature. */
  fullName: string;
  ip: string;
  now?: Date;
}

export async function respondToQuote(
  db: TenantDb,
  ctx: Pick<StudioMoneyContext, 'timeZone'>,
  answer: QuoteAnswer,
): Promise<{ id: string; number: string; status: 'accepted' | 'declined' }> {
  const fullName = answer.fullName.trim();
  if (fullName.length < 2 || fullName.length > 200) throw new AppError('BAD_REQUEST', 'Type your full name to answer the quote');
  const now = answer.now ?? new Date();
  const result = await db.transaction(async (tx) => {
    const [quote] = await tx
      .select()
      .from(tenant.moneyDocuments)
      .where(eq(tenant.moneyDocuments.acceptTokenHash, hashToken(answer.token)))
      .for('update');
    // An unknown token, another studio's token and a guessed one all look the same.
    if (!quote || quote.kind !== 'quote') throw new AppError('TOKEN_INVALID', 'This link is not valid');
    if (quote.status !== 'sent') throw new AppError('CONFLICT', `This quote was already ${quote.status}`, { status: quote.status });
    if (quote.validUntil && quote.validUntil < zonedDate(now, ctx.timeZone)) {
      await tx.update(tenant.moneyDocuments).set({ status: 'expired', updatedAt: now }).where(eq(tenant.moneyDocuments.id, quote.id));
      await recordAudit(tx, null, 'quote.expired', 'money_document', quote.id, { number: quote.number });
      // Committed, then refused: the quote stays expired even though this answer fails.
      return 'expired' as const;
    }
    const status = answer.decision === 'accept' ? ('accepted' as const) : ('declined' as const);
    await tx
      .update(tenant.moneyDocuments)
      .set({ status, respondedAt: now, respondedName: fullName, respondedIp: answer.ip, updatedAt: now })
      .where(eq(tenant.moneyDocuments.id, quote.id));
    await recordAudit(tx, null, `quote.${status}`, 'money_document', quote.id, { number: quote.number, fullName, ip: answer.ip });
    return { id: quote.id, number: quote.number!, status };
  });
  if (result === 'expired') throw new AppError('CONFLICT', 'This quote has expired', { status: 'expired' });
  return result;
}

/** The job at the validity date: quotes still awaiting an answer after their last valid day expire. Returns how many. */
export async function expireQuotes(db: TenantDb, ctx: Pick<StudioMoneyContext, 'timeZone'>, now = new Date()): Promise<number> {
  const today = zonedDate(now, ctx.timeZone);
  const expired = await db
    .update(tenant.moneyDocuments)
    .set({ status: 'expired', updatedAt: now })
    .where(and(eq(tenant.moneyDocuments.kind, 'quote'), eq(tenant.moneyDocuments.status, 'sent'), lt(tenant.moneyDocuments.validUntil, today)))
    .returning({ id: tenant.moneyDocuments.id, number: tenant.moneyDocuments.number });
  for (const q of expired) await recordAudit(db, null, 'quote.expired', 'money_document', q.id, { number: q.number });
  return expired.length;
}

/** A draft invoice of an accepted quote: its lines and discounts as issued. Issuing it marks the quote invoiced. */
export async function invoiceFromQuote(db: TenantDb, actor: Actor, quoteId: string): Promise<string> {
  return db.transaction(async (tx) => {
    const [quote] = await tx.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, quoteId)).for('update');
    if (!quote || quote.kind !== 'quote') throw notFound('quote');
    if (quote.status !== 'accepted') throw new AppError('DOCUMENT_INVALID', 'Only an accepted quote is invoiced', { problems: quote.status });
    const [open] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(tenant.moneyDocuments)
      .where(and(eq(tenant.moneyDocuments.fromQuoteId, quoteId), sql`${tenant.moneyDocuments.kind} <> 'deposit_invoice'`));
    if (open!.n > 0) throw new AppError('CONFLICT', 'This quote already has its invoice');
    const {
      id: _id,
      number: _n,
      series: _s,
      year: _y,
      sequence: _q,
      issueDate: _i,
      dueDate: _d,
      validUntil: _v,
      snapshot: _snap,
      pdfKey: _p,
      issuedAt: _ia,
      issuedBy: _ib,
      acceptTokenHash: _t,
      respondedAt: _ra,
      respondedName: _rn,
      respondedIp: _ri,
      depositBasisPoints: _db,
      depositCents: _dc,
      status: _st,
      kind: _k,
      createdAt: _ca,
      updatedAt: _ua,
      ...copied
    } = quote;
    // Deposits already invoiced on this quote (e.g. paid online at acceptance) are deducted: the invoice is then the
    // final invoice, never a second bill for the whole amount.
    const deductions = await quoteDeposits(tx, quoteId);
    const depositsDeductedCents = deductions.reduce((sum, d) => sum + d.amountCents, 0);
    const [invoice] = await tx
      .insert(tenant.moneyDocuments)
      .values({
        ...copied,
        kind: deductions.length > 0 ? 'final_invoice' : 'invoice',
        status: 'draft',
        fromQuoteId: quoteId,
        createdBy: actor.userId,
        paidCents: 0,
        creditedCents: 0,
        remindersSent: 0,
        depositsDeductedCents,
      })
      .returning({ id: tenant.moneyDocuments.id });
    if (deductions.length > 0) await tx.insert(tenant.moneyDocumentDeductions).values(deductions.map((d) => ({ ...d, finalInvoiceId: invoice!.id })));
    const lines = await tx
      .select()
      .from(tenant.moneyDocumentLines)
      .where(eq(tenant.moneyDocumentLines.documentId, quoteId))
      .orderBy(asc(tenant.moneyDocumentLines.position));
    await tx.insert(tenant.moneyDocumentLines).values(lines.map(({ id: _lineId, ...line }) => ({ ...line, documentId: invoice!.id })));
    await recordAudit(tx, actor, 'money_document.draft_created', 'money_document', invoice!.id, {
      kind: deductions.length > 0 ? 'final_invoice' : 'invoice',
      fromQuote: quote.number,
    });
    return invoice!.id;
  });
}

/** The quote's issued deposit invoices not yet deducted by a final invoice, each for what it asks net of credit notes. */
async function quoteDeposits(tx: TenantTx, quoteId: string) {
  const deposits = await tx
    .select({ id: tenant.moneyDocuments.id, grossCents: tenant.moneyDocuments.grossCents, creditedCents: tenant.moneyDocuments.creditedCents })
    .from(tenant.moneyDocuments)
    .where(
      and(
        eq(tenant.moneyDocuments.fromQuoteId, quoteId),
        eq(tenant.moneyDocuments.kind, 'deposit_invoice'),
        notInArray(tenant.moneyDocuments.status, ['draft', 'cancelled']),
      ),
    );
  if (deposits.length === 0) return [];
  const taken = await tx
    .select({ id: tenant.moneyDocumentDeductions.depositInvoiceId })
    .from(tenant.moneyDocumentDeductions)
    .where(
      inArray(
        tenant.moneyDocumentDeductions.depositInvoiceId,
        deposits.map((d) => d.id),
      ),
    );
  return deposits
    .filter((d) => !taken.some((t) => t.id === d.id))
    .map((d) => ({ depositInvoiceId: d.id, amountCents: d.grossCents - d.creditedCents }))
    .filter((d) => d.amountCents > 0);
}
