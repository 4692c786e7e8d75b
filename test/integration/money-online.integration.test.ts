/**
 * Online money against the stand-in Stripe, through the registered payment recorder:
 *  - the webhook replay of the issue: a scripted history (an invoice paid online in two parts, a quote's deposit
 *    paid, a partial refund), every event delivered three times in shuffled order, some at once → the exact
 *    ledger, one deposit invoice, one credit note, one receipt per payment in the outbox;
 *  - "released when paid" unlocked by an online payment;
 *  - refunds from the app (whole, partial, refused above what is left or for a payment by hand) and receipts;
 *  - checkout refused while the studio is not connected.
 * The portal's side is in money-online-portal.integration.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { canDownloadVersion } from '../../apps/server/src/modules/audio/download-gate.ts';
import { createDraft, isInvoicePaid, quoteLink, recordPayment, respondToQuote } from '../../apps/server/src/modules/money/invoicing/index.ts';
import { startCheckout } from '../../apps/server/src/modules/money/payments/checkout.service.ts';
import { sendPaymentReceipt } from '../../apps/server/src/modules/money/payments/payment-receipts.ts';
import { refundOnlinePayment } from '../../apps/server/src/modules/money/payments/refunds.service.ts';
import { requireStripe } from '../../apps/server/src/modules/money/payments/stripe-adapter.ts';
import type { TestServer } from '../support/platform.ts';
import type { BookingDb } from '../support/booking-db.ts';
import { documentRow, freeLine, moneyContext } from '../support/money.ts';
import { mailsSettled } from '../support/portal.ts';
import { startOnlineMoney, type OnlineMoney } from '../support/money-online.ts';
import type { StripeEvent, StripeStandin } from '../support/stripe-standin.ts';

let m: OnlineMoney;
let server: TestServer;
let standin: StripeStandin;
let studio: BookingDb;
let clientId: string;
let rate: string;
const connect = () => m.connect();
const issue = (on: BookingDb, id: string) => m.issue(on, id);
const issuedInvoice = (netCents?: number) => m.issuedInvoice(netCents);
const paidCheckout = (kind: 'invoice' | 'quote_deposit', targetId: string, cents: number, key: string) => m.paidCheckout(kind, targetId, cents, key);
const receipts = () => m.receipts();
const shuffled = <T>(items: T[]): T[] => {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
};

beforeAll(async () => {
  m = await startOnlineMoney('Online Money');
  ({ server, standin, studio, clientId, rate } = m);
}, 60_000);
afterAll(async () => m?.close());

describe('before the studio is connected', () => {
  it('refuses to start a checkout with a clear reason, and makes none', async () => {
    const invoice = await issuedInvoice(1_000);
    const before = standin.requests.length;
    await expect(
      startCheckout(server.platform, studio.studio, studio.db, { kind: 'invoice', documentId: invoice, allowedClientIds: null }),
    ).rejects.toMatchObject({ code: 'NOT_CONFIGURED', message: expect.stringContaining('not connected to Stripe') });
    expect(standin.requests.length).toBe(before);
  });
});

describe('webhook replay: a whole payment history delivered three times, shuffled', () => {
  it('leaves the exact ledger, one deposit invoice, one credit note and one receipt per payment', async () => {
    await connect();
    const invoice = await issuedInvoice(50_000); // 600.00 incl. VAT
    const quoteId = await createDraft(studio.db, moneyContext(studio), studio.actor, {
      kind: 'quote',
      clientId,
      notes: '',
      lines: [freeLine(rate, 100_000, 1000, 'Album')],
      depositInvoiceIds: [],
      deposit: { kind: 'percent', basisPoints: 3000 },
    });
    await issue(studio, quoteId);
    const { token } = await quoteLink(studio.db, studio.actor, quoteId);
    await respondToQuote(studio.db, { timeZone: 'Europe/Paris' }, { token, decision: 'accept', fullName: 'Nina Payer', ip: '203.0.113.9' });

    const all: StripeEvent[] = [];
    all.push(...(await paidCheckout('invoice', invoice, 20_000, 'first-part')));
    const second = await paidCheckout('invoice', invoice, 40_000, 'second-part');
    all.push(...second);
    const deposit = await startCheckout(server.platform, studio.studio, studio.db, {
      kind: 'quote_deposit',
      documentId: quoteId,
      allowedClientIds: [clientId],
    });
    expect(deposit.amountCents).toBe(36_000); // 30 % of 1 200.00
    all.push(...standin.completeCheckout(deposit.url.split('/').pop()!));
    const secondIntent = String(second[1]!.data.object.id);
    await requireStripe(server.config).refund(m.accountId(), { paymentIntentId: secondIntent, amountCents: 10_000, idempotencyKey: 'partial-refund' });
    all.push(standin.refundedEvent(m.accountId(), secondIntent));

    const deliveries = shuffled([...all, ...all, ...all]);
    for (let i = 0; i < deliveries.length; i += 3) {
      const statuses = await Promise.all(deliveries.slice(i, i + 3).map((evt) => standin.deliver(evt)));
      expect(
        statuses.every((s) => s === 200),
        JSON.stringify(statuses),
      ).toBe(true);
    }

    expect(await documentRow(studio.db, invoice)).toMatchObject({ grossCents: 60_000, paidCents: 60_000, creditedCents: 10_000, status: 'paid' });
    const payments = await studio.db.select().from(tenant.payments).where(eq(tenant.payments.documentId, invoice));
    expect(payments.map((p) => [p.method, p.amountCents]).sort()).toEqual([
      ['online', 20_000],
      ['online', 40_000],
    ]);
    const credits = await studio.db.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.correctsId, invoice));
    expect(credits.map((c) => [c.kind, c.status, c.grossCents])).toEqual([['credit_note', 'issued', 10_000]]);
    expect(credits[0]!.number).toMatch(/^AV-/);

    const deposits = await studio.db
      .select()
      .from(tenant.moneyDocuments)
      .where(and(eq(tenant.moneyDocuments.fromQuoteId, quoteId), eq(tenant.moneyDocuments.kind, 'deposit_invoice')));
    expect(deposits.map((d) => [d.status, d.grossCents, d.paidCents])).toEqual([['paid', 36_000, 36_000]]);
    expect(deposits[0]!.number).toMatch(/^F-/);
    expect(await isInvoicePaid(studio.db, deposits[0]!.id)).toBe(true);
    expect((await documentRow(studio.db, quoteId)).status).toBe('accepted');

    await mailsSettled();
    const sent = await receipts();
    expect(sent).toHaveLength(3);
    expect(sent.map((m) => m.subject).sort()).toEqual(
      [expect.stringContaining('€200.00'), expect.stringContaining('€360.00'), expect.stringContaining('€400.00')].sort(),
    );
  }, 60_000);
});

describe('released when paid', () => {
  it('a version released when its invoice is paid unlocks once the online payment is recorded', async () => {
    await connect();
    const invoice = await issuedInvoice(5_000); // 60.00
    const [project] = await studio.db.insert(tenant.projects).values({ name: 'EP', currency: 'EUR' }).returning({ id: tenant.projects.id });
    const [track] = await studio.db.insert(tenant.tracks).values({ projectId: project!.id, position: 1, title: 'Single' }).returning({ id: tenant.tracks.id });
    const [file] = await studio.db
      .insert(tenant.storedFiles)
      .values({
        storageKey: `studios/${studio.studio.id}/originals/paid.wav`,
        originalName: 'master.wav',
        sizeBytes: 1,
        format: 'wav',
        mimeType: 'audio/wav',
        sha256: 'b'.repeat(64),
      })
      .returning({ id: tenant.storedFiles.id });
    const [version] = await studio.db
      .insert(tenant.trackVersions)
      .values({ trackId: track!.id, number: 1, fileId: file!.id, processing: 'ready', releaseWhenPaid: true, invoiceId: invoice })
      .returning({ id: tenant.trackVersions.id });
    expect(await canDownloadVersion(studio.db, version!.id)).toEqual({ allowed: false, reason: 'locked_until_paid' });
    for (const evt of await paidCheckout('invoice', invoice, 6_000, 'release-me')) expect(await standin.deliver(evt)).toBe(200);
    expect(await canDownloadVersion(studio.db, version!.id)).toEqual({ allowed: true });
  });
});

describe('refunds from the app', () => {
  it('refunds part then the rest of an online payment, each credited once (the webhook after it changes nothing)', async () => {
    await connect();
    const invoice = await issuedInvoice(10_000); // 120.00
    const events = await paidCheckout('invoice', invoice, 12_000, 'to-refund');
    for (const evt of events) expect(await standin.deliver(evt)).toBe(200);
    const [payment] = await studio.db.select().from(tenant.payments).where(eq(tenant.payments.documentId, invoice));
    expect(await refundOnlinePayment(server.platform, studio.studio, studio.db, studio.actor, { paymentId: payment!.id, amountCents: 2_000 })).toEqual({
      refundedCents: 2_000,
      refundedTotalCents: 2_000,
      leftCents: 10_000,
    });
    await expect(
      refundOnlinePayment(server.platform, studio.studio, studio.db, studio.actor, { paymentId: payment!.id, amountCents: 10_001 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('more than what is left') });
    expect(await standin.deliver(standin.refundedEvent(m.accountId(), payment!.providerPaymentId!))).toBe(200);
    expect(await refundOnlinePayment(server.platform, studio.studio, studio.db, studio.actor, { paymentId: payment!.id })).toMatchObject({
      refundedCents: 10_000,
      leftCents: 0,
    });
    expect(await standin.deliver(standin.refundedEvent(m.accountId(), payment!.providerPaymentId!))).toBe(200);
    const credits = await studio.db.select().from(tenant.moneyDocuments).where(eq(tenant.moneyDocuments.correctsId, invoice));
    expect(credits.map((c) => c.grossCents).sort((a, b) => a - b)).toEqual([2_000, 10_000]);
    expect(await documentRow(studio.db, invoice)).toMatchObject({ creditedCents: 12_000, status: 'cancelled' });
  });

  it('refuses to refund a payment recorded by hand', async () => {
    const invoice = await issuedInvoice(1_000);
    const { payment } = await recordPayment(studio.db, studio.actor, { documentId: invoice, method: 'transfer', amountCents: 500, receivedOn: '2026-01-05' });
    await expect(refundOnlinePayment(server.platform, studio.studio, studio.db, studio.actor, { paymentId: payment.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Only a payment made online'),
    });
    // Its receipt, in the studio's language (a French studio here), once however often it is asked for.
    const fr = { ...studio.studio, locale: 'fr' as const };
    expect(await sendPaymentReceipt(server.platform, studio.db, fr, payment.id)).toBe(true);
    await sendPaymentReceipt(server.platform, studio.db, fr, payment.id);
    const mails = (await receipts()).filter((m) => m.idempotencyKey === `payment-receipt:${payment.id}`);
    expect(mails.map((m) => m.subject)).toEqual([expect.stringContaining('Paiement reçu : 5,00')]);
    expect(mails[0]!.textBody).toContain('virement');
  });
});
