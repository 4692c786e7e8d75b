/**
 * The visitor's deposit page (issue #11, item 5): the public booking mails and the confirmation give the visitor
 * an unguessable link (its token's sha-256 is on the session); behind it they see what their booking's deposit
 * is, whether it is paid, and pay it on Stripe Checkout when the studio takes card payments. The deposit invoice
 * must name the buyer's address: a visitor whose client record has none types it here (an address on file is
 * never replaced). Unknown and other studios' tokens get the same "not valid" answer, and every attempt counts
 * against a per-IP and a per-token limit, like the quote answer link.
 */
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError } from '../../platform/errors.ts';
import type { Platform } from '../../platform/platform.ts';
import type { RateRule } from '../../platform/security/rate-limit.ts';
import { hashToken, newToken } from '../../platform/security/tokens.ts';
import type { TenantDb } from '../../platform/tenancy/directory.ts';
import type { StudioContext } from '../studios/studio-context.ts';
import { startCheckout } from '../money/payments/checkout.service.ts';
import { bookingDepositDue, clientHasBillingAddress, fillBillingAddress, takesCardPayments, type BillingAddress } from '../money/payments/booking-deposits.ts';
import { depositPageUrl } from './public-booking.mails.ts';

type Session = typeof tenant.sessions.$inferSelect;

export const DEPOSIT_LINK_LIMITS = (ip: string, token: string): RateRule[] => [
  { key: `deposit-link:ip:${ip}`, limit: 60, windowSeconds: 15 * 60 },
  // The token's hash, not the token: the limits table is no place for credentials.
  { key: `deposit-link:token:${hashToken(token).slice(0, 32)}`, limit: 30, windowSeconds: 15 * 60 },
];

const linkNotValid = () => new AppError('TOKEN_INVALID', 'This link is not valid', { reason: 'depositLinkInvalid' });

async function sessionByToken(platform: Platform, db: TenantDb, ip: string, token: string): Promise<Session> {
  await platform.rateLimiter.hit(DEPOSIT_LINK_LIMITS(ip, token));
  const [session] = await db
    .select()
    .from(tenant.sessions)
    .where(eq(tenant.sessions.depositLinkHash, hashToken(token)));
  if (!session) throw linkNotValid();
  return session;
}

/**
 * A deposit link for a public booking that has a deposit due and none yet (made when a request waiting for
 * approval is approved: the visitor had no link then). Returns the page's URL, or null when there is nothing to
 * pay online or the studio takes no card payments. The token is only ever in the mail.
 */
export async function depositLinkOnApproval(platform: Platform, db: TenantDb, studio: StudioContext, session: Session): Promise<string | null> {
  if (session.source !== 'public' || session.depositCents <= 0 || session.depositReceivedAt || session.depositLinkHash) return null;
  if (!(await takesCardPayments(platform, studio.id))) return null;
  const token = newToken();
  await db
    .update(tenant.sessions)
    .set({ depositLinkHash: hashToken(token) })
    .where(eq(tenant.sessions.id, session.id));
  return depositPageUrl(platform, studio, token);
}

export async function viewDeposit(platform: Platform, db: TenantDb, studio: StudioContext, ip: string, token: string) {
  const session = await sessionByToken(platform, db, ip, token);
  const [room] = await db.select({ name: tenant.rooms.name }).from(tenant.rooms).where(eq(tenant.rooms.id, session.roomId));
  const [invoice] = session.depositInvoiceId
    ? await db.select({ number: tenant.moneyDocuments.number }).from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, session.depositInvoiceId))
    : [];
  const payable = await bookingDepositDue(db, session.id, null).then(
    () => true,
    (error: unknown) => {
      // Billing address missing: still payable, the page asks for the address first.
      if (error instanceof AppError && error.params.reason === 'billingAddress') return true;
      if (error instanceof AppError && (error.code === 'CONFLICT' || error.code === 'NOT_FOUND')) return false;
      throw error;
    },
  );
  return {
    studioName: studio.name,
    roomName: room?.name ?? '',
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    status: session.status,
    depositCents: session.depositCents,
    currency: session.currency,
    depositDueAt: session.depositDueAt?.toISOString() ?? null,
    depositPaid: session.depositReceivedAt !== null,
    depositInvoiceNumber: invoice?.number ?? null,
    payOnline: payable && (await takesCardPayments(platform, studio.id)),
    needsBillingAddress: !(await clientHasBillingAddress(db, session.clientId)),
  };
}

/** The Stripe Checkout page for the booking's deposit; the visitor comes back to the deposit page. */
export async function payDepositByLink(
  platform: Platform,
  db: TenantDb,
  studio: StudioContext,
  ip: string,
  token: string,
  billing: BillingAddress | null,
): Promise<{ url: string }> {
  const session = await sessionByToken(platform, db, ip, token);
  if (billing && session.clientId) await fillBillingAddress(db, session.clientId, billing);
  const page = depositPageUrl(platform, studio, token);
  const { url } = await startCheckout(platform, studio, db, {
    kind: 'booking_deposit',
    documentId: session.id,
    allowedClientIds: session.clientId ? [session.clientId] : [],
    returnTo: { paid: `${page}&payment=paid`, cancelled: `${page}&payment=cancelled` },
  });
  return { url };
}
