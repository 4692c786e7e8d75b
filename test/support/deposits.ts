/**
 * Deposits paid online in tests (issue #11), shared by the booking-deposit and quote-deposit suites: a booking on
 * hold with a deposit due and its link's token, a sent quote asking for a deposit (accepted or not), starting their
 * Checkout pages as the client does (from the link), and reading what the recorder did (the deposit invoices marked
 * with a payment intent, the payments, the audit entries, the client's mails, the remembered Checkout pages).
 */
import { expect } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { hashToken, newToken } from '../../apps/server/src/platform/security/tokens.ts';
import { createSession } from '../../apps/server/src/modules/booking/sessions.service.ts';
import { createDraft, quoteLink } from '../../apps/server/src/modules/money/invoicing/index.ts';
import { ApiClient } from './api.ts';
import { freeLine, moneyContext } from './money.ts';
import type { OnlineMoney } from './money-online.ts';
import type { StripeEvent } from './stripe-standin.ts';

export type DepositKit = ReturnType<typeof depositKit>;

/** `money`: the suite's OnlineMoney (started in its beforeAll), read when a helper runs. */
export function depositKit(money: () => OnlineMoney, options: { firstIp?: number } = {}) {
  let ipSeq = options.firstIp ?? 10;
  let day = 0;
  let roomId: string | null = null;
  const db = () => money().studio.db;
  const slug = () => money().studio.studio.slug;
  /** A visitor from an address of its own (the links' per-IP limits never mix tests). */
  const visitor = () => new ApiClient(money().server.app, { ip: `198.51.100.${ipSeq++}` });

  const kit = {
    visitor,
    /** A booking on hold with a 120.00 deposit due (in its own day, 2032), and its deposit link's token. */
    async heldBooking(): Promise<{ id: string; token: string }> {
      if (!roomId) {
        const [room] = await db().insert(tenant.rooms).values({ name: 'Live Room', hourlyRateCents: 5000, capacity: 5 }).returning();
        roomId = room!.id;
      }
      day += 1;
      const startsAt = new Date(Date.UTC(2032, 4, day, 10));
      const { session } = await createSession(db(), money().studio.studio, null, {
        roomId,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 4 * 3_600_000),
        title: 'Booking request — Live Room',
        clientId: money().clientId,
        status: 'hold',
        holdHours: 48,
      });
      const token = newToken();
      await db()
        .update(tenant.sessions)
        .set({ source: 'public', depositCents: 12_000, depositDueAt: new Date(Date.now() + 24 * 3_600_000), depositLinkHash: hashToken(token) })
        .where(eq(tenant.sessions.id, session.id));
      return { id: session.id, token };
    },
    /** A quote of 1 200.00 (VAT included) asking a 30 % deposit (360.00), issued, and its answer link's token. */
    async sentQuoteWithDeposit(): Promise<{ id: string; token: string }> {
      const id = await createDraft(db(), moneyContext(money().studio), money().studio.actor, {
        kind: 'quote',
        clientId: money().clientId,
        notes: '',
        lines: [freeLine(money().rate, 100_000, 1000, 'Album')],
        depositInvoiceIds: [],
        deposit: { kind: 'percent', basisPoints: 3000 },
      });
      await money().issue(money().studio, id);
      return { id, token: (await quoteLink(db(), money().studio.actor, id)).token };
    },
    /** The same quote, accepted by the client from its link. */
    async acceptedQuoteWithDeposit(): Promise<{ id: string; token: string }> {
      const quote = await kit.sentQuoteWithDeposit();
      const answered = await visitor().mutate('publicQuote.respond', { token: quote.token, decision: 'accept', fullName: 'Nina Payer' }, slug());
      expect(answered.error, JSON.stringify(answered.error)).toBeUndefined();
      return quote;
    },
    /** The client opens the deposit's payment page from its link: the Checkout Session's id. */
    async startPayment(kind: 'booking_deposit' | 'quote_deposit', token: string): Promise<string> {
      const procedure = kind === 'booking_deposit' ? 'publicBooking.payDeposit' : 'publicQuote.payDeposit';
      const started = await visitor().mutate<{ url: string }>(procedure, { token }, slug());
      expect(started.error, JSON.stringify(started.error)).toBeUndefined();
      return started.data!.url.split('/').pop()!;
    },
    sessionRow: async (id: string) => (await db().select().from(tenant.sessions).where(eq(tenant.sessions.id, id)))[0]!,
    documentRow: async (id: string) => (await db().select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, id)))[0]!,
    /** The payment intent of a completed Checkout's events. */
    intentOf: (events: StripeEvent[]) => String(events[1]!.data.object.id),
    markedDocs: (intentId: string) =>
      db()
        .select()
        .from(tenant.moneyDocuments)
        .where(like(tenant.moneyDocuments.notes, `%[${intentId}]%`)),
    quoteDeposits: (quoteId: string) =>
      db()
        .select()
        .from(tenant.moneyDocuments)
        .where(and(eq(tenant.moneyDocuments.fromQuoteId, quoteId), eq(tenant.moneyDocuments.kind, 'deposit_invoice'))),
    creditNotesOf: (documentId: string) => db().select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.correctsId, documentId)),
    paymentsOf: (intentId: string) => db().select().from(tenant.payments).where(eq(tenant.payments.providerPaymentId, intentId)),
    audits: (action: string, entityId: string) =>
      db()
        .select()
        .from(tenant.auditLog)
        .where(and(eq(tenant.auditLog.action, action), eq(tenant.auditLog.entityId, entityId))),
    mails: (template: string) =>
      money()
        .server.platform.controlDb.select()
        .from(control.mailOutbox)
        .where(and(eq(control.mailOutbox.toAddress, money().email), eq(control.mailOutbox.template, template))),
    /** The Checkout pages remembered for a deposit: [id, closed] pairs. */
    async rememberedCheckouts(kind: 'booking_deposit' | 'quote_deposit', id: string): Promise<[string, boolean][]> {
      const c = tenant.bookingDepositCheckouts;
      const rows = await db()
        .select()
        .from(c)
        .where(kind === 'booking_deposit' ? eq(c.sessionId, id) : eq(c.quoteId, id));
      return rows.map((r): [string, boolean] => [r.id, r.closedAt !== null]).sort();
    },
    /** The expiry requests the stand-in received for a Checkout page, by connected account. */
    expiriesOf: (checkoutId: string) =>
      money()
        .standin.requests.filter((r) => r.method === 'POST' && r.path === `/v1/checkout/sessions/${checkoutId}/expire`)
        .map((r) => r.stripeAccount),
    /** The refunds the stand-in was asked for on a payment intent. */
    refundsOf: (intentId: string) =>
      money().standin.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds' && r.body.payment_intent === intentId),
  };
  return kit;
}
