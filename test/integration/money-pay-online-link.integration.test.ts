/**
 * The "pay online" link on an issued invoice's PDF (issue 11, "Documents": payment details and a "pay online" link
 * when available). Issued through the staff API (money.documents.issue) against the stand-in Stripe: before the
 * studio takes online payments the PDF shows bank details only; once its account takes charges, an invoice's PDF
 * (frozen at issue) links to the client portal's money page, where the balance is paid; a quote's does not. The
 * invoice mail (money.delivery.send) and the overdue reminder (money-daily) carry the same link, then only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConnectedAccount } from '../../apps/server/src/modules/money/payments/payments.service.ts';
import type { TestServer } from '../support/platform.ts';
import { createStudio, withStudioDb, type Studio } from '../support/studios.ts';
import { mailsTo, moneyStudio, type MoneyStudio } from '../support/money-delivery.ts';
import { runMoneyDaily } from '../../apps/server/src/modules/money/delivery/money-daily.job.ts';
import type { StripeStandin } from '../support/stripe-standin.ts';
import { startServerWithStripe } from '../support/stripe-server.ts';
import { documentRow, freeLine } from '../support/money.ts';
import { plain, readPdf } from '../unit/money-documents/pdf-reader.ts';

let server: TestServer;
let standin: StripeStandin;
let studio: Studio;
let m: MoneyStudio;

beforeAll(async () => {
  ({ standin, server } = await startServerWithStripe());
  studio = await createStudio(server);
  m = await moneyStudio(server, studio);
}, 60_000);
afterAll(async () => {
  if (server) server.platform.clock = { now: () => new Date() };
  await server?.close();
  await standin?.close();
});

/** Drafted and issued through the staff API; the stored PDF's text and the frozen snapshot. */
async function issueThroughApi(kind: 'invoice' | 'quote') {
  const lines = [freeLine(m.rateId, 8000, 1000, 'Album mix')];
  const drafted = await studio.owner.mutate<{ id: string }>('money.documents.createDraft', { kind, clientId: m.clientId, lines }, studio.slug);
  expect(drafted.error).toBeUndefined();
  const id = drafted.data!.id;
  const issued = await studio.owner.mutate<{ number: string }>('money.documents.issue', { id }, studio.slug);
  expect(issued.error).toBeUndefined();
  const pdf = await server.app.inject({ method: 'GET', url: `/s/${studio.slug}/money/documents/${id}/pdf`, headers: { cookie: studio.owner.cookie! } });
  expect(pdf.statusCode).toBe(200);
  const text = plain((await readPdf(new Uint8Array(pdf.rawPayload))).pages.join('\n'));
  const snapshot = (await withStudioDb(server, studio.id, (db) => documentRow(db, id))).snapshot as { payOnlineUrl?: string };
  return { id, text, snapshot };
}

async function invoiceMail(template: string) {
  const [mail] = (await mailsTo(server, m.clientEmail)).filter((sent) => sent.template === template);
  if (!mail) throw new Error(`no ${template} mail`);
  return mail;
}

describe('the pay-online link of an issued document', () => {
  it('is absent while the studio cannot take online payments, then points to the portal’s money page', async () => {
    const before = await issueThroughApi('invoice');
    expect(before.snapshot.payOnlineUrl).toBeUndefined();
    expect(before.text).not.toContain('Pay online');
    expect((await studio.owner.mutate('money.delivery.send', { id: before.id }, studio.slug)).error).toBeUndefined();
    expect((await invoiceMail('invoice-sent')).textBody).not.toContain('Pay online');

    const account = await ensureConnectedAccount(server.platform, { id: studio.id, name: 'Link Studio' }, 'owner@example.test');
    expect(await standin.deliver(standin.finishOnboarding(account.stripeAccountId))).toBe(200);

    const portalMoney = `${server.config.APP_URL}/s/${studio.slug}/portal/money`;
    const after = await issueThroughApi('invoice');
    expect(after.snapshot.payOnlineUrl).toBe(portalMoney);
    expect(after.text).toContain(`Pay online: ${portalMoney}`);
    // The mail of the invoice, and its reminder once overdue, link to the same page.
    expect((await studio.owner.mutate('money.delivery.send', { id: after.id }, studio.slug)).error).toBeUndefined();
    const sent = await invoiceMail('invoice-sent');
    expect(sent.textBody).toContain(`Pay online: ${portalMoney}`);
    expect(sent.htmlBody).toContain(`href="${portalMoney}"`);
    const due = (await withStudioDb(server, studio.id, (db) => documentRow(db, after.id))).dueDate!;
    server.platform.clock = { now: () => new Date(Date.parse(`${due}T11:00:00Z`) + 7 * 86_400_000) };
    expect((await runMoneyDaily(server.platform, studio.id))?.reminders).toBe(2);
    const reminders = (await mailsTo(server, m.clientEmail)).filter((mail) => mail.template === 'invoice-reminder');
    expect(reminders.map((mail) => mail.textBody.includes(`Pay online: ${portalMoney}`))).toEqual([true, true]);

    // A quote is not paid: no link on it, even now.
    const quote = await issueThroughApi('quote');
    expect(quote.snapshot.payOnlineUrl).toBeUndefined();
    expect(quote.text).not.toContain('Pay online');
  });
});
