/**
 * Issue #11, item 5 (follow-up): a deposit paid online is recorded in ONE tenant transaction, and one deposit
 * cannot be paid twice.
 *  - The deposit invoice (drafted, issued with its number from the counter), its payment and the session's deposit
 *    received commit together: a failure in the last step (a trigger that raises) leaves no invoice, no number
 *    taken and no payment; Stripe's redelivery then records all of it exactly once. The same for a quote's deposit.
 *  - A new Checkout page for a booking's deposit expires the previous one on Stripe first.
 *  - Staff recording the deposit by hand expire the page still open; one paid at that moment is the duplicate.
 *  - A second payment that still gets through (two pages paid before either was recorded) is refunded at once on
 *    the studio's account, credited in full on its own deposit invoice, audited, and the client is told.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { balanceCents } from '@rsm/shared/money-balance';
import { requireStripe } from '../../apps/server/src/modules/money/payments/stripe-adapter.ts';
import { fileStorage } from '../../apps/server/src/platform/storage/storage.ts';
import { startOnlineMoney, type OnlineMoney } from '../support/money-online.ts';
import { depositKit } from '../support/deposits.ts';

let m: OnlineMoney;
const kit = depositKit(() => m);
const { heldBooking, visitor, sessionRow, intentOf, markedDocs, paymentsOf, audits, mails } = kit;
const startPayment = (token: string) => kit.startPayment('booking_deposit', token);

beforeAll(async () => {
  m = await startOnlineMoney('Deposit Atomic');
  await m.connect();
}, 120_000);
afterAll(async () => {
  await m?.close();
});

/** The last sequence taken in this year's invoice series (deposit invoices share it). */
async function lastInvoiceSequence(): Promise<number> {
  const rows = await m.studio.db.execute<{ last: number | null }>(
    sql`SELECT max(sequence)::int AS last FROM money_documents WHERE series = 'invoice' AND year = extract(year FROM now())::int`,
  );
  return rows.rows[0]?.last ?? 0;
}

/** Test-only: the database refuses one session's deposit received, or one payment, as a crash at the last step would. */
async function refuseDepositOf(sessionId: string) {
  await m.studio.db.execute(
    sql.raw(`CREATE OR REPLACE FUNCTION test_refuse_deposit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.id = '${sessionId}' AND OLD.deposit_received_at IS NULL AND NEW.deposit_received_at IS NOT NULL THEN
          RAISE EXCEPTION 'injected failure: the deposit cannot be marked received';
        END IF;
        RETURN NEW;
      END $$`),
  );
  await m.studio.db.execute(sql.raw('CREATE TRIGGER test_refuse_deposit BEFORE UPDATE ON sessions FOR EACH ROW EXECUTE FUNCTION test_refuse_deposit()'));
  return () => m.studio.db.execute(sql.raw('DROP TRIGGER test_refuse_deposit ON sessions'));
}
async function refusePaymentOf(intentId: string) {
  await m.studio.db.execute(
    sql.raw(`CREATE OR REPLACE FUNCTION test_refuse_payment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.provider_payment_id = '${intentId}' THEN RAISE EXCEPTION 'injected failure: the payment cannot be recorded'; END IF;
        RETURN NEW;
      END $$`),
  );
  await m.studio.db.execute(sql.raw('CREATE TRIGGER test_refuse_payment BEFORE INSERT ON payments FOR EACH ROW EXECUTE FUNCTION test_refuse_payment()'));
  return () => m.studio.db.execute(sql.raw('DROP TRIGGER test_refuse_payment ON payments'));
}

