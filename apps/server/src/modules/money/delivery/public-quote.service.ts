/**
 * The client's side of a quote link, with no account (issue 11, item 2): read the quote as issued (its frozen
 * snapshot, never recomputed), fetch its PDF, accept it with a typed full name or decline it (respondToQuote
 * records time and IP). Unknown, replaced and other studios' tokens all get the same "not valid" answer, and
 * every attempt counts against a per-IP and a per-token limit so tokens cannot be guessed.
 */
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { RateRule } from '../../../platform/security/rate-limit.ts';
import { hashToken } from '../../../platform/security/tokens.ts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import type { StudioContext } from '../../studios/studio-context.ts';
import type { MoneyDocument } from '../documents/document-model.ts';
import { zonedDate } from '../invoicing/issue.service.ts';
import { respondToQuote } from '../invoicing/quotes.service.ts';
import { chargeableAccount, quoteDepositGross, quoteDepositPaid, startCheckout } from '../payments/checkout.service.ts';
import type { DocumentRow } from './document-mail.ts';

/** A page load re-reads the quote, so the per-IP budget allows browsing; the per-token one stops hammering a link. */
export const QUOTE_LINK_LIMITS = (ip: string, token: string): RateRule[] => [
  { key: `quote-link:ip:${ip}`, limit: 60, windowSeconds: 15 * 60 },
  // The token's hash, not the token: the limits table is no place for credentials.
  { key: `quote-link:token:${hashToken(token).slice(0, 32)}`, limit: 30, windowSeconds: 15 * 60 },
];

export const quoteLinkNotValid = () => new AppError('TOKEN_INVALID', 'This link is not valid', { reason: 'quote_invalid' });

/**
 * Whether the client can pay the accepted quote's deposit online from the answer page: a deposit asked and not
 * yet paid, and the studio taking card payments (connected to Stripe, charges enabled). Otherwise no button.
 */
async function depositPayableOnline(platform: Platform, db: TenantDb, studio: StudioContext, quote: DocumentRow): Promise<boolean> {
  if (quote.status !== 'accepted' || (quote.depositBasisPoints === null && quote.depositCents === null)) return false;
  const connected = await chargeableAccount(platform, studio.id).then(
    () => true,
    (error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_CONFIGURED') return false;
      throw error;
    },
  );
  return connected && !(await quoteDepositPaid(db, quote.id)) && (await quoteDepositGross(db, quote)) > 0;
}

async function quoteByToken(platform: Platform, db: TenantDb, ip: string, token: string): Promise<DocumentRow> {
  await platform.rateLimiter.hit(QUOTE_LINK_LIMITS(ip, token));
  const [quote] = await db
    .select()
    .from(tenant.moneyDocuments)
    .where(eq(tenant.moneyDocuments.acceptTokenHash, hashToken(token)));
  if (!quote || quote.kind !== 'quote' || !quote.snapshot) throw quoteLinkNotValid();
  return quote;
}

export async function viewQuote(platform: Platform, db: TenantDb, studio: StudioContext, ip: string, token: string) {
  const quote = await quoteByToken(platform, db, ip, token);
  const model = quote.snapshot as MoneyDocument;
  const today = zonedDate(platform.clock.now(), studio.timeZone);
  // Past its last valid day the quote is expired even before the daily job writes it so.
  const status = quote.status === 'sent' && quote.validUntil && quote.validUntil < today ? 'expired' : quote.status;
  return {
    studio: { name: studio.name, legalName: model.seller.legalName },
    number: quote.number!,
    status: status as 'sent' | 'accepted' | 'declined' | 'expired' | 'invoiced',
    issueDate: quote.issueDate!,
    validUntil: quote.validUntil,
    currency: quote.currency,
    language: model.language,
    buyerName: model.buyer.name,
    lines: model.lines.map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unit: l.unit,
      unitPriceCents: l.unitPriceCents,
      netCents: l.netCents,
      vatRate: l.vatRate,
    })),
    vatBreakdown: model.vatBreakdown.map((v) => ({ vatRate: v.vatRate, taxableBaseCents: v.taxableBaseCents, vatCents: v.vatCents })),
    totals: { netCents: model.totals.netCents, vatCents: model.totals.vatCents, grossCents: model.totals.grossCents },
    deposit:
      quote.depositBasisPoints !== null
        ? { basisPoints: quote.depositBasisPoints, cents: null }
        : quote.depositCents !== null
          ? { basisPoints: null, cents: quote.depositCents }
          : null,
    notes: model.notes ?? '',
    respondedName: quote.respondedName,
    respondedAt: quote.respondedAt?.toISOString() ?? null,
    payDepositOnline: await depositPayableOnline(platform, db, studio, quote),
  };
}

export async function answerQuote(
  platform: Platform,
  db: TenantDb,
  studio: StudioContext,
  ip: string,
  input: { token: string; decision: 'accept' | 'decline'; fullName: string },
) {
  await quoteByToken(platform, db, ip, input.token);
  return respondToQuote(db, studio, { ...input, ip, now: platform.clock.now() });
}

/** The stored PDF's key for a valid token (the HTTP route streams it). */
export async function quotePdfKey(platform: Platform, db: TenantDb, ip: string, token: string): Promise<{ key: string; number: string }> {
  const quote = await quoteByToken(platform, db, ip, token);
  return { key: quote.pdfKey!, number: quote.number! };
}

/** The Stripe Checkout page for the accepted quote's deposit; the client comes back to this answer page. */
export async function payQuoteDeposit(platform: Platform, db: TenantDb, studio: StudioContext, ip: string, token: string): Promise<{ url: string }> {
  const quote = await quoteByToken(platform, db, ip, token);
  const page = `${platform.config.APP_URL}/s/${studio.slug}/quote/${encodeURIComponent(token)}`;
  const { url } = await startCheckout(platform, studio, db, {
    kind: 'quote_deposit',
    documentId: quote.id,
    allowedClientIds: [quote.clientId],
    returnTo: { paid: `${page}?payment=paid`, cancelled: `${page}?payment=cancelled` },
  });
  return { url };
}
