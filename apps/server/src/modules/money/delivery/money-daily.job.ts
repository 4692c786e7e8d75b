/**
 * The money work of each studio's day (issue 11, items 2 and 3), run by the outbox worker as `money-daily`:
 *  - quotes past their validity date expire (expireQuotes);
 *  - invoices still open after their due date get a reminder by e-mail at each of the studio's reminder days
 *    (billing settings, by default 7, 21 and 45 days after the due date), each
 *    once: the count of reminders sent is kept on the invoice (`reminders_sent`) and every mail carries an
 *    idempotency key naming the invoice and the reminder's rank, so a run repeated after a crash sends nothing
 *    twice. A paid invoice, or one cancelled by a credit note, is no longer open and gets no more.
 * The row records the next run itself (the next day, just after midnight in the studio's zone); the worker's
 * backstop sweep records one for a studio that has open documents and none pending.
 */
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import { balanceCents } from '@rsm/shared/money-balance';
import { addZonedDays, startOfZonedDay } from '@rsm/shared/zoned-time';
import type { Platform } from '../../../platform/platform.ts';
import type { OutboxWorker } from '../../../platform/jobs/outbox-worker.ts';
import { fileStorage } from '../../../platform/storage/storage.ts';
import type { TenantDb } from '../../../platform/tenancy/directory.ts';
import { recordAudit } from '../../audit/audit.service.ts';
import { activeStudioById } from '../../studios/studio-lookup.ts';
import type { StudioContext } from '../../studios/studio-context.ts';
import { zonedDate } from '../invoicing/issue.service.ts';
import { expireQuotes } from '../invoicing/quotes.service.ts';
import { payOnlineLink } from '../payments/payments.service.ts';
import { mailAmount, mailDate, pdfAttachment } from './document-mail.ts';

/** The studio's days after the due date at which an unpaid invoice is reminded (billing settings, ascending). */
async function reminderDays(db: TenantDb): Promise<number[]> {
  const [row] = await db.select({ days: tenant.billingSettings.reminderDays }).from(tenant.billingSettings).where(eq(tenant.billingSettings.id, 1));
  return [...(row?.days ?? [])].sort((a, b) => a - b);
}
export const MONEY_DAILY = 'money-daily';
const OPEN = ['issued', 'partially_paid'] as const;
const INVOICE_KINDS = ['invoice', 'deposit_invoice', 'final_invoice'] as const;

const plusDays = (isoDate: string, days: number) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** How many reminders are due by `today` for an invoice due on `dueDate`, reminded at `days` after it. */
export function remindersDueBy(dueDate: string, today: string, days: readonly number[]): number {
  return days.filter((after) => plusDays(dueDate, after) <= today).length;
}

async function remindOverdue(platform: Platform, studio: StudioContext, db: TenantDb, today: string): Promise<number> {
  const days = await reminderDays(db);
  if (days.length === 0) return 0;
  const candidates = await db
    .select({ doc: tenant.moneyDocuments, name: tenant.clients.name, email: tenant.clients.email })
    .from(tenant.moneyDocuments)
    .innerJoin(tenant.clients, eq(tenant.clients.id, tenant.moneyDocuments.clientId))
    .where(
      and(
        inArray(tenant.moneyDocuments.kind, [...INVOICE_KINDS]),
        inArray(tenant.moneyDocuments.status, [...OPEN]),
        lt(tenant.moneyDocuments.dueDate, today),
        lt(tenant.moneyDocuments.remindersSent, days.length),
      ),
    );
  let sent = 0;
  const storage = fileStorage(platform.config);
  // "Pay online" in the reminder (the portal's money page) while the studio takes online payments.
  const link = candidates.length > 0 ? await payOnlineLink(platform, studio) : undefined;
  for (const { doc, name, email } of candidates) {
    const rank = remindersDueBy(doc.dueDate!, today, days);
    // One mail per run even if several dates passed (the worker was down): the client gets the latest only.
    if (rank <= doc.remindersSent || !email.trim() || !doc.pdfKey) continue;
    await platform.mailer.send({
      to: email.trim(),
      template: 'invoice-reminder',
      locale: studio.locale,
      studioId: studio.id,
      idempotencyKey: `money-reminder:${studio.id}:${doc.id}:${rank}`,
      attachments: [await pdfAttachment(storage, doc)],
      params: {
        name,
        studio: studio.name,
        number: doc.number!,
        amount: mailAmount(balanceCents(doc), doc.currency, studio.locale),
        until: mailDate(doc.dueDate, studio.locale),
        ...(link ? { payUrl: link } : {}),
      },
    });
    const [counted] = await db
      .update(tenant.moneyDocuments)
      .set({ remindersSent: rank })
      .where(and(eq(tenant.moneyDocuments.id, doc.id), lt(tenant.moneyDocuments.remindersSent, rank)))
      .returning({ id: tenant.moneyDocuments.id });
    if (!counted) continue;
    await recordAudit(db, null, 'invoice.reminder_sent', 'money_document', doc.id, { number: doc.number, rank, to: email.trim() });
    sent += 1;
  }
  return sent;
}

/** Record (or move) the studio's next daily run, if it still has anything open. */
async function scheduleNext(db: TenantDb, at: Date): Promise<void> {
  await db.execute(sql`
    INSERT INTO outbox (kind, dedupe_key, due_at, payload)
    SELECT ${MONEY_DAILY}, ${MONEY_DAILY}, ${at.toISOString()}, '{}'::jsonb
    WHERE EXISTS (SELECT 1 FROM money_documents WHERE status IN ('sent', 'issued', 'partially_paid'))
    ON CONFLICT (dedupe_key) WHERE done_at IS NULL DO UPDATE SET due_at = EXCLUDED.due_at, lease_until = NULL`);
}

/** One studio's daily money work at the platform's clock; also called by tests with a controlled clock. */
export async function runMoneyDaily(platform: Platform, studioId: string): Promise<{ expired: number; reminders: number } | null> {
  const studio = await activeStudioById(platform, studioId);
  if (!studio) return null;
  const now = platform.clock.now();
  const today = zonedDate(now, studio.timeZone);
  return platform.directory.withTenant(studio.location, async (db) => {
    const expired = await expireQuotes(db, studio, now);
    const reminders = await remindOverdue(platform, studio, db, today);
    const tomorrow = addZonedDays(startOfZonedDay(now, studio.timeZone), 1, studio.timeZone);
    await scheduleNext(db, new Date(tomorrow.getTime() + 5 * 60_000));
    return { expired, reminders };
  });
}

export function registerMoneyOutbox(worker: OutboxWorker, platform: Platform): void {
  worker.register(MONEY_DAILY, async (studioId) => {
    await runMoneyDaily(platform, studioId);
  });
}