describe('a booking deposit paid online is recorded in one transaction', () => {
  it('commits nothing when the last step fails (no invoice, no number taken, no payment), and the redelivery records everything once', async () => {
    const { id, token } = await heldBooking();
    const events = m.standin.completeCheckout(await startPayment(token));
    const intentId = intentOf(events);
    const before = await lastInvoiceSequence();

    const allow = await refuseDepositOf(id);
    try {
      // Both events reporting the payment fail the same way: Stripe is asked to retry (charge.succeeded applies nothing).
      for (const evt of events.slice(0, 2)) expect(await m.standin.deliver(evt)).not.toBe(200);
    } finally {
      await allow();
    }
    expect(await markedDocs(intentId)).toEqual([]);
    expect(await paymentsOf(intentId)).toEqual([]);
    const untouched = await sessionRow(id);
    expect(untouched).toMatchObject({ status: 'hold', depositReceivedAt: null, depositInvoiceId: null });
    expect(await mails('public-booking-deposit-received').then((rows) => rows.filter((r) => r.createdAt > new Date(Date.now() - 60_000)))).toEqual([]);
    // No number was burnt: the next invoice issued takes the very next one.
    const invoiceId = await m.issuedInvoice(10_000);
    const [invoice] = await m.studio.db.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, invoiceId));
    expect(invoice!.sequence).toBe(before + 1);

    // Stripe retries (each event twice): everything is recorded, once.
    for (const evt of [...events, ...events]) expect(await m.standin.deliver(evt)).toBe(200);
    const docs = await markedDocs(intentId);
    expect(docs.map((d) => [d.kind, d.status, d.grossCents, d.paidCents, d.sequence])).toEqual([['deposit_invoice', 'paid', 12_000, 12_000, before + 2]]);
    // An issued invoice always has its stored PDF.
    expect(await fileStorage(m.server.config).exists(docs[0]!.pdfKey!)).toBe(true);
    expect((await paymentsOf(intentId)).map((p) => [p.documentId, p.amountCents])).toEqual([[docs[0]!.id, 12_000]]);
    const session = await sessionRow(id);
    expect(session).toMatchObject({ status: 'confirmed', depositInvoiceId: docs[0]!.id });
    expect(session.depositReceivedAt).not.toBeNull();
    expect(await audits('session.deposit_received', id)).toHaveLength(1);
    expect(await audits('money_document.issued', docs[0]!.id)).toHaveLength(1);
    const [payment] = await paymentsOf(intentId);
    expect((await mails('payment-receipt')).filter((r) => r.idempotencyKey === `payment-receipt:${payment!.id}`)).toHaveLength(1);
  }, 60_000);

  it('a session that can no longer take its deposit keeps the invoice and the payment, audited (as before)', async () => {
    const { id, token } = await heldBooking();
    const events = m.standin.completeCheckout(await startPayment(token));
    await m.studio.db.update(tenant.sessions).set({ status: 'cancelled', holdExpiresAt: null }).where(eq(tenant.sessions.id, id));
    for (const evt of events) expect(await m.standin.deliver(evt)).toBe(200);
    const docs = await markedDocs(intentOf(events));
    expect(docs.map((d) => [d.status, d.paidCents])).toEqual([['paid', 12_000]]);
    expect((await sessionRow(id)).depositReceivedAt).toBeNull();
    expect(await audits('session.deposit_paid_unapplied', id)).toHaveLength(1);
  }, 60_000);

  it('a quote’s deposit: its deposit invoice and payment commit together too', async () => {
    const { id: quoteId } = await kit.acceptedQuoteWithDeposit();
    const events = await m.paidCheckout('quote_deposit', quoteId, 36_000, `atomic-quote-${quoteId}`);
    const intentId = intentOf(events);
    const before = await lastInvoiceSequence();
    const allow = await refusePaymentOf(intentId);
    try {
      expect(await m.standin.deliver(events[1]!)).not.toBe(200);
    } finally {
      await allow();
    }
    expect(await markedDocs(intentId)).toEqual([]);
    expect(await lastInvoiceSequence()).toBe(before);
    for (const evt of events) expect(await m.standin.deliver(evt)).toBe(200);
    const docs = await markedDocs(intentId);
    expect(docs.map((d) => [d.kind, d.status, d.paidCents, d.sequence])).toEqual([['deposit_invoice', 'paid', 36_000, before + 1]]);
  }, 60_000);
});

