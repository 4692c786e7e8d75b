/**
 * A booked session's deposit paid online (issue #11, item 5): what may be paid, and the deposit invoice the payment
 * brings with it. Checkout (checkout.service.ts) asks `bookingDepositDue` for the amount; the recorder
 * (money-payment-recorder.ts) makes the deposit invoice here, records the payment on it and then marks the
 * session's deposit received through the same service staff use (a hold is confirmed the same way).
 *
 * The deposit invoice is for exactly what was paid, VAT included, at the studio's default VAT rate (the rate a
 * session is invoiced at), marked with the payment intent's id like the quote deposit's, so a second delivery
 * finds it instead of making another; the session keeps its id (`deposit_invoice_id`) for the screens.
 * The session row is locked while the draft is made, so two deliveries at once cannot both make one.
 * The recorder calls it inside its own transaction (draft, issue, payment and the deposit received commit together).
 */
import { and, eq, like } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { AppError, notFound } from '../../../platform/errors.ts';
import type { Platform } from '../../../platform/platform.ts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import { inTransaction, type TenantExecutor } from '../../../platform/tenancy/tenant-tx.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { formatInstant } from '../../booking/time.ts';
import { issueDocument, type IssueDeps } from '../invoicing/issue.service.ts';
import type { StudioMoneyContext } from '../invoicing/drafts.service.ts';
import { totalsOf } from '../invoicing/draft-lines.ts';
import { netForGross } from './amount-lines.ts';
import { paymentsStatus } from './payments.service.ts';

type Session = typeof tenant.sessions.$inferSelect;
type Doc = typeof tenant.moneyDocuments.$inferSelect;

const marker = (paymentIntentId: string) => `[${paymentIntentId}]`;
const markedBy = (paymentIntentId: string) => like(tenant.moneyDocuments.notes, `%${marker(paymentIntentId).replace(/[\\%_]/g, (c) => `\\${c}`)}%`);

export interface BillingAddress {
  addressLine1: string;
  postalCode: string;
  city: string;
  country: string;
}

/** Whether the studio takes card payments now (connected to Stripe, charges enabled): the "Pay" buttons' rule. */
export async function takesCardPayments(platform: Platform, studioId: string): Promise<boolean> {
  return (await paymentsStatus(platform, studioId)).acceptsOnlinePayment;
}

/**
 * The session's deposit as it may be paid now, or a clear refusal: nothing asked, already received, a cancelled
 * (or finished) booking, a request the studio has not approved yet, or a client with no billing address (the
 * deposit invoice must name one). `allowedClientIds`: the portal client's own ids (another client's session looks
 * like one that does not exist); null when the caller holds the session's own link.
 */
export async function bookingDepositDue(db: TenantDb, sessionId: string, allowedClientIds: string[] | null): Promise<{ session: Session; cents: number }> {
  const [row] = await db
    .select({ session: tenant.sessions, city: tenant.clients.city })
    .from(tenant.sessions)
    .leftJoin(tenant.clients, eq(tenant.clients.id, tenant.sessions.clientId))
    .where(eq(tenant.sessions.id, sessionId));
  const session = row?.session;
  if (!session || !session.clientId || (allowedClientIds && !allowedClientIds.includes(session.clientId))) throw notFound('session');
  if (session.depositCents <= 0) throw new AppError('CONFLICT', 'This booking asks for no deposit', { reason: 'noDeposit' });
  if (session.depositReceivedAt) throw new AppError('CONFLICT', 'The deposit of this booking is already paid', { reason: 'depositPaid' });
  if (session.status !== 'hold' && session.status !== 'confirmed')
    throw new AppError('CONFLICT', `A ${session.status.replace('_', ' ')} booking takes no deposit`, { reason: 'notActive', status: session.status });
  if (session.approvalStatus === 'pending')
    throw new AppError('CONFLICT', 'The studio has not approved this booking yet: the deposit is paid once it is approved', { reason: 'approveFirst' });
  if (!row.city?.trim())
    throw new AppError('BAD_REQUEST', 'The deposit invoice needs your billing address: please give it first', { reason: 'billingAddress' });
  return { session, cents: session.depositCents };
}

/** Whether the session's client has a billing address (a city at least) for the deposit invoice. */
export async function clientHasBillingAddress(db: TenantDb, clientId: string | null): Promise<boolean> {
  if (!clientId) return false;
  const [client] = await db.select({ city: tenant.clients.city }).from(tenant.clients).where(eq(tenant.clients.id, clientId));
  return !!client?.city.trim();
}

/**
 * Stores the billing address the payer typed, on a client that has none yet: an address already on file (typed
 * by staff or in the portal) is never replaced from a payment link.
 */
