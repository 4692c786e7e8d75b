/**
 * The money daily job (money-daily.job.ts) with a controlled clock: quotes past their validity expire; an unpaid
 * invoice gets each reminder once at its day after the due date (a repeated run, or a run after a crash between
 * the mail and its count, sends nothing twice); a paid or credited invoice gets none; the next run is recorded.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { createCreditNote, issueDocument, recordPayment } from '../../apps/server/src/modules/money/invoicing/index.ts';
import { remindersDueBy, runMoneyDaily } from '../../apps/server/src/modules/money/delivery/money-daily.job.ts';
import { fileStorage } from '../../apps/server/src/platform/storage/storage.ts';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, withStudioDb } from '../support/studios.ts';
import { issuedDocument, mailsTo, moneyStudio, type MoneyStudio } from '../support/money-delivery.ts';
import { documentRow } from '../support/money.ts';

let server: TestServer;
const realClock = () => ({ now: () => new Date() });

beforeAll(async () => {
  server = await createTestServer();
}, 60_000);
afterEach(() => {
  server.platform.clock = realClock();
});
afterAll(async () => server?.close());

/** Noon in Paris, `days` after an ISO date. */
const dayAfter = (isoDate: string, days: number) => new Date(Date.parse(`${isoDate}T11:00:00Z`) + days * 86_400_000);
const at = (when: Date) => {
  server.platform.clock = { now: () => when };
};
const reminders = async (m: MoneyStudio) => (await mailsTo(server, m.clientEmail)).filter((mail) => mail.template === 'invoice-reminder');
const row = (m: MoneyStudio, id: string) => withStudioDb(server, m.studio.id, (db) => documentRow(db, id));

describe('reminder dates', () => {
  it('counts the reminders due by a day', () => {
    const days = [7, 21, 45];
    expect(remindersDueBy('2026-01-31', '2026-02-06', days)).toBe(0);
    expect(remindersDueBy('2026-01-31', '2026-02-07', days)).toBe(1);
    expect(remindersDueBy('2026-01-31', '2026-02-21', days)).toBe(2);
    expect(remindersDueBy('2026-01-31', '2027-01-01', days)).toBe(3);
    expect(remindersDueBy('2026-01-31', '2027-01-01', [])).toBe(0);
  });
});