describe('one booking deposit, two Checkout pages', () => {
  it('a new payment page expires the previous one on Stripe, so only the newest can be paid', async () => {
    const { id, token } = await heldBooking();
    const first = await startPayment(token);
    const second = await startPayment(token);
    expect(second).not.toBe(first);
    const expiries = m.standin.requests.filter((r) => r.method === 'POST' && r.path === `/v1/checkout/sessions/${first}/expire`);
    expect(expiries.map((r) => r.stripeAccount)).toEqual([m.accountId()]);
    expect(m.standin.state.objects.get(first)).toMatchObject({ status: 'expired' });
    expect(m.standin.state.objects.get(second)).toMatchObject({ status: 'open' });
    expect(() => m.standin.completeCheckout(first)).toThrow(/expired/);
    const remembered = await m.studio.db.select().from(tenant.bookingDepositCheckouts).where(eq(tenant.bookingDepositCheckouts.sessionId, id));
    expect(remembered.map((c) => [c.id, c.amountCents, c.closedAt !== null]).sort()).toEqual(
      [
        [first, 12_000, true],
        [second, 12_000, false],
      ].sort(),
    );

    // The newest one paid (its webhook not delivered yet): no third page, the deposit is paid.
    const events = m.standin.completeCheckout(second);
    const refused = await visitor().mutate('publicBooking.payDeposit', { token }, m.studio.studio.slug);
    expect(refused.error?.data).toMatchObject({ appCode: 'CONFLICT' });
    expect(refused.error?.message).toContain('already paid');
    for (const evt of events) expect(await m.standin.deliver(evt)).toBe(200);
    expect(await sessionRow(id)).toMatchObject({ status: 'confirmed' });
  }, 60_000);

  it('two pages paid before either is recorded: one deposit received, the other refunded on Stripe, credited in full, audited, the client told', async () => {
    const { id, token } = await heldBooking();
    const stripe = requireStripe(m.server.config);
    // The first page from the link, the second as if it had been opened before the first was expired (a race).
    const firstEvents = m.standin.completeCheckout(await startPayment(token));
    const racing = await stripe.createCheckoutSession(m.accountId(), {
      studioId: m.studio.studio.id,
      kind: 'booking_deposit',
      targetId: id,
      currency: 'EUR',
      lineItems: [{ name: 'Deposit', unitAmountCents: 12_000, quantity: 1 }],
      successUrl: 'http://localhost:3000/ok',
      cancelUrl: 'http://localhost:3000/no',
      idempotencyKey: `racing-${id}`,
    });
    const secondEvents = m.standin.completeCheckout(racing.id);
    // Both payments' events at once, then again.
    const statuses = await Promise.all([firstEvents[1]!, secondEvents[1]!].map((evt) => m.standin.deliver(evt)));
    expect(statuses).toEqual([200, 200]);
    for (const evt of [...firstEvents, ...secondEvents]) expect(await m.standin.deliver(evt)).toBe(200);

    const session = await sessionRow(id);
    expect(session.status).toBe('confirmed');
    expect(await audits('session.deposit_received', id)).toHaveLength(1);
    const intents = [intentOf(firstEvents), intentOf(secondEvents)];
    const docs = await Promise.all(intents.map(async (pi) => (await markedDocs(pi)).filter((d) => d.kind === 'deposit_invoice')));
    expect(docs.map((d) => d.length)).toEqual([1, 1]);
    const kept = docs.findIndex(([d]) => d!.id === session.depositInvoiceId);
    expect(kept).toBeGreaterThanOrEqual(0);
    const [keptDoc, duplicateDoc, duplicateIntent] = [docs[kept]![0]!, docs[1 - kept]![0]!, intents[1 - kept]!];

    // The deposit received stays paid; the duplicate was refunded once, in full, on the studio's account.
    expect(keptDoc).toMatchObject({ status: 'paid', paidCents: 12_000, refundedCents: 0, creditedCents: 0 });
    const refunds = m.standin.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds');
    expect(refunds.filter((r) => r.body.payment_intent === intents[kept])).toEqual([]);
    const duplicateRefunds = refunds.filter((r) => r.body.payment_intent === duplicateIntent);
    expect(duplicateRefunds.length).toBeGreaterThanOrEqual(1);
    expect(new Set(duplicateRefunds.map((r) => `${r.stripeAccount}|${r.idempotencyKey}|${String(r.body.amount)}`))).toEqual(
      new Set([`${m.accountId()}|rsm-duplicate-deposit-${duplicateIntent}|undefined`]),
    );
    const charge = m.standin.state.objects.get(String(m.standin.state.objects.get(duplicateIntent)!.latest_charge))!;
    expect(charge).toMatchObject({ amount_refunded: 12_000, refunded: true });
    const [duplicatePayment] = await paymentsOf(duplicateIntent);
    expect(duplicatePayment).toMatchObject({ amountCents: 12_000, refundedCents: 12_000, documentId: duplicateDoc.id });

    // Its credit note, through the refund path; the charge.refunded webhook later changes nothing.
    expect(await m.standin.deliver(m.standin.refundedEvent(m.accountId(), duplicateIntent))).toBe(200);
    const credits = await m.studio.db.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.correctsId, duplicateDoc.id));
    expect(credits.map((c) => [c.kind, c.status, c.grossCents])).toEqual([['credit_note', 'issued', 12_000]]);
    const [duplicateNow] = await m.studio.db.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, duplicateDoc.id));
    expect(duplicateNow).toMatchObject({ paidCents: 12_000, refundedCents: 12_000, creditedCents: 12_000 });
    expect(balanceCents(duplicateNow!)).toBe(0);

    expect(await audits('session.deposit_paid_twice', id)).toHaveLength(1);
    expect(await audits('payment.duplicate_deposit_refunded', duplicateDoc.id)).toHaveLength(1);
    const told = (await mails('public-booking-deposit-refunded-duplicate')).filter((r) => r.idempotencyKey === `deposit-refunded-duplicate:${duplicateDoc.id}`);
    expect(told).toHaveLength(1);
    expect(told[0]!.textBody).toContain('refunded in full');
    expect(told[0]!.textBody).toContain(duplicateDoc.number!);
    // The duplicate got no receipt (its refund mail says what happened); the kept payment got one.
    const receipts = await mails('payment-receipt');
    expect(receipts.filter((r) => r.idempotencyKey === `payment-receipt:${duplicatePayment!.id}`)).toEqual([]);
    const [keptPayment] = await paymentsOf(intents[kept]!);
    expect(receipts.filter((r) => r.idempotencyKey === `payment-receipt:${keptPayment!.id}`)).toHaveLength(1);
  }, 60_000);
});

