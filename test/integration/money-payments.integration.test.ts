/**
 * What is due on an invoice: payments by hand (partial, over-payment refused, removal with a reason), credit
 * notes (partial, whole, never above what is due), deposit invoices deducted by a final invoice, and "released
 * when paid" versions unlocked by payment and locked again by a credit note or a removed payment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { paymentStatus } from '@rsm/shared/money-balance';
import { canDownloadVersion } from '../../apps/server/src/modules/audio/download-gate.ts';
import { createCreditNote, getDocument, recordPayment, removePayment } from '../../apps/server/src/modules/money/invoicing/index.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { openBookingDb, type BookingDb } from '../support/booking-db.ts';
import { completeBillingDetails, documentRow, draft, freeLine, insertClient, issue, issueYear, moneyContext, rateId } from '../support/money.ts';

let server: TestServer;
let studio: BookingDb;
let clientId: string;
let standard: string;
const year = issueYear();

beforeAll(async () => {
  server = await createTestServer();
  studio = await openBookingDb(server, 'Payments Studio', { connections: 5 });
  await completeBillingDetails(studio.db);
  clientId = await insertClient(studio.db);
  standard = await rateId(studio.db, 2000);
}, 60_000);
afterAll(async () => {
  await studio?.close();
  await server?.close();
});

/** An issued invoice of `netCents` at 20 % (gross = 1.2 × net). */
async function issuedInvoice(netCents: number): Promise<string> {
  const id = await draft(studio, clientId, [freeLine(standard, netCents)]);
  await issue(studio, id);
  return id;
}
const pay = (documentId: string, amountCents: number, extra: { providerPaymentId?: string } = {}) =>
  recordPayment(studio.db, studio.actor, { documentId, method: 'transfer', amountCents, receivedOn: '2026-03-01', reference: 'VIR-1', ...extra });
const credit = async (invoiceId: string, lines?: ReturnType<typeof freeLine>[]) => {
  const id = await createCreditNote(studio.db, moneyContext(studio), studio.actor, { invoiceId, reason: 'Session cut short', lines });
  return { id, number: await issue(studio, id) };
};
const today = '2000-01-01';

