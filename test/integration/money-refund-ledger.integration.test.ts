/**
 * A refunded card payment in the ledger: the money that went back to the client no longer counts as paid.
 * An invoice of 120.00 paid online, then refunded (whole, or 30.00 of it, from the app or by Stripe's webhook):
 * the balance, the status, the lists' totals, the portal, the accounting export and "released when paid" all
 * read balance = gross − deposits deducted − credited − (paid − refunded).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { canDownloadVersion } from '../../apps/server/src/modules/audio/download-gate.ts';
import { documentsCsv } from '../../apps/server/src/modules/money/exports/accounting-export.service.ts';
import { getDocument, listDocuments } from '../../apps/server/src/modules/money/invoicing/documents-read.service.ts';
import { documentsSummary } from '../../apps/server/src/modules/money/invoicing/documents-summary.service.ts';
import { removePayment } from '../../apps/server/src/modules/money/invoicing/index.ts';
import { zonedDate } from '../../apps/server/src/modules/money/invoicing/issue.service.ts';
import { refundOnlinePayment } from '../../apps/server/src/modules/money/payments/refunds.service.ts';
import { requireStripe } from '../../apps/server/src/modules/money/payments/stripe-adapter.ts';
import { listPortalDocuments } from '../../apps/server/src/modules/money/portal/portal-money.service.ts';
import { documentRow } from '../support/money.ts';
import { startOnlineMoney, type OnlineMoney } from '../support/money-online.ts';

let m: OnlineMoney;
const today = () => zonedDate(new Date(), 'Europe/Paris');

beforeAll(async () => {
  m = await startOnlineMoney('Refund Ledger');
  await m.connect();
}, 60_000);
afterAll(async () => m?.close());

/** A 120.00 invoice (100.00 + 20 % VAT) for a client of its own, paid in full online, and its payment. */
async function paidInvoice(key: string) {
  const invoice = await m.issuedInvoice(10_000);
  for (const evt of await m.paidCheckout('invoice', invoice, 12_000, key)) expect(await m.standin.deliver(evt)).toBe(200);
  const [payment] = await m.studio.db.select().from(tenant.payments).where(eq(tenant.payments.documentId, invoice));
  expect(await documentRow(m.studio.db, invoice)).toMatchObject({ status: 'paid', paidCents: 12_000 });
  return { invoice, payment: payment! };
}

async function releasedWhenPaid(invoiceId: string): Promise<string> {
  const db = m.studio.db;
  const [project] = await db
    .insert(tenant.projects)
    .values({ name: `EP ${invoiceId.slice(0, 6)}`, currency: 'EUR' })
    .returning({ id: tenant.projects.id });
  const [track] = await db.insert(tenant.tracks).values({ projectId: project!.id, position: 1, title: 'Single' }).returning({ id: tenant.tracks.id });
  const [file] = await db
    .insert(tenant.storedFiles)
    .values({
      storageKey: `studios/${m.studio.studio.id}/originals/${invoiceId}.wav`,
      originalName: 'master.wav',
      sizeBytes: 1,
      format: 'wav',
      mimeType: 'audio/wav',
      sha256: 'c'.repeat(64),
    })
    .returning({ id: tenant.storedFiles.id });
  const [version] = await db
    .insert(tenant.trackVersions)
    .values({ trackId: track!.id, number: 1, fileId: file!.id, processing: 'ready', releaseWhenPaid: true, invoiceId })
    .returning({ id: tenant.trackVersions.id });
  return version!.id;
}

/** What every reader of the ledger says about `invoice`. */
async function ledgerOf(invoice: string) {
  const db = m.studio.db;
  const doc = await getDocument(db, today(), invoice);
  const listed = (await listDocuments(db, today(), { kinds: ['invoice'], limit: 500 } as never)).find((d) => d.id === invoice);
  const summary = await documentsSummary(db, today(), { kinds: ['invoice'], clientId: m.clientId, q: doc.number ?? '' } as never);
  const portal = (await listPortalDocuments(db, [m.clientId], { timeZone: 'Europe/Paris', acceptsOnlinePayment: true, now: new Date() })).find(
    (d) => d.id === invoice,
  );
  const csv = await documentsCsv(db, { from: today(), to: today() }, { separator: 'comma', decimalComma: false });
  const header = csv
    .replace(/^\uFEFF/, '')
    .split('\r\n')[0]!
    .split(',');
  const row = csv
    .split('\r\n')
    .find((l) => l.startsWith(`${doc.number},`))!
    .split(',');
  const cell = (name: string) => row[header.indexOf(name)];
  return {
    status: doc.status,
    balanceCents: doc.balanceCents,
    refundedCents: doc.refundedCents,
    listedBalanceCents: listed?.balanceCents,
    summaryBalanceCents: summary.balanceCents,
    portalBalanceCents: portal?.balanceCents,
    portalCanPay: portal?.canPay,
    csv: { paid: cell('Paid'), refunded: cell('Refunded'), credited: cell('Credited') },
  };
}

