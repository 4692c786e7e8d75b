/**
 * Quotes: issued (numbered in their own series, status sent), answered from a link without an account (typed
 * name, time and IP recorded, the issued version frozen), refused when guessed, answered twice or expired; the
 * expiry job; the invoice of an accepted quote, which marks it invoiced once issued.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { expireQuotes, invoiceFromQuote, quoteLink, respondToQuote, updateDraft } from '../../apps/server/src/modules/money/invoicing/index.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { openBookingDb, type BookingDb } from '../support/booking-db.ts';
import { completeBillingDetails, documentRow, draft, freeLine, insertClient, issue, issueYear, moneyContext, rateId } from '../support/money.ts';

let server: TestServer;
let studio: BookingDb;
let other: BookingDb;
let clientId: string;
let standard: string;
const zone = { timeZone: 'Europe/Paris' };
const DAY = 86_400_000;

beforeAll(async () => {
  server = await createTestServer();
  [studio, other] = await Promise.all([
    openBookingDb(server, 'Quotes Studio', { connections: 5 }),
    openBookingDb(server, 'Other Quotes Studio', { connections: 2 }),
  ]);
  await Promise.all([completeBillingDetails(studio.db), completeBillingDetails(other.db)]);
  clientId = await insertClient(studio.db);
  standard = await rateId(studio.db, 2000);
}, 60_000);
afterAll(async () => {
  await Promise.all([studio?.close(), other?.close()]);
  await server?.close();
});

async function sentQuote(): Promise<{ id: string; token: string; number: string }> {
  const id = await draft(studio, clientId, [freeLine(standard, 80000, 1000, 'Album mix')], { kind: 'quote' });
  const number = await issue(studio, id);
  return { id, number, ...(await quoteLink(studio.db, studio.actor, id)) };
}
const answer = (token: string, decision: 'accept' | 'decline', now?: Date) =>
  respondToQuote(studio.db, zone, { token, decision, fullName: ' Lou Reed ', ip: '203.0.113.7', ...(now ? { now } : {}) });

describe('a quote sent and answered', () => {
  it('is numbered in the quote series, valid 30 days, and accepted with name, time and IP recorded', async () => {
    const { id, token, number } = await sentQuote();
    expect(number).toMatch(new RegExp(`^D-${issueYear()}-\\d{4}$`));
    const sent = await documentRow(studio.db, id);
    expect(sent).toMatchObject({ status: 'sent' });
    expect(new Date(`${sent.validUntil}T00:00:00Z`).getTime() - new Date(`${sent.issueDate}T00:00:00Z`).getTime()).toBe(30 * DAY);
    expect(sent.acceptTokenHash).not.toContain(token);
    expect(await answer(token, 'accept')).toMatchObject({ id, status: 'accepted' });
    const accepted = await documentRow(studio.db, id);
    expect(accepted).toMatchObject({
      status: 'accepted',
      respondedName: 'Lou Reed',
      respondedIp: '203.0.113.7',
      respondedAt: expect.any(Date),
      snapshot: sent.snapshot,
      pdfKey: sent.pdfKey,
    });
    // The accepted version is the issued one, and the database keeps it so.
    await expect(studio.db.execute(sql`UPDATE money_document_lines SET unit_price_cents = 1 WHERE document_id = ${id}`)).rejects.toMatchObject({
      cause: { constraint: 'money_documents_issued_frozen' },
    });
    await expect(
      updateDraft(studio.db, moneyContext(studio), studio.actor, { id, clientId, notes: '', lines: [], depositInvoiceIds: [] }),
    ).rejects.toMatchObject({ code: 'DOCUMENT_NOT_DRAFT' });
  });

  it('is declined once; a second answer is refused', async () => {
    const { token } = await sentQuote();
    expect(await answer(token, 'decline')).toMatchObject({ status: 'declined' });
    await expect(answer(token, 'accept')).rejects.toMatchObject({ code: 'CONFLICT', params: { status: 'declined' } });
  });

  it('refuses a guessed token, a replaced link, another studio’s token, and an answer without a name', async () => {
    const { token } = await sentQuote();
    await expect(answer('x'.repeat(43), 'accept')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    await expect(respondToQuote(other.db, zone, { token, decision: 'accept', fullName: 'Lou Reed', ip: '203.0.113.7' })).rejects.toMatchObject({
      code: 'TOKEN_INVALID',
    });
    await expect(respondToQuote(studio.db, zone, { token, decision: 'accept', fullName: ' ', ip: '203.0.113.7' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const { id } = await sentQuote();
    const first = await quoteLink(studio.db, studio.actor, id);
    await quoteLink(studio.db, studio.actor, id);
    await expect(answer(first.token, 'accept')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('expires after its validity date: the answer is refused, the job marks the others', async () => {
    const late = await sentQuote();
    await expect(answer(late.token, 'accept', new Date(Date.now() + 40 * DAY))).rejects.toMatchObject({ code: 'CONFLICT', params: { status: 'expired' } });
    expect((await documentRow(studio.db, late.id)).status).toBe('expired');
    const waiting = await sentQuote();
    expect(await expireQuotes(studio.db, zone, new Date(Date.now() + 5 * DAY))).toBe(0);
    expect(await expireQuotes(studio.db, zone, new Date(Date.now() + 40 * DAY))).toBeGreaterThanOrEqual(1);
    expect((await documentRow(studio.db, waiting.id)).status).toBe('expired');
  });
});

describe('the invoice of an accepted quote', () => {
  it('copies the quote’s lines, and issuing it marks the quote invoiced', async () => {
    const { id, token } = await sentQuote();
    await expect(invoiceFromQuote(studio.db, studio.actor, id)).rejects.toMatchObject({ code: 'DOCUMENT_INVALID' });
    await answer(token, 'accept');
    const invoiceId = await invoiceFromQuote(studio.db, studio.actor, id);
    await expect(invoiceFromQuote(studio.db, studio.actor, id)).rejects.toMatchObject({ code: 'CONFLICT' });
    const quote = await documentRow(studio.db, id);
    expect(await documentRow(studio.db, invoiceId)).toMatchObject({
      kind: 'invoice',
      status: 'draft',
      fromQuoteId: id,
      grossCents: quote.grossCents,
      netCents: quote.netCents,
    });
    await issue(studio, invoiceId);
    expect((await documentRow(studio.db, id)).status).toBe('invoiced');
  });
});
