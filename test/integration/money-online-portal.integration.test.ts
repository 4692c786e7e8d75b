/**
 * The client portal's money against the stand-in Stripe: the client's issued documents with balance and "pay",
 * another client's and another studio's documents refused (pay, quote answer, PDF), paying online through the
 * stand-in's checkout page, quotes answered once, PDFs served only to their own client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenant } from '@rsm/db';
import type { TestServer } from '../support/platform.ts';
import type { BookingDb } from '../support/booking-db.ts';
import { documentRow, draft, freeLine, rateId } from '../support/money.ts';
import { logInByLink, newBrowser } from '../support/portal.ts';
import { startOnlineMoney, type OnlineMoney } from '../support/money-online.ts';

let m: OnlineMoney;
let server: TestServer;
let studio: BookingDb;
let other: BookingDb;
let clientId: string;
let rate: string;
let email: string;
const connect = () => m.connect();
const issue = (on: BookingDb, id: string) => m.issue(on, id);
const issuedInvoice = (netCents?: number) => m.issuedInvoice(netCents);

beforeAll(async () => {
  m = await startOnlineMoney('Portal Money');
  ({ server, studio, other, clientId, rate, email } = m);
}, 60_000);
afterAll(async () => m?.close());

describe('the portal', () => {
  it('lists the client’s issued documents, pays online, and serves only their own PDFs', async () => {
    await connect();
    const invoice = await issuedInvoice(2_000); // 24.00
    const unissued = await draft(studio, clientId, [freeLine(rate, 2_000)]);
    const [stranger] = await studio.db
      .insert(tenant.clients)
      .values({ name: 'Someone Else', email: `else-${Date.now()}@example.test`, addressLine1: '1 rue A', postalCode: '75001', city: 'Paris', country: 'FR' })
      .returning();
    const foreign = await draft(studio, stranger!.id, [freeLine(rate, 3_000)]);
    await issue(studio, foreign);
    const otherStudioDoc = await (async () => {
      const [c] = await other.db
        .insert(tenant.clients)
        .values({ name: 'Nina Payer', email, addressLine1: '1 rue A', postalCode: '75001', city: 'Paris', country: 'FR' })
        .returning();
      const id = await draft(other, c!.id, [freeLine(await rateId(other.db, 2000), 3_000)]);
      await issue(other, id);
      return id;
    })();

    const browser = newBrowser(server, studio.studio.slug);
    await logInByLink(server, browser, email);
    const listed = await browser.query<{ acceptsOnlinePayment: boolean; items: { id: string; canPay: boolean; balanceCents: number }[] }>(
      'portalMoney.documents',
    );
    expect(listed.error, JSON.stringify(listed.error)).toBeUndefined();
    const ids = listed.data!.items.map((d) => d.id);
    expect(ids).toContain(invoice);
    expect(ids).not.toContain(unissued);
    expect(ids).not.toContain(foreign);
    expect(listed.data!.items.find((d) => d.id === invoice)).toMatchObject({ canPay: true, balanceCents: 2_400 });

    const refused = await browser.mutate('portalMoney.pay', { id: foreign, kind: 'invoice' });
    expect(refused.error?.data.appCode).toBe('NOT_FOUND');
    const pay = await browser.mutate<{ url: string; amountCents: number }>('portalMoney.pay', { id: invoice, kind: 'invoice' });
    expect(pay.error, JSON.stringify(pay.error)).toBeUndefined();
    expect(pay.data!.amountCents).toBe(2_400);
    const paid = await fetch(`${pay.data!.url}/pay`, { method: 'POST', redirect: 'manual' });
    expect(paid.headers.get('location')).toContain(`/s/${studio.studio.slug}/portal/money?payment=paid`);
    expect((await documentRow(studio.db, invoice)).status).toBe('paid');

    const pdf = await browser.raw('GET', `/api/portal-documents/${studio.studio.slug}/${invoice}`);
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    for (const id of [foreign, unissued, otherStudioDoc])
      expect((await browser.raw('GET', `/api/portal-documents/${studio.studio.slug}/${id}`)).statusCode).toBe(404);
    expect((await browser.raw('GET', `/api/portal-documents/${other.studio.slug}/${otherStudioDoc}`)).statusCode).toBe(401);
    expect((await newBrowser(server, studio.studio.slug).raw('GET', `/api/portal-documents/${studio.studio.slug}/${invoice}`)).statusCode).toBe(401);
  }, 60_000);

  it('answers a sent quote from the portal once', async () => {
    const quote = await draft(studio, clientId, [freeLine(rate, 5_000)], { kind: 'quote' });
    await issue(studio, quote);
    const browser = newBrowser(server, studio.studio.slug);
    await logInByLink(server, browser, email);
    // Another client's quote answers as a missing one, and stays unanswered.
    const [stranger] = await studio.db
      .insert(tenant.clients)
      .values({ name: 'Quote Stranger', addressLine1: '1 rue B', postalCode: '75002', city: 'Paris', country: 'FR' })
      .returning();
    const theirs = await draft(studio, stranger!.id, [freeLine(rate, 5_000)], { kind: 'quote' });
    await issue(studio, theirs);
    expect((await browser.mutate('portalMoney.answerQuote', { id: theirs, decision: 'accept', fullName: 'Nina Payer' })).error?.data.appCode).toBe('NOT_FOUND');
    expect((await documentRow(studio.db, theirs)).status).toBe('sent');
    const first = await browser.mutate('portalMoney.answerQuote', { id: quote, decision: 'accept', fullName: 'Nina Payer' });
    expect(first.error, JSON.stringify(first.error)).toBeUndefined();
    expect((await documentRow(studio.db, quote)).status).toBe('accepted');
    const again = await browser.mutate('portalMoney.answerQuote', { id: quote, decision: 'decline', fullName: 'Nina Payer' });
    expect(again.error?.data.appCode).toBe('CONFLICT');
  });
});