describe('the money daily job', () => {
  it('expires quotes past their validity date and reminds an unpaid invoice once per date, until it is paid', async () => {
    const m = await moneyStudio(server, await createStudio(server));
    const quote = await issuedDocument(server, m, 'quote');
    const invoice = await issuedDocument(server, m, 'invoice');
    const due = (await row(m, invoice.id)).dueDate!;
    const validUntil = (await row(m, quote.id)).validUntil!;

    at(dayAfter(validUntil, 0));
    expect(await runMoneyDaily(server.platform, m.studio.id)).toEqual({ expired: 0, reminders: 0 });
    expect((await row(m, quote.id)).status).toBe('sent');

    at(dayAfter(due, 7));
    expect(await runMoneyDaily(server.platform, m.studio.id)).toEqual({ expired: 1, reminders: 1 });
    expect((await row(m, quote.id)).status).toBe('expired');
    const [first] = await reminders(m);
    expect(first).toMatchObject({ subject: expect.stringContaining(invoice.number) });
    expect((first!.attachments as { filename: string }[])[0]!.filename).toBe(`${invoice.number}.pdf`);
    expect((await row(m, invoice.id)).remindersSent).toBe(1);

    // The same day again: nothing more.
    expect(await runMoneyDaily(server.platform, m.studio.id)).toEqual({ expired: 0, reminders: 0 });
    expect(await reminders(m)).toHaveLength(1);

    // A crash after the mail and before its count: the rerun counts it without mailing twice.
    await withStudioDb(server, m.studio.id, (db) => db.update(tenant.moneyDocuments).set({ remindersSent: 0 }).where(eq(tenant.moneyDocuments.id, invoice.id)));
    await runMoneyDaily(server.platform, m.studio.id);
    expect(await reminders(m)).toHaveLength(1);
    expect((await row(m, invoice.id)).remindersSent).toBe(1);

    at(dayAfter(due, 21));
    expect((await runMoneyDaily(server.platform, m.studio.id))?.reminders).toBe(1);
    expect(await reminders(m)).toHaveLength(2);

    // Paid in full: no third reminder.
    const balance = (await row(m, invoice.id)).grossCents;
    await withStudioDb(server, m.studio.id, (db) =>
      recordPayment(db, null, { documentId: invoice.id, method: 'transfer', amountCents: balance, receivedOn: due }),
    );
    at(dayAfter(due, 60));
    expect((await runMoneyDaily(server.platform, m.studio.id))?.reminders).toBe(0);
    expect(await reminders(m)).toHaveLength(2);
  });

  it('sends a late studio only the latest reminder, none to an invoice cancelled by a credit note, and records the next run', async () => {
    const m = await moneyStudio(server, await createStudio(server));
    const late = await issuedDocument(server, m, 'invoice');
    const credited = await issuedDocument(server, m, 'invoice');
    await withStudioDb(server, m.studio.id, async (db) => {
      const actor = { userId: m.studio.ownerId, name: 'Owner', email: m.studio.ownerEmail, role: 'owner' as const };
      const note = await createCreditNote(db, m.ctx, actor, { invoiceId: credited.id, reason: 'Cancelled session' });
      await issueDocument(db, m.ctx, { storage: fileStorage(server.config) }, actor, note);
    });
    expect((await row(m, credited.id)).status).toBe('cancelled');
    const due = (await row(m, late.id)).dueDate!;
    at(dayAfter(due, 30));
    expect((await runMoneyDaily(server.platform, m.studio.id))?.reminders).toBe(1);
    const mails = await reminders(m);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(late.number);
    expect((await row(m, late.id)).remindersSent).toBe(2);
    const pending = await withStudioDb(server, m.studio.id, (db) =>
      db
        .select()
        .from(tenant.outbox)
        .where(and(eq(tenant.outbox.kind, 'money-daily'), isNull(tenant.outbox.doneAt))),
    );
    expect(pending).toHaveLength(1);
    expect(pending[0]!.dueAt.getTime()).toBeGreaterThan(dayAfter(due, 30).getTime());
    expect(pending[0]!.dueAt.getTime() - dayAfter(due, 30).getTime()).toBeLessThanOrEqual(86_400_000);
  });

  it('follows the studio’s reminder days (billing details), and sends none when there are none', async () => {
    const m = await moneyStudio(server, await createStudio(server));
    const saved = await m.studio.owner.query<{ reminderDays: number[] }>('money.billingDetails.get', undefined, m.studio.slug);
    expect(saved.data!.reminderDays).toEqual([7, 21, 45]);
    const details = saved.data as Record<string, unknown>;
    const { statutoryLatePaymentText: _s, ...input } = details;
    const updated = await m.studio.owner.mutate<{ reminderDays: number[] }>(
      'money.billingDetails.update',
      { ...input, reminderDays: [10, 2, 10] },
      m.studio.slug,
    );
    expect(updated.data?.reminderDays).toEqual([2, 10]);
    const refused = await m.studio.owner.mutate('money.billingDetails.update', { ...input, reminderDays: [0] }, m.studio.slug);
    expect(refused.error?.data.appCode).toBe('BAD_REQUEST');
    const invoice = await issuedDocument(server, m, 'invoice');
    const due = (await row(m, invoice.id)).dueDate!;
    at(dayAfter(due, 2));
    expect((await runMoneyDaily(server.platform, m.studio.id))?.reminders).toBe(1);
    await m.studio.owner.mutate('money.billingDetails.update', { ...input, reminderDays: [] }, m.studio.slug);
    at(dayAfter(due, 30));
    expect((await runMoneyDaily(server.platform, m.studio.id))?.reminders).toBe(0);
    expect(await reminders(m)).toHaveLength(1);
  });

  it('is recorded by the worker’s backstop sweep for a studio with open documents, run, and moved to the next day', async () => {
    const m = await moneyStudio(server, await createStudio(server));
    const pending = () =>
      withStudioDb(server, m.studio.id, (db) =>
        db
          .select()
          .from(tenant.outbox)
          .where(and(eq(tenant.outbox.kind, 'money-daily'), isNull(tenant.outbox.doneAt))),
      );
    await server.outbox.drainStudio(m.studio.id, { repair: true });
    expect(await pending()).toHaveLength(0); // nothing open: no daily work
    await issuedDocument(server, m, 'quote');
    await server.outbox.drainStudio(m.studio.id, { repair: true });
    // The run moved its own row to the next day (the worker then leaves it pending rather than done).
    const next = await pending();
    expect(next).toHaveLength(1);
    expect(next[0]!.attempts).toBeGreaterThanOrEqual(1);
    expect(next[0]!.dueAt.getTime()).toBeGreaterThan(Date.now());
    expect(next[0]!.dueAt.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000 + 10 * 60_000);
  });
});