describe('a booking deposit recorded by hand while a payment page is open', () => {
  const markByHand = (id: string) =>
    m.studio.owner.mutate<{ status: string; alreadyRecorded: boolean }>('sessions.markDepositReceived', { id }, m.studio.studio.slug);

  it('expires the open Checkout page on Stripe: the client can no longer pay the deposit again', async () => {
    const { id, token } = await heldBooking();
    const page = await startPayment(token);
    const received = await markByHand(id);
    expect(received.error, JSON.stringify(received.error)).toBeUndefined();
    expect(received.data).toMatchObject({ status: 'confirmed', alreadyRecorded: false });
    expect(kit.expiriesOf(page)).toEqual([m.accountId()]);
    expect(m.standin.state.objects.get(page)).toMatchObject({ status: 'expired' });
    expect(() => m.standin.completeCheckout(page)).toThrow(/expired/);
    expect(await kit.rememberedCheckouts('booking_deposit', id)).toEqual([[page, true]]);
    // The link no longer offers a page; a second click by staff changes nothing and asks Stripe nothing.
    const refused = await visitor().mutate('publicBooking.payDeposit', { token }, m.studio.studio.slug);
    expect(refused.error?.message).toContain('already paid');
    const asked = m.standin.requests.length;
    expect((await markByHand(id)).data).toMatchObject({ alreadyRecorded: true });
    expect(m.standin.requests.length).toBe(asked);
  }, 60_000);

  it('a page paid at that very moment is the duplicate: refunded on Stripe, credited, audited, the client told, whatever the order and number of deliveries', async () => {
    const { id, token } = await heldBooking();
    const page = await startPayment(token);
    // The client pays on the page; its webhooks are not delivered yet when staff record the deposit by hand.
    const events = m.standin.completeCheckout(page);
    const intentId = intentOf(events);
    expect((await markByHand(id)).data).toMatchObject({ status: 'confirmed' });
    // Stripe refused the expiry (the page is complete): it is noted closed, nothing else.
    expect(kit.expiriesOf(page)).toEqual([m.accountId()]);
    expect(await kit.rememberedCheckouts('booking_deposit', id)).toEqual([[page, true]]);

    // Out of order, then all of them again.
    for (const evt of [...[...events].reverse(), ...events]) expect(await m.standin.deliver(evt)).toBe(200);

    const session = await sessionRow(id);
    expect(session).toMatchObject({ status: 'confirmed', depositInvoiceId: null });
    expect(await audits('session.deposit_received', id)).toHaveLength(1);
    const docs = (await markedDocs(intentId)).filter((d) => d.kind === 'deposit_invoice');
    expect(docs.map((d) => [d.status, d.grossCents])).toEqual([['cancelled', 12_000]]);
    const duplicateDoc = docs[0]!;
    const refunds = kit.refundsOf(intentId);
    expect(refunds.length).toBeGreaterThanOrEqual(1);
    expect(new Set(refunds.map((r) => `${r.stripeAccount}|${r.idempotencyKey}`))).toEqual(new Set([`${m.accountId()}|rsm-duplicate-deposit-${intentId}`]));
    const [payment] = await paymentsOf(intentId);
    expect(payment).toMatchObject({ amountCents: 12_000, refundedCents: 12_000, documentId: duplicateDoc.id });
    expect(await m.standin.deliver(m.standin.refundedEvent(m.accountId(), intentId))).toBe(200);
    const credits = await kit.creditNotesOf(duplicateDoc.id);
    expect(credits.map((c) => [c.kind, c.status, c.grossCents])).toEqual([['credit_note', 'issued', 12_000]]);
    expect(balanceCents(await kit.documentRow(duplicateDoc.id))).toBe(0);
    expect(await audits('session.deposit_paid_twice', id)).toHaveLength(1);
    expect(await audits('payment.duplicate_deposit_refunded', duplicateDoc.id)).toHaveLength(1);
    const told = (await mails('public-booking-deposit-refunded-duplicate')).filter((r) => r.idempotencyKey === `deposit-refunded-duplicate:${duplicateDoc.id}`);
    expect(told).toHaveLength(1);
    expect(told[0]!.textBody).toContain('refunded in full');
    expect((await mails('payment-receipt')).filter((r) => r.idempotencyKey === `payment-receipt:${payment!.id}`)).toEqual([]);
  }, 60_000);
});
