/**
 * Issue #11, item 5: a booking's deposit paid online. The visitor's deposit link (publicBooking.deposit /
 * payDeposit) starts a Stripe Checkout (the stand-in) for the session's deposit; the webhook, delivered twice and
 * out of order, issues one deposit invoice, records one payment and marks the deposit received once (the hold is
 * confirmed); a refund gets its credit note on that deposit invoice. Refusals are clear.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { hashToken, newToken } from '../../apps/server/src/platform/security/tokens.ts';
import { createSession } from '../../apps/server/src/modules/booking/sessions.service.ts';
import { requireStripe } from '../../apps/server/src/modules/money/payments/stripe-adapter.ts';
import { ApiClient } from '../support/api.ts';
import { startOnlineMoney, type OnlineMoney } from '../support/money-online.ts';
import type { StripeEvent } from '../support/stripe-standin.ts';
import { logInByLink, newBrowser } from '../support/portal.ts';
import { book, mailsTo, prepareStudio, setPolicy, slotIn } from '../support/public-booking.ts';
import { ensureConnectedAccount } from '../../apps/server/src/modules/money/payments/payments.service.ts';

let m: OnlineMoney;
let roomId: string;
let day = 0;
let ipSeq = 30;
const visitor = () => new ApiClient(m.server.app, { ip: `198.51.100.${ipSeq++}` });

beforeAll(async () => {
  m = await startOnlineMoney('Booking Deposit');
  const [room] = await m.studio.db.insert(tenant.rooms).values({ name: 'Live Room', hourlyRateCents: 5000, capacity: 5 }).returning();
  roomId = room!.id;
}, 120_000);
afterAll(async () => {
  await m?.close();
});

/** A public booking on hold with a deposit due, as confirmBooking leaves it, and its deposit link's token. */
async function heldBooking(changes: Partial<typeof tenant.sessions.$inferInsert> = {}, clientId = m.clientId): Promise<{ id: string; token: string }> {
  day += 1;
  const startsAt = new Date(Date.UTC(2031, 2, day, 10));
  const { session } = await createSession(m.studio.db, m.studio.studio, null, {
    roomId,
    startsAt,
    endsAt: new Date(startsAt.getTime() + 4 * 3_600_000),
    title: 'Booking request — Live Room',
    clientId,
    status: 'hold',
    holdHours: 48,
  });
  const token = newToken();
  await m.studio.db
    .update(tenant.sessions)
    .set({ source: 'public', depositCents: 12_000, depositDueAt: new Date(Date.now() + 24 * 3_600_000), depositLinkHash: hashToken(token), ...changes })
    .where(eq(tenant.sessions.id, session.id));
  return { id: session.id, token };
}

const sessionRow = async (id: string) => (await m.studio.db.select().from(tenant.sessions).where(eq(tenant.sessions.id, id)))[0]!;
const depositInvoices = (id: string) =>
  m.studio.db
    .select({ doc: tenant.moneyDocuments })
    .from(tenant.sessions)
    .innerJoin(tenant.moneyDocuments, eq(tenant.moneyDocuments.id, tenant.sessions.depositInvoiceId))
    .where(eq(tenant.sessions.id, id));

async function startPayment(token: string): Promise<string> {
  const started = await visitor().mutate<{ url: string }>('publicBooking.payDeposit', { token }, m.studio.studio.slug);
  expect(started.error, JSON.stringify(started.error)).toBeUndefined();
  return started.data!.url.split('/').pop()!;
}