describe('a refunded online payment no longer counts as paid', () => {
  it('refunded whole from the app: the invoice is cancelled with nothing owed either way, and its master locked', async () => {
    const { invoice, payment } = await paidInvoice('refund-whole');
    const version = await releasedWhenPaid(invoice);
    expect(await canDownloadVersion(m.studio.db, version)).toEqual({ allowed: true });
    await refundOnlinePayment(m.server.platform, m.studio.studio, m.studio.db, m.studio.actor, { paymentId: payment.id });
    expect(await ledgerOf(invoice)).toEqual({
      status: 'cancelled',
      balanceCents: 0,
      refundedCents: 12_000,
      listedBalanceCents: 0,
      summaryBalanceCents: 0,
      portalBalanceCents: 0,
      portalCanPay: false,
      csv: { paid: '120.00', refunded: '120.00', credited: '120.00' },
    });
    const [after] = await m.studio.db.select().from(tenant.payments).where(eq(tenant.payments.id, payment.id));
    expect(after).toMatchObject({ amountCents: 12_000, refundedCents: 12_000 });
    expect(await canDownloadVersion(m.studio.db, version)).toEqual({ allowed: false, reason: 'locked_until_paid' });
    // The webhook of the same refund, delivered twice, changes nothing.
    for (let i = 0; i < 2; i++) expect(await m.standin.deliver(m.standin.refundedEvent(m.accountId(), payment.providerPaymentId!))).toBe(200);
    expect(await documentRow(m.studio.db, invoice)).toMatchObject({ paidCents: 12_000, refundedCents: 12_000, creditedCents: 12_000, status: 'cancelled' });
  });

  it('30.00 refunded by Stripe (webhook only): 90.00 kept pays the 90.00 still due, the invoice stays paid and released', async () => {
    const { invoice, payment } = await paidInvoice('refund-part');
    const version = await releasedWhenPaid(invoice);
    await requireStripe(m.server.config).refund(m.accountId(), { paymentIntentId: payment.providerPaymentId!, amountCents: 3_000, idempotencyKey: 'part-30' });
    const refunded = m.standin.refundedEvent(m.accountId(), payment.providerPaymentId!);
    expect(await m.standin.deliver(refunded)).toBe(200);
    expect(await m.standin.deliver(refunded)).toBe(200);
    expect(await ledgerOf(invoice)).toEqual({
      status: 'paid',
      balanceCents: 0,
      refundedCents: 3_000,
      listedBalanceCents: 0,
      summaryBalanceCents: 0,
      portalBalanceCents: 0,
      portalCanPay: false,
      csv: { paid: '120.00', refunded: '30.00', credited: '30.00' },
    });
    expect(await canDownloadVersion(m.studio.db, version)).toEqual({ allowed: true });
  });

  it('a refunded payment removed afterwards takes its refund with it (never more refunded than paid)', async () => {
    const { invoice, payment } = await paidInvoice('refund-then-remove');
    await refundOnlinePayment(m.server.platform, m.studio.studio, m.studio.db, m.studio.actor, { paymentId: payment.id, amountCents: 3_000 });
    await removePayment(m.studio.db, m.studio.actor, { paymentId: payment.id, reason: 'Recorded on the wrong invoice' });
    // 120 − 30 credited = 90 due, nothing kept: 90 owed.
    expect(await documentRow(m.studio.db, invoice)).toMatchObject({ paidCents: 0, refundedCents: 0, creditedCents: 3_000, status: 'issued' });
    expect((await getDocument(m.studio.db, today(), invoice)).balanceCents).toBe(9_000);
    // The database refuses a refund above the payment, and a document refunded more than it was paid.
    await expect(m.studio.db.update(tenant.payments).set({ refundedCents: 12_001 }).where(eq(tenant.payments.id, payment.id))).rejects.toThrow();
    await expect(m.studio.db.update(tenant.moneyDocuments).set({ refundedCents: 1 }).where(eq(tenant.moneyDocuments.id, invoice))).rejects.toThrow();
  });
});
