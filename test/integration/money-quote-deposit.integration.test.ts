/**
 * Issue #11 (items 2 and 5): a client without a portal account accepts a quote that asks for a deposit from the
 * e-mailed link, pays the deposit on Stripe Checkout (the stand-in) from the same page, and comes back to it; the
 * webhook issues the deposit invoice, records the payment, and the page no longer offers to pay.
 * One quote deposit is paid once (as a booking's): a new page expires the previous one, the deposit paid online or
 * recorded by hand expires the pages still open, and a second online payment that still gets through (race) is
 * refunded on the studio's account, credited in full, audited and the client told; webhooks replayed and reordered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { createCreditNote, createDraft, invoiceFromQuote, updateDraft } from '../../apps/server/src/modules/money/invoicing/index.ts';
import { zonedDate } from '../../apps/server/src/modules/money/invoicing/issue.service.ts';
import { updateDraftInput } from '@rsm/shared/money-documents-schemas';
import { balanceCents } from '@rsm/shared/money-balance';
import { freeLine, moneyContext } from '../support/money.ts';
import { startOnlineMoney, type OnlineMoney } from '../support/money-online.ts';
import { depositKit } from '../support/deposits.ts';

let m: OnlineMoney;
const kit = depositKit(() => m, { firstIp: 40 });
const { sentQuoteWithDeposit } = kit;
beforeAll(async () => {
  m = await startOnlineMoney('Deposit Link');
}, 120_000);
afterAll(async () => {
  await m?.close();
});

describe('paying an accepted quote’s deposit from its answer page', () => {
  it('is not offered while the studio takes no card payments', async () => {
    const { token } = await sentQuoteWithDeposit();
    const visitor = kit.visitor();
    await visitor.mutate('publicQuote.respond', { token, decision: 'accept', fullName: 'Nina Payer' }, m.studio.studio.slug);
    expect((await visitor.query('publicQuote.view', { token }, m.studio.studio.slug)).data).toMatchObject({ status: 'accepted', payDepositOnline: false });
    const refused = await visitor.mutate('publicQuote.payDeposit', { token }, m.studio.studio.slug);
    expect(refused.error?.data).toMatchObject({ appCode: 'NOT_CONFIGURED' });
    expect(m.standin.requests.some((r) => r.path.includes('checkout'))).toBe(false);
  });

  it('is offered once accepted, pays through Checkout, comes back to the page, and is then paid', async () => {
    await m.connect();
    const { id, token } = await sentQuoteWithDeposit();
    const slug = m.studio.studio.slug;
    const visitor = kit.visitor();
    expect((await visitor.query('publicQuote.view', { token }, slug)).data).toMatchObject({ status: 'sent', payDepositOnline: false });
    const early = await visitor.mutate('publicQuote.payDeposit', { token }, slug);
    expect(early.error?.data).toMatchObject({ appCode: 'CONFLICT' }); // not accepted yet
    await visitor.mutate('publicQuote.respond', { token, decision: 'accept', fullName: 'Nina Payer' }, slug);
    expect((await visitor.query('publicQuote.view', { token }, slug)).data).toMatchObject({ payDepositOnline: true });

    const started = await visitor.mutate<{ url: string }>('publicQuote.payDeposit', { token }, slug);
    expect(started.error).toBeUndefined();
    const sessionId = started.data!.url.split('/').pop()!;
    const session = m.standin.requests.filter((r) => r.path.includes('checkout/sessions')).pop()!;
    expect(String(session.body.success_url)).toBe(`${m.server.config.APP_URL}/s/${slug}/quote/${token}?payment=paid`);
    expect(session.body).toMatchObject({ line_items: { 0: { price_data: { unit_amount: '36000' } } } }); // 30 % of 1 200.00 incl. VAT
    for (const event of m.standin.completeCheckout(sessionId)) expect(await m.standin.deliver(event)).toBe(200);

    const deposits = await m.studio.db
      .select()
      .from(tenant.moneyDocuments)
      .where(and(eq(tenant.moneyDocuments.fromQuoteId, id), eq(tenant.moneyDocuments.kind, 'deposit_invoice')));
    expect(deposits.map((d) => [d.status, d.paidCents])).toEqual([['paid', 36_000]]);
    expect((await visitor.query('publicQuote.view', { token }, slug)).data).toMatchObject({ payDepositOnline: false });
    const again = await visitor.mutate('publicQuote.payDeposit', { token }, slug);
    expect(again.error?.data).toMatchObject({ appCode: 'CONFLICT' });

    // Invoicing the quote now makes the final invoice, which deducts the paid deposit: the client owes the rest only.
    const finalId = await invoiceFromQuote(m.studio.db, m.studio.actor, id);
    const [final] = await m.studio.db.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, finalId));
    expect(final).toMatchObject({ kind: 'final_invoice', grossCents: 120_000, depositsDeductedCents: 36_000 });
    // The editor saves the draft (its "Issue" saves first) with what it edits only: the deducted deposit and the
    // quote it came from are kept, not wiped because the editor did not send them.
    const edited = updateDraftInput.parse({
      id: finalId,
      clientId: m.clientId,
      notes: 'Balance of the album',
      lines: [freeLine(m.rate, 100_000, 1000, 'Album')],
    });
    await updateDraft(m.studio.db, moneyContext(m.studio), m.studio.actor, edited);
    const [saved] = await m.studio.db.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, finalId));
    expect(saved).toMatchObject({ notes: 'Balance of the album', depositsDeductedCents: 36_000, fromQuoteId: id });
    await m.issue(m.studio, finalId);
    const [quote] = await m.studio.db.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, id));
    expect(quote!.status).toBe('invoiced');
    const [issued] = await m.studio.db.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, finalId));
    expect(issued!.status).toBe('issued');
    expect(balanceCents(issued!)).toBe(84_000);

    // "Everything still due" credited (no lines given): the 840.00 left after the deposit, not the whole 1 200.00,
    // which the invoice cannot take; the invoice is then cancelled.
    const creditId = await createCreditNote(m.studio.db, moneyContext(m.studio), m.studio.actor, { invoiceId: finalId, reason: 'Album re-invoiced' });
    await m.issue(m.studio, creditId);
    const [credit] = await m.studio.db.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, creditId));
    expect(credit).toMatchObject({ kind: 'credit_note', grossCents: 84_000, netCents: 70_000, vatCents: 14_000 });
    const [cancelled] = await m.studio.db.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.id, finalId));
    expect(cancelled).toMatchObject({ status: 'cancelled', creditedCents: 84_000 });
    await expect(createCreditNote(m.studio.db, moneyContext(m.studio), m.studio.actor, { invoiceId: finalId, reason: 'Again' })).rejects.toMatchObject({
      code: 'DOCUMENT_INVALID',
    });
  });

  it('refuses a wrong token like the rest of the page', async () => {
    const visitor = kit.visitor();
    const wrong = await visitor.mutate('publicQuote.payDeposit', { token: 'x'.repeat(43) }, m.studio.studio.slug);
    expect(wrong.error?.data).toMatchObject({ appCode: 'TOKEN_INVALID' });
  });
});

describe('one quote deposit, paid once', () => {
  const slug = () => m.studio.studio.slug;
  const quoteRow = (id: string) => kit.documentRow(id);
  /** Staff make the deposit invoice from the quote (360.00 incl. VAT), issue it and record its payment by hand. */
  async function depositPaidByHand(quoteId: string): Promise<string> {
    const id = await createDraft(m.studio.db, moneyContext(m.studio), m.studio.actor, {
      kind: 'deposit_invoice',
      clientId: m.clientId,
      notes: '',
      lines: [freeLine(m.rate, 30_000, 1000, 'Deposit on the album')],
      depositInvoiceIds: [],
      fromQuoteId: quoteId,
    });
    await m.issue(m.studio, id);
    const recorded = await m.studio.owner.mutate(
      'money.payments.record',
      { documentId: id, method: 'transfer', amountCents: 36_000, receivedOn: zonedDate(new Date(), m.studio.studio.timeZone), reference: 'VIR 42' },
      slug(),
    );
    expect(recorded.error, JSON.stringify(recorded.error)).toBeUndefined();
    return id;
  }
  /** Checks a refunded second payment: its own deposit invoice credited in full, refunded once on Stripe, audited, the client told. */
  async function expectRefundedDuplicate(quoteId: string, intentId: string) {
    const [doc] = (await kit.markedDocs(intentId)).filter((d) => d.kind === 'deposit_invoice');
    expect(doc).toMatchObject({ fromQuoteId: quoteId, grossCents: 36_000, paidCents: 36_000, refundedCents: 36_000 });
    const refunds = kit.refundsOf(intentId);
    expect(refunds.length).toBeGreaterThanOrEqual(1);
    expect(new Set(refunds.map((r) => `${r.stripeAccount}|${r.idempotencyKey}|${String(r.body.amount)}`))).toEqual(
      new Set([`${m.accountId()}|rsm-duplicate-deposit-${intentId}|undefined`]),
    );
    const [payment] = await kit.paymentsOf(intentId);
    expect(payment).toMatchObject({ documentId: doc!.id, amountCents: 36_000, refundedCents: 36_000 });
    // The charge.refunded webhook (twice) changes nothing: one credit note for the whole payment.
    for (let i = 0; i < 2; i++) expect(await m.standin.deliver(m.standin.refundedEvent(m.accountId(), intentId))).toBe(200);
    const credits = await kit.creditNotesOf(doc!.id);
    expect(credits.map((c) => [c.kind, c.status, c.grossCents])).toEqual([['credit_note', 'issued', 36_000]]);
    const now = await kit.documentRow(doc!.id);
    expect(now).toMatchObject({ status: 'cancelled', creditedCents: 36_000 });
    expect(balanceCents(now)).toBe(0);
    expect(await kit.audits('quote.deposit_paid_twice', quoteId)).toHaveLength(1);
    expect(await kit.audits('payment.duplicate_deposit_refunded', doc!.id)).toHaveLength(1);
    const told = (await kit.mails('quote-deposit-refunded-duplicate')).filter((r) => r.idempotencyKey === `deposit-refunded-duplicate:${doc!.id}`);
    expect(told).toHaveLength(1);
    expect(told[0]!.textBody).toContain('refunded in full');
    expect(told[0]!.textBody).toContain(doc!.number!);
    expect(told[0]!.textBody).toContain((await quoteRow(quoteId)).number!);
    expect((await kit.mails('payment-receipt')).filter((r) => r.idempotencyKey === `payment-receipt:${payment!.id}`)).toEqual([]);
    return doc!;
  }

  beforeAll(async () => {
    await m.connect();
  });

  it('a new payment page expires the previous one, and the page paid online is closed once recorded', async () => {
    const { id, token } = await kit.acceptedQuoteWithDeposit();
    const first = await kit.startPayment('quote_deposit', token);
    const second = await kit.startPayment('quote_deposit', token);
    expect(second).not.toBe(first);
    expect(kit.expiriesOf(first)).toEqual([m.accountId()]);
    expect(m.standin.state.objects.get(first)).toMatchObject({ status: 'expired' });
    expect(() => m.standin.completeCheckout(first)).toThrow(/expired/);
    expect(await kit.rememberedCheckouts('quote_deposit', id)).toEqual(
      [
        [first, true],
        [second, false],
      ].sort(),
    );

    const events = m.standin.completeCheckout(second);
    // Paid, its webhook not delivered yet: no third page.
    const refused = await kit.visitor().mutate('publicQuote.payDeposit', { token }, slug());
    expect(refused.error?.data).toMatchObject({ appCode: 'CONFLICT' });
    for (const evt of [...events, ...events]) expect(await m.standin.deliver(evt)).toBe(200);
    const deposits = await kit.quoteDeposits(id);
    expect(deposits.map((d) => [d.status, d.paidCents])).toEqual([['paid', 36_000]]);
    expect(await quoteRow(id)).toMatchObject({ depositPaidById: deposits[0]!.id });
    expect(await kit.rememberedCheckouts('quote_deposit', id)).toEqual(
      [
        [first, true],
        [second, true],
      ].sort(),
    );
    expect(kit.refundsOf(kit.intentOf(events))).toEqual([]);
  }, 60_000);

  it('recorded by hand: the open payment page is expired on Stripe, and the link offers none any more', async () => {
    const { id, token } = await kit.acceptedQuoteWithDeposit();
    const page = await kit.startPayment('quote_deposit', token);
    const handId = await depositPaidByHand(id);
    expect(await quoteRow(id)).toMatchObject({ depositPaidById: handId });
    expect(kit.expiriesOf(page)).toEqual([m.accountId()]);
    expect(m.standin.state.objects.get(page)).toMatchObject({ status: 'expired' });
    expect(() => m.standin.completeCheckout(page)).toThrow(/expired/);
    expect(await kit.rememberedCheckouts('quote_deposit', id)).toEqual([[page, true]]);
    const refused = await kit.visitor().mutate('publicQuote.payDeposit', { token }, slug());
    expect(refused.error?.message).toContain('already paid');
  }, 60_000);

  it('paid on the page while staff recorded it by hand: the online payment is refunded, credited and the client told, whatever the order and number of deliveries', async () => {
    const { id, token } = await kit.acceptedQuoteWithDeposit();
    const page = await kit.startPayment('quote_deposit', token);
    const events = m.standin.completeCheckout(page);
    const handId = await depositPaidByHand(id);
    // The expiry was refused (the page is complete): noted closed.
    expect(kit.expiriesOf(page)).toEqual([m.accountId()]);
    expect(await kit.rememberedCheckouts('quote_deposit', id)).toEqual([[page, true]]);
    for (const evt of [...[...events].reverse(), ...events]) expect(await m.standin.deliver(evt)).toBe(200);

    await expectRefundedDuplicate(id, kit.intentOf(events));
    // The deposit paid by hand stands.
    expect(await quoteRow(id)).toMatchObject({ depositPaidById: handId });
    expect(await kit.documentRow(handId)).toMatchObject({ status: 'paid', paidCents: 36_000, refundedCents: 0, creditedCents: 0 });
  }, 60_000);

  it('a hand payment removed frees the deposit again: the next online payment is the deposit, not a duplicate', async () => {
    const { id, token } = await kit.acceptedQuoteWithDeposit();
    const handId = await depositPaidByHand(id);
    const [handPayment] = await m.studio.db.select().from(tenant.payments).where(eq(tenant.payments.documentId, handId));
    const removed = await m.studio.owner.mutate('money.payments.remove', { paymentId: handPayment!.id, reason: 'Transfer bounced' }, slug());
    expect(removed.error, JSON.stringify(removed.error)).toBeUndefined();
    expect(await quoteRow(id)).toMatchObject({ depositPaidById: null });

    const events = m.standin.completeCheckout(await kit.startPayment('quote_deposit', token));
    for (const evt of [...events, ...events]) expect(await m.standin.deliver(evt)).toBe(200);
    const intentId = kit.intentOf(events);
    const [online] = (await kit.markedDocs(intentId)).filter((d) => d.kind === 'deposit_invoice');
    expect(online).toMatchObject({ status: 'paid', paidCents: 36_000, refundedCents: 0 });
    expect(await quoteRow(id)).toMatchObject({ depositPaidById: online!.id });
    expect(kit.refundsOf(intentId)).toEqual([]);
    expect(await kit.audits('quote.deposit_paid_twice', id)).toEqual([]);
  }, 60_000);

  it('two pages paid before either is recorded (deliveries at once, then again): one deposit kept, the other refunded', async () => {
    const { id } = await kit.acceptedQuoteWithDeposit();
    const firstEvents = await m.paidCheckout('quote_deposit', id, 36_000, `race-a-${id}`);
    const secondEvents = await m.paidCheckout('quote_deposit', id, 36_000, `race-b-${id}`);
    expect(await Promise.all([firstEvents[1]!, secondEvents[1]!].map((evt) => m.standin.deliver(evt)))).toEqual([200, 200]);
    for (const evt of [...secondEvents, ...firstEvents].reverse()) expect(await m.standin.deliver(evt)).toBe(200);

    const intents = [kit.intentOf(firstEvents), kit.intentOf(secondEvents)];
    const docs = await Promise.all(intents.map(async (pi) => (await kit.markedDocs(pi)).find((d) => d.kind === 'deposit_invoice')!));
    const keptId = (await quoteRow(id)).depositPaidById;
    const kept = docs.findIndex((d) => d.id === keptId);
    expect(kept).toBeGreaterThanOrEqual(0);
    expect(await kit.documentRow(keptId!)).toMatchObject({ status: 'paid', paidCents: 36_000, refundedCents: 0, creditedCents: 0 });
    expect(kit.refundsOf(intents[kept]!)).toEqual([]);
    await expectRefundedDuplicate(id, intents[1 - kept]!);
    // The kept payment got its receipt.
    const [keptPayment] = await kit.paymentsOf(intents[kept]!);
    expect((await kit.mails('payment-receipt')).filter((r) => r.idempotencyKey === `payment-receipt:${keptPayment!.id}`)).toHaveLength(1);
  }, 60_000);
});
