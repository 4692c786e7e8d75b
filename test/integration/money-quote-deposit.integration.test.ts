/**
 * Issue #11 (items 2 and 5): a client without a portal account accepts a quote that asks for a deposit from the
 * e-mailed link, pays the deposit on Stripe Checkout (the stand-in) from the same page, and comes back to it; the
 * webhook issues the deposit invoice, records the payment, and the page no longer offers to pay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { createCreditNote, createDraft, invoiceFromQuote, quoteLink, updateDraft } from '../../apps/server/src/modules/money/invoicing/index.ts';
import { updateDraftInput } from '@rsm/shared/money-documents-schemas';
import { balanceCents } from '@rsm/shared/money-balance';
import { ApiClient } from '../support/api.ts';
import { freeLine, moneyContext } from '../support/money.ts';
import { startOnlineMoney, type OnlineMoney } from '../support/money-online.ts';

let m: OnlineMoney;
beforeAll(async () => {
  m = await startOnlineMoney('Deposit Link');
}, 120_000);
afterAll(async () => {
  await m?.close();
});

async function sentQuoteWithDeposit(): Promise<{ id: string; token: string }> {
  const id = await createDraft(m.studio.db, moneyContext(m.studio), m.studio.actor, {
    kind: 'quote',
    clientId: m.clientId,
    notes: '',
    lines: [freeLine(m.rate, 100_000, 1000, 'Album')],
    depositInvoiceIds: [],
    deposit: { kind: 'percent', basisPoints: 3000 },
  });
  await m.issue(m.studio, id);
  return { id, token: (await quoteLink(m.studio.db, m.studio.actor, id)).token };
}

describe('paying an accepted quote’s deposit from its answer page', () => {
  it('is not offered while the studio takes no card payments', async () => {
    const { token } = await sentQuoteWithDeposit();
    const visitor = new ApiClient(m.server.app, { ip: '198.51.100.20' });
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
    const visitor = new ApiClient(m.server.app, { ip: '198.51.100.21' });
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
    const visitor = new ApiClient(m.server.app, { ip: '198.51.100.22' });
    const wrong = await visitor.mutate('publicQuote.payDeposit', { token: 'x'.repeat(43) }, m.studio.studio.slug);
    expect(wrong.error?.data).toMatchObject({ appCode: 'TOKEN_INVALID' });
  });
});