export async function fillBillingAddress(db: TenantDb, clientId: string, address: BillingAddress): Promise<void> {
  if (await clientHasBillingAddress(db, clientId)) return;
  await db
    .update(tenant.clients)
    .set({
      addressLine1: address.addressLine1,
      postalCode: address.postalCode,
      city: address.city,
      country: address.country.toUpperCase(),
      updatedAt: new Date(),
    })
    .where(and(eq(tenant.clients.id, clientId), eq(tenant.clients.city, '')));
}

async function defaultRate(db: Pick<TenantDb, 'select'>) {
  const [rate] = await db.select().from(tenant.vatRates).where(eq(tenant.vatRates.isDefault, true));
  if (!rate) throw new Error('no default VAT rate (migration 0017 creates one and a trigger keeps it)');
  return rate;
}

/**
 * The issued deposit invoice of session `sessionId` for this payment, made now if it does not exist yet. Given a
 * caller's transaction, draft and issue join it (nothing is committed, no number taken, until the caller commits).
 */
export async function depositInvoiceForBooking(
  db: TenantExecutor,
  ctx: StudioMoneyContext,
  deps: IssueDeps,
  sessionId: string,
  payment: { paymentIntentId: string; amountCents: number; currency: string },
): Promise<Doc> {
  const drafted = await inTransaction(db, async (tx) => {
    const [session] = await tx.select().from(tenant.sessions).where(eq(tenant.sessions.id, sessionId)).for('update');
    if (!session) throw notFound('session');
    const [existing] = await tx
      .select()
      .from(tenant.moneyDocuments)
      .where(and(eq(tenant.moneyDocuments.kind, 'deposit_invoice'), markedBy(payment.paymentIntentId)));
    if (existing) return existing;
    if (!session.clientId) throw new AppError('DOCUMENT_INVALID', 'A deposit was paid on a session with no client', { problems: 'no client' });
    const [room] = await tx.select({ name: tenant.rooms.name }).from(tenant.rooms).where(eq(tenant.rooms.id, session.roomId));
    const fr = ctx.locale === 'fr';
    const rate = await defaultRate(tx);
    const when = formatInstant(session.startsAt, ctx.timeZone, ctx.locale);
    const priced = [
      {
        source: 'free' as const,
        catalogueItemId: null,
        sessionId: null,
        description: `${fr ? `Acompte sur la réservation du ${when}` : `Deposit on the booking of ${when}`}${room ? ` · ${room.name}` : ''}`,
        quantity: 1000,
        unit: 'item' as const,
        unitPriceCents: netForGross(payment.amountCents, rate.basisPoints),
        discountKind: null,
        discountValue: null,
        vatRateId: rate.id,
        vatBasisPoints: rate.basisPoints,
        vatCategory: rate.category,
      },
    ];
    const totals = totalsOf(priced, null);
    const lines = priced.map((l, i) => {
      const t = totals.lines[i]!;
      return { ...l, amountCents: t.amountCents, lineDiscountCents: t.lineDiscountCents, documentDiscountCents: t.documentDiscountCents, netCents: t.netCents };
    });
    const notes = fr
      ? `Acompte de réservation réglé en ligne ${marker(payment.paymentIntentId)}`
      : `Booking deposit paid online ${marker(payment.paymentIntentId)}`;
    const [row] = await tx
      .insert(tenant.moneyDocuments)
      .values({
        kind: 'deposit_invoice',
        clientId: session.clientId,
        currency: payment.currency.toUpperCase(),
        notes,
        subtotalCents: totals.subtotalCents,
        discountCents: totals.documentDiscountCents,
        netCents: totals.netCents,
        vatCents: totals.vatCents,
        grossCents: totals.grossCents,
      })
      .returning();
    await tx.insert(tenant.moneyDocumentLines).values(lines.map((l, position) => ({ ...l, documentId: row!.id, position })));
    // The first deposit invoice is the session's. A payment of a deposit already received (paid twice, or received
    // by hand first) gets its own, unlinked: the recorder refunds it and its credit note cancels it.
    if (!session.depositInvoiceId && !session.depositReceivedAt)
      await tx.update(tenant.sessions).set({ depositInvoiceId: row!.id }).where(eq(tenant.sessions.id, session.id));
    await recordAudit(tx, null, 'money_document.draft_created', 'money_document', row!.id, {
      kind: 'deposit_invoice',
      sessionId: session.id,
      paymentIntentId: payment.paymentIntentId,
    });
    return row!;
  });
  if (drafted.status === 'draft') await issueDocument(db, ctx, deps, null, drafted.id);
  const [issued] = await db.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, drafted.id));
  return issued!;
}