describe('payments by hand', () => {
  it('takes partial payments, refuses an over-payment naming the balance, and is paid at zero', async () => {
    const id = await issuedInvoice(10000); // 120.00 gross
    expect(await pay(id, 5000)).toMatchObject({ status: 'partially_paid', balanceCents: 7000 });
    await expect(pay(id, 7001)).rejects.toMatchObject({ code: 'OVERPAYMENT', params: { balanceCents: 7000 } });
    expect(await pay(id, 7000)).toMatchObject({ status: 'paid', balanceCents: 0 });
    await expect(pay(id, 1)).rejects.toMatchObject({ code: 'OVERPAYMENT', params: { balanceCents: 0 } });
    expect(await documentRow(studio.db, id)).toMatchObject({ paidCents: 12000, status: 'paid' });
  });

  it('refuses a payment on a draft or a quote', async () => {
    const draftId = await draft(studio, clientId, [freeLine(standard, 1000)]);
    await expect(pay(draftId, 100)).rejects.toMatchObject({ code: 'DOCUMENT_INVALID' });
    const quote = await draft(studio, clientId, [freeLine(standard, 1000)], { kind: 'quote' });
    await expect(pay(quote, 100)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('records a provider payment once, however often it is delivered', async () => {
    const id = await issuedInvoice(1000);
    const first = await pay(id, 500, { providerPaymentId: 'pi_123' });
    const again = await pay(id, 500, { providerPaymentId: 'pi_123' });
    expect(again.payment.id).toBe(first.payment.id);
    expect((await documentRow(studio.db, id)).paidCents).toBe(500);
  });

  it('removes a payment only with a reason: audited, kept on record, balance restored; never deleted', async () => {
    const id = await issuedInvoice(10000);
    const { payment } = await pay(id, 12000);
    expect(await removePayment(studio.db, studio.actor, { paymentId: payment.id, reason: 'Cheque bounced' })).toMatchObject({
      status: 'issued',
      balanceCents: 12000,
    });
    await expect(removePayment(studio.db, studio.actor, { paymentId: payment.id, reason: 'again' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const doc = await getDocument(studio.db, today, id);
    expect(doc.payments).toEqual([expect.objectContaining({ id: payment.id, removedReason: 'Cheque bounced', removedAt: expect.any(String) })]);
    const [audit] = await studio.db
      .select()
      .from(tenant.auditLog)
      .where(and(eq(tenant.auditLog.action, 'payment.removed'), eq(tenant.auditLog.entityId, payment.id)));
    expect(audit).toMatchObject({ actorUserId: studio.actor.userId, details: { reason: 'Cheque bounced', amountCents: 12000 } });
    await expect(studio.db.execute(sql`DELETE FROM payments WHERE id = ${payment.id}`)).rejects.toMatchObject({
      cause: { constraint: 'payments_append_only' },
    });
    await expect(studio.db.execute(sql`UPDATE payments SET amount_cents = 1 WHERE id = ${payment.id}`)).rejects.toMatchObject({
      cause: { constraint: 'payments_append_only' },
    });
    await expect(studio.db.execute(sql`UPDATE payments SET removed_at = NULL, removed_reason = NULL WHERE id = ${payment.id}`)).rejects.toMatchObject({
      cause: { constraint: 'payments_append_only' },
    });
  });
});

describe('credit notes', () => {
  it('a partial credit note names and lowers the invoice it corrects', async () => {
    const id = await issuedInvoice(10000);
    const invoice = await documentRow(studio.db, id);
    const note = await credit(id, [freeLine(standard, 2500, 1000, 'One hour not worked')]);
    expect(note.number).toMatch(new RegExp(`^AV-${year}-\\d{4}$`));
    const row = await documentRow(studio.db, note.id);
    expect(row).toMatchObject({ kind: 'credit_note', status: 'issued', correctsId: id, grossCents: 3000 });
    expect(row.snapshot).toMatchObject({ correctedInvoice: { number: invoice.number, issueDate: invoice.issueDate } });
    expect(await getDocument(studio.db, today, id)).toMatchObject({
      status: 'issued',
      creditedCents: 3000,
      balanceCents: 9000,
      creditNotes: [{ id: note.id, grossCents: 3000 }],
    });
    await expect(pay(id, 9001)).rejects.toMatchObject({ code: 'OVERPAYMENT', params: { balanceCents: 9000 } });
  });

  it('never credits more than is still due, and a whole credit note cancels the invoice', async () => {
    const id = await issuedInvoice(10000);
    await expect(credit(id, [freeLine(standard, 10001)])).rejects.toMatchObject({ code: 'CREDIT_EXCEEDS_INVOICE', params: { maxCents: 12000 } });
    await credit(id, [freeLine(standard, 5000)]);
    // The whole invoice no longer fits: "everything still due" credits what is left (60.00), and cancels it.
    await credit(id);
    expect(await documentRow(studio.db, id)).toMatchObject({ status: 'cancelled', creditedCents: 12000 });
    await expect(credit(id, [freeLine(standard, 1)])).rejects.toMatchObject({ code: 'DOCUMENT_INVALID' });
    await expect(pay(id, 1)).rejects.toMatchObject({ code: 'DOCUMENT_INVALID' });
  });

  it('a credit note on a paid invoice leaves money owed back (negative balance)', async () => {
    const id = await issuedInvoice(10000);
    await pay(id, 12000);
    await credit(id, [freeLine(standard, 1000)]);
    expect(await getDocument(studio.db, today, id)).toMatchObject({ status: 'paid', balanceCents: -1200 });
  });

  it('two credit notes issued at once cannot together exceed the invoice', async () => {
    const id = await issuedInvoice(10000);
    const a = await createCreditNote(studio.db, moneyContext(studio), studio.actor, { invoiceId: id, reason: 'a', lines: [freeLine(standard, 7000)] });
    const b = await createCreditNote(studio.db, moneyContext(studio), studio.actor, { invoiceId: id, reason: 'b', lines: [freeLine(standard, 7000)] });
    const results = await Promise.allSettled([issue(studio, a), issue(studio, b)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CREDIT_EXCEEDS_INVOICE' } });
    expect((await documentRow(studio.db, id)).creditedCents).toBe(8400);
  });
});

describe('deposit and final invoices', () => {
  it('a final invoice lists and deducts the issued deposit invoices; each deposit is deducted once', async () => {
    const deposit = await draft(studio, clientId, [freeLine(standard, 25000, 1000, 'Deposit 25 %')], { kind: 'deposit_invoice' });
    const depositNumber = await issue(studio, deposit);
    await pay(deposit, 30000);
    const final = await draft(studio, clientId, [freeLine(standard, 100000, 1000, 'Album recording')], { kind: 'final_invoice', depositInvoiceIds: [deposit] });
    await issue(studio, final);
    const row = await documentRow(studio.db, final);
    expect(row).toMatchObject({ grossCents: 120000, depositsDeductedCents: 30000 });
    expect(row.snapshot).toMatchObject({ depositsDeducted: [{ number: depositNumber, amountCents: 30000 }], totals: { paidCents: 30000, dueCents: 90000 } });
    expect(await getDocument(studio.db, today, final)).toMatchObject({ balanceCents: 90000, status: 'issued' });
    await expect(pay(final, 90001)).rejects.toMatchObject({ code: 'OVERPAYMENT', params: { balanceCents: 90000 } });
    await expect(draft(studio, clientId, [freeLine(standard, 100000)], { kind: 'final_invoice', depositInvoiceIds: [deposit] })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('refuses a draft deposit, another client’s deposit, and deposits above the final invoice', async () => {
    const draftDeposit = await draft(studio, clientId, [freeLine(standard, 1000)], { kind: 'deposit_invoice' });
    await expect(draft(studio, clientId, [freeLine(standard, 5000)], { kind: 'final_invoice', depositInvoiceIds: [draftDeposit] })).rejects.toMatchObject({
      code: 'DOCUMENT_INVALID',
    });
    const otherClient = await insertClient(studio.db, 'Other Band', 'person');
    const theirs = await draft(studio, otherClient, [freeLine(standard, 1000)], { kind: 'deposit_invoice' });
    await issue(studio, theirs);
    await expect(draft(studio, clientId, [freeLine(standard, 5000)], { kind: 'final_invoice', depositInvoiceIds: [theirs] })).rejects.toMatchObject({
      code: 'DOCUMENT_INVALID',
    });
    const big = await draft(studio, clientId, [freeLine(standard, 9000)], { kind: 'deposit_invoice' });
    await issue(studio, big);
    await expect(draft(studio, clientId, [freeLine(standard, 5000)], { kind: 'final_invoice', depositInvoiceIds: [big] })).rejects.toMatchObject({
      code: 'DOCUMENT_INVALID',
      message: expect.stringContaining('deposits deducted exceed'),
    });
  });
});

describe('released when paid', () => {
  async function lockedVersion(invoiceId: string): Promise<string> {
    const [project] = await studio.db.insert(tenant.projects).values({ name: 'Album', currency: 'EUR' }).returning({ id: tenant.projects.id });
    const [track] = await studio.db.insert(tenant.tracks).values({ projectId: project!.id, position: 1, title: 'Single' }).returning({ id: tenant.tracks.id });
    const [file] = await studio.db
      .insert(tenant.storedFiles)
      .values({
        storageKey: `studios/${studio.studio.id}/originals/x.wav`,
        originalName: 'master.wav',
        sizeBytes: 1,
        format: 'wav',
        mimeType: 'audio/wav',
        sha256: 'a'.repeat(64),
      })
      .returning({ id: tenant.storedFiles.id });
    const [version] = await studio.db
      .insert(tenant.trackVersions)
      .values({ trackId: track!.id, number: 1, fileId: file!.id, processing: 'ready', releaseWhenPaid: true, invoiceId })
      .returning({ id: tenant.trackVersions.id });
    return version!.id;
  }

  it('unlocks when the invoice is paid, locks again when a payment is removed or a credit note cancels it', async () => {
    const id = await issuedInvoice(10000);
    const version = await lockedVersion(id);
    const locked = { allowed: false, reason: 'locked_until_paid' };
    expect(await canDownloadVersion(studio.db, version)).toEqual(locked);
    const { payment } = await pay(id, 6000);
    expect(await canDownloadVersion(studio.db, version)).toEqual(locked);
    await pay(id, 6000);
    expect(await canDownloadVersion(studio.db, version)).toEqual({ allowed: true });
    await removePayment(studio.db, studio.actor, { paymentId: payment.id, reason: 'Recorded twice' });
    expect(await canDownloadVersion(studio.db, version)).toEqual(locked);
    await pay(id, 6000);
    expect(await canDownloadVersion(studio.db, version)).toEqual({ allowed: true });
    // The whole invoice credited (the client was refunded): what was released is locked again.
    await credit(id);
    expect(await documentRow(studio.db, id)).toMatchObject({ status: 'cancelled' });
    expect(await canDownloadVersion(studio.db, version)).toEqual(locked);
  });
});

describe('the ledger as stored (property)', () => {
  it('balance = gross − deposits − issued credit notes − payments kept, for random histories through the services', { timeout: 240_000 }, async () => {
    type Op = { kind: 'pay' | 'credit'; cents: number } | { kind: 'remove'; index: number };
    const ops = fc.array(
      fc.oneof(
        fc.record({ kind: fc.constantFrom('pay' as const, 'credit' as const), cents: fc.integer({ min: 1, max: 9000 }) }),
        fc.record({ kind: fc.constant('remove' as const), index: fc.nat(5) }),
      ),
      { minLength: 1, maxLength: 8 },
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 6000 }), ops, async (depositNet, history: Op[]) => {
        let depositIds: string[] = [];
        if (depositNet > 0) {
          const deposit = await draft(studio, clientId, [freeLine(standard, depositNet, 1000, 'Deposit')], { kind: 'deposit_invoice' });
          await issue(studio, deposit);
          depositIds = [deposit];
        }
        const id = await draft(studio, clientId, [freeLine(standard, 10000)], {
          kind: depositIds.length ? 'final_invoice' : 'invoice',
          depositInvoiceIds: depositIds,
        });
        await issue(studio, id);
        for (const o of history) {
          // Refusals (over-payment, credit above what is due, a cancelled invoice) are part of the history.
          if (o.kind === 'pay') await pay(id, o.cents).catch((e: { code?: string }) => expect(['OVERPAYMENT', 'DOCUMENT_INVALID']).toContain(e.code));
          if (o.kind === 'credit')
            await credit(id, [freeLine(standard, o.cents)]).catch((e: { code?: string }) =>
              expect(['CREDIT_EXCEEDS_INVOICE', 'DOCUMENT_INVALID']).toContain(e.code),
            );
          if (o.kind === 'remove') {
            const kept = (await studio.db.select().from(tenant.payments).where(eq(tenant.payments.documentId, id))).filter((p) => !p.removedAt);
            const target = kept[o.index % Math.max(1, kept.length)];
            if (target) await removePayment(studio.db, studio.actor, { paymentId: target.id, reason: 'property test' });
          }
        }
        const doc = await getDocument(studio.db, today, id);
        const paid = doc.payments.filter((p) => !p.removedAt).reduce((s, p) => s + p.amountCents, 0);
        const refunded = doc.payments.filter((p) => !p.removedAt).reduce((s, p) => s + p.refundedCents, 0);
        const credited = doc.creditNotes.filter((c) => c.status !== 'draft').reduce((s, c) => s + c.grossCents, 0);
        const deposits = doc.depositsDeducted.reduce((s, d) => s + d.amountCents, 0);
        expect(doc).toMatchObject({ paidCents: paid, refundedCents: refunded, creditedCents: credited, depositsDeductedCents: deposits });
        expect(doc.balanceCents).toBe(doc.grossCents - deposits - credited - (paid - refunded));
        expect(doc.status).toBe(
          paymentStatus({ grossCents: doc.grossCents, depositsDeductedCents: deposits, creditedCents: credited, paidCents: paid, refundedCents: refunded }),
        );
      }),
      { numRuns: 12 },
    );
  });
});