describe('a booking deposit paid from the visitor’s link', () => {
  it('is not offered, and refused clearly, while the studio takes no card payments', async () => {
    const { token } = await heldBooking();
    const v = visitor();
    expect((await v.query('publicBooking.deposit', { token }, m.studio.studio.slug)).data).toMatchObject({
      depositCents: 12_000,
      depositPaid: false,
      payOnline: false,
    });
    const refused = await v.mutate('publicBooking.payDeposit', { token }, m.studio.studio.slug);
    expect(refused.error?.data).toMatchObject({ appCode: 'NOT_CONFIGURED' });
  });

  it('pays through Checkout; the webhook delivered twice and out of order gives one deposit invoice, one payment, one receipt, the hold confirmed once', async () => {
    await m.connect();
    const { id, token } = await heldBooking();
    const slug = m.studio.studio.slug;
    expect((await visitor().query('publicBooking.deposit', { token }, slug)).data).toMatchObject({
      payOnline: true,
      needsBillingAddress: false,
      status: 'hold',
    });

    const checkoutId = await startPayment(token);
    const request = m.standin.requests.filter((r) => r.path.includes('checkout/sessions')).pop()!;
    expect(request.body).toMatchObject({
      line_items: { 0: { price_data: { unit_amount: '12000' } } },
      metadata: { rsm_kind: 'booking_deposit', rsm_target_id: id },
      payment_intent_data: { application_fee_amount: '120' }, // STRIPE_PLATFORM_FEE_BPS=100
    });
    expect(String(request.body.success_url)).toBe(`${m.server.config.APP_URL}/s/${slug}/book/deposit?token=${token}&payment=paid`);

    const events = m.standin.completeCheckout(checkoutId);
    // Out of order (the payment intent's event first), each delivered twice, two at a time.
    const deliveries: StripeEvent[] = [events[1]!, events[0]!, events[2]!, events[0]!, events[1]!, events[2]!];
    for (let i = 0; i < deliveries.length; i += 2) {
      const statuses = await Promise.all(deliveries.slice(i, i + 2).map((evt) => m.standin.deliver(evt)));
      expect(statuses).toEqual([200, 200]);
    }

    const session = await sessionRow(id);
    expect(session.status).toBe('confirmed');
    expect(session.depositReceivedAt).not.toBeNull();
    const invoices = await depositInvoices(id);
    expect(invoices.map(({ doc }) => [doc.kind, doc.status, doc.grossCents, doc.paidCents, doc.clientId])).toEqual([
      ['deposit_invoice', 'paid', 12_000, 12_000, m.clientId],
    ]);
    expect(invoices[0]!.doc.number).toMatch(/^F-/);
    const marked = await m.studio.db
      .select()
      .from(tenant.moneyDocuments)
      .where(and(eq(tenant.moneyDocuments.kind, 'deposit_invoice'), eq(tenant.moneyDocuments.clientId, m.clientId)));
    expect(marked.filter((d) => d.notes.includes(String(events[1]!.data.object.id)))).toHaveLength(1);
    const payments = await m.studio.db.select().from(tenant.payments).where(eq(tenant.payments.documentId, invoices[0]!.doc.id));
    expect(payments.map((p) => [p.method, p.amountCents])).toEqual([['online', 12_000]]);
    const audits = await m.studio.db
      .select()
      .from(tenant.auditLog)
      .where(and(eq(tenant.auditLog.action, 'session.deposit_received'), eq(tenant.auditLog.entityId, id)));
    expect(audits).toHaveLength(1);
    const history = await m.studio.db.select().from(tenant.sessionStatusHistory).where(eq(tenant.sessionStatusHistory.sessionId, id));
    expect(history.filter((h) => h.toStatus === 'confirmed')).toHaveLength(1);

    const mails = await m.server.platform.controlDb.select().from(control.mailOutbox).where(eq(control.mailOutbox.toAddress, m.email));
    expect(mails.filter((mail) => mail.template === 'payment-receipt' && mail.idempotencyKey === `payment-receipt:${payments[0]!.id}`)).toHaveLength(1);
    expect(mails.filter((mail) => mail.template === 'public-booking-deposit-received')).toHaveLength(1);

    expect((await visitor().query('publicBooking.deposit', { token }, slug)).data).toMatchObject({
      depositPaid: true,
      payOnline: false,
      status: 'confirmed',
      depositInvoiceNumber: invoices[0]!.doc.number,
    });
    const again = await visitor().mutate('publicBooking.payDeposit', { token }, slug);
    expect(again.error?.data).toMatchObject({ appCode: 'CONFLICT' });
    expect(again.error?.message).toContain('already paid');

    // Refunded in full on Stripe: one credit note on the deposit invoice, however often the event comes.
    const intentId = String(events[1]!.data.object.id);
    await requireStripe(m.server.config).refund(m.accountId(), { paymentIntentId: intentId, amountCents: 12_000, idempotencyKey: 'refund-booking-deposit' });
    const refunded = m.standin.refundedEvent(m.accountId(), intentId);
    expect(await Promise.all([m.standin.deliver(refunded), m.standin.deliver(refunded)])).toEqual([200, 200]);
    const credits = await m.studio.db.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.correctsId, invoices[0]!.doc.id));
    expect(credits.map((c) => [c.kind, c.status, c.grossCents])).toEqual([['credit_note', 'issued', 12_000]]);
    expect(credits[0]!.number).toMatch(/^AV-/);
  }, 60_000);

  it('a refund whose event comes before the payment’s still gives one deposit invoice, its payment and its credit note', async () => {
    await m.connect();
    const { id, token } = await heldBooking();
    const events = m.standin.completeCheckout(await startPayment(token));
    const intentId = String(events[1]!.data.object.id);
    await requireStripe(m.server.config).refund(m.accountId(), { paymentIntentId: intentId, amountCents: 5_000, idempotencyKey: 'early-refund' });
    expect(await m.standin.deliver(m.standin.refundedEvent(m.accountId(), intentId))).toBe(200);
    for (const evt of events) expect(await m.standin.deliver(evt)).toBe(200);
    const [invoice] = await depositInvoices(id);
    expect(invoice!.doc).toMatchObject({ grossCents: 12_000, paidCents: 12_000, creditedCents: 5_000 });
    expect((await sessionRow(id)).depositReceivedAt).not.toBeNull();
    const credits = await m.studio.db.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.correctsId, invoice!.doc.id));
    expect(credits.map((c) => c.grossCents)).toEqual([5_000]);
  }, 60_000);

  it('asks a client with no address on file for the billing address, and keeps an address already on file', async () => {
    await m.connect();
    const [bare] = await m.studio.db
      .insert(tenant.clients)
      .values({ name: 'Bare Visitor', kind: 'person', email: `bare-${Date.now()}@example.test` })
      .returning();
    const { token } = await heldBooking({}, bare!.id);
    const slug = m.studio.studio.slug;
    expect((await visitor().query('publicBooking.deposit', { token }, slug)).data).toMatchObject({ payOnline: true, needsBillingAddress: true });
    const refused = await visitor().mutate('publicBooking.payDeposit', { token }, slug);
    expect(refused.error?.data).toMatchObject({ appCode: 'BAD_REQUEST' });
    expect(refused.error?.message).toContain('billing address');
    const billing = { addressLine1: '1 rue Haute', postalCode: '75011', city: 'Paris', country: 'fr' };
    const started = await visitor().mutate<{ url: string }>('publicBooking.payDeposit', { token, billing }, slug);
    expect(started.error, JSON.stringify(started.error)).toBeUndefined();
    const [client] = await m.studio.db.select().from(tenant.clients).where(eq(tenant.clients.id, bare!.id));
    expect(client).toMatchObject({ city: 'Paris', postalCode: '75011', country: 'FR' });
    // Given again, another address does not replace the one on file.
    await visitor().mutate('publicBooking.payDeposit', { token, billing: { ...billing, city: 'Lille' } }, slug);
    const [kept] = await m.studio.db.select().from(tenant.clients).where(eq(tenant.clients.id, bare!.id));
    expect(kept!.city).toBe('Paris');
  });

  it('refuses clearly: nothing due, a cancelled booking, a request not approved yet, a wrong link', async () => {
    await m.connect();
    const slug = m.studio.studio.slug;
    const none = await heldBooking({ depositCents: 0 });
    const cancelled = await heldBooking({ status: 'cancelled', holdExpiresAt: null });
    const pending = await heldBooking({ approvalStatus: 'pending' });
    const cases = [
      [none.token, 'asks for no deposit'],
      [cancelled.token, 'cancelled booking takes no deposit'],
      [pending.token, 'not approved this booking yet'],
    ] as const;
    for (const [token, message] of cases) {
      expect((await visitor().query('publicBooking.deposit', { token }, slug)).data).toMatchObject({ payOnline: false });
      const refused = await visitor().mutate('publicBooking.payDeposit', { token }, slug);
      expect(refused.error?.data).toMatchObject({ appCode: 'CONFLICT' });
      expect(refused.error?.message).toContain(message);
    }
    const wrong = await visitor().mutate('publicBooking.payDeposit', { token: 'x'.repeat(43) }, slug);
    expect(wrong.error?.data).toMatchObject({ appCode: 'TOKEN_INVALID' });
    // Another studio's link is not valid here.
    const other = await visitor().query('publicBooking.deposit', { token: none.token }, m.other.studio.slug);
    expect(other.error?.data).toMatchObject({ appCode: 'TOKEN_INVALID' });
  });

  it('the portal offers "Pay deposit" on the client’s own session, pays it, and then shows it paid', async () => {
    await m.connect();
    const { id } = await heldBooking();
    const portal = newBrowser(m.server, m.studio.studio.slug, { ip: '198.51.100.90' });
    await logInByLink(m.server, portal, m.email);
    expect((await portal.query('portal.session', { id })).data).toMatchObject({ depositCents: 12_000, depositReceived: false, payDepositOnline: true });
    const upcoming = await portal.query<{ items: { id: string; payDepositOnline: boolean }[] }>('portal.sessions', { when: 'upcoming', limit: 50 });
    expect(upcoming.data!.items.find((s) => s.id === id)?.payDepositOnline).toBe(true);
    const started = await portal.mutate<{ url: string; amountCents: number }>('portal.payDeposit', { id });
    expect(started.error, JSON.stringify(started.error)).toBeUndefined();
    expect(started.data!.amountCents).toBe(12_000);
    const request = m.standin.requests.filter((r) => r.path.includes('checkout/sessions')).pop()!;
    expect(String(request.body.success_url)).toBe(`${m.server.config.APP_URL}/s/${m.studio.studio.slug}/portal/sessions/${id}?payment=paid`);
    expect(request.body).toMatchObject({ customer_email: m.email });
    for (const evt of m.standin.completeCheckout(started.data!.url.split('/').pop()!)) expect(await m.standin.deliver(evt)).toBe(200);
    expect((await portal.query('portal.session', { id })).data).toMatchObject({ status: 'confirmed', depositReceived: true, payDepositOnline: false });
    expect((await depositInvoices(id)).map(({ doc }) => doc.status)).toEqual(['paid']);
    const again = await portal.mutate('portal.payDeposit', { id });
    expect(again.error?.data).toMatchObject({ appCode: 'CONFLICT' });
  }, 60_000);

  it('the public flow gives the pay link: at once for a hold, with the approval for a request the studio approves', async () => {
    const { studio, roomId: publicRoom } = await prepareStudio(m.server, 'Deposit Link Flow');
    const account = await ensureConnectedAccount(m.server.platform, { id: studio.id, name: 'Deposit Link Flow' }, 'owner@example.test');
    expect(await m.standin.deliver(m.standin.finishOnboarding(account.stripeAccountId))).toBe(200);

    // A hold with a deposit: the confirmation answers the link's token, and the hold mail carries the same link.
    await setPolicy(studio, { requireApproval: false, instantBooking: false, depositPercent: 30 });
    const held = await book(m.server, studio, slotIn(publicRoom, 5, 10));
    const token = (held.confirmed.data as unknown as { depositToken: string | null }).depositToken;
    expect(held.confirmed.data).toMatchObject({ outcome: 'hold', depositCents: 3_000 });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const holdMail = (await mailsTo(m.server, held.email)).find((mail) => mail.template === 'public-booking-hold');
    expect(holdMail?.textBody).toContain(`/s/${studio.slug}/book/deposit?token=${token!}`);
    expect((await visitor().query('publicBooking.deposit', { token: token! }, studio.slug)).data).toMatchObject({ payOnline: true, depositCents: 3_000 });

    // A request waiting for approval: no link until the studio approves; the approval mail carries a working one.
    await setPolicy(studio, { requireApproval: true, depositPercent: 30 });
    const pending = await book(m.server, studio, slotIn(publicRoom, 6, 10));
    expect(pending.confirmed.data).toMatchObject({ outcome: 'pending', depositToken: null });
    const list = await studio.owner.query<{ items: { id: string; clientEmail: string }[] }>('bookingRequests.list', {}, studio.slug);
    const id = list.data!.items.find((i) => i.clientEmail === pending.email)!.id;
    const approved = await studio.owner.mutate('bookingRequests.approve', { id, message: '' }, studio.slug);
    expect(approved.error, JSON.stringify(approved.error)).toBeUndefined();
    const approvalMail = (await mailsTo(m.server, pending.email)).find((mail) => mail.template === 'public-booking-approved');
    const link = /\/book\/deposit\?token=([A-Za-z0-9_-]+)/.exec(approvalMail?.textBody ?? '');
    expect(link).not.toBeNull();
    expect((await visitor().query('publicBooking.deposit', { token: link![1] }, studio.slug)).data).toMatchObject({ payOnline: true, status: 'hold' });
  }, 60_000);
});
