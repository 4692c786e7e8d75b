/**
 * Money documents issued through the real services in a studio made through the API (so the server's own file
 * storage holds their PDFs and its procedures can send them), and the mail they produced.
 */
import { desc, eq } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { fileStorage } from '../../apps/server/src/platform/storage/storage.ts';
import { createDraft, issueDocument, type StudioMoneyContext } from '../../apps/server/src/modules/money/invoicing/index.ts';
import type { TestServer } from './platform.ts';
import { withStudioDb, type Studio } from './studios.ts';
import { completeBillingDetails, freeLine, insertClient, rateId } from './money.ts';

export interface MoneyStudio {
  studio: Studio;
  ctx: StudioMoneyContext;
  clientId: string;
  clientEmail: string;
  rateId: string;
}

let mailCounter = 0;

export async function moneyStudio(
  server: TestServer,
  studio: Studio,
  clientEmail = `client-${Date.now().toString(36)}-${mailCounter++}@example.test`,
): Promise<MoneyStudio> {
  // Money suites move the clock weeks ahead (due dates, reminders): on a plan, not a trial that would end meanwhile.
  await server.platform.controlDb.update(control.studios).set({ billingStatus: 'active' }).where(eq(control.studios.id, studio.id));
  return withStudioDb(server, studio.id, async (db) => {
    await completeBillingDetails(db);
    const clientId = await insertClient(db, 'Les Ondes');
    await db.update(tenant.clients).set({ email: clientEmail }).where(eq(tenant.clients.id, clientId));
    const ctx = { studioId: studio.id, timeZone: 'Europe/Paris', locale: 'en' as const, currency: 'EUR' };
    return { studio, ctx, clientId, clientEmail, rateId: await rateId(db, 2000) };
  });
}

const actorOf = (studio: Studio) => ({ userId: studio.ownerId, name: 'Owner', email: studio.ownerEmail, role: 'owner' as const });

/** An issued quote or invoice (80 € + VAT on one line) of `clientId` (the studio's client by default). */
export async function issuedDocument(
  server: TestServer,
  m: MoneyStudio,
  kind: 'quote' | 'invoice',
  clientId = m.clientId,
  extra: { deposit?: { kind: 'percent'; basisPoints: number } } = {},
): Promise<{ id: string; number: string }> {
  return withStudioDb(server, m.studio.id, async (db) => {
    const lines = [freeLine(m.rateId, 8000, 1000, 'Album mix')];
    const id = await createDraft(db, m.ctx, actorOf(m.studio), { kind, clientId, notes: '', lines, depositInvoiceIds: [], ...extra });
    const issued = await issueDocument(db, m.ctx, { storage: fileStorage(server.config) }, actorOf(m.studio), id);
    return { id, number: issued.number };
  });
}

export async function mailsTo(server: TestServer, to: string) {
  return server.platform.controlDb.select().from(control.mailOutbox).where(eq(control.mailOutbox.toAddress, to)).orderBy(desc(control.mailOutbox.createdAt));
}

/** The token of the answer link in the newest quote mail to `to`. */
export async function quoteTokenFromOutbox(server: TestServer, to: string): Promise<string> {
  const [mail] = (await mailsTo(server, to)).filter((m) => m.template === 'quote-sent');
  const token = /\/quote\/([A-Za-z0-9_-]+)/.exec(mail?.textBody ?? '')?.[1];
  if (!token) throw new Error(`no quote link mailed to ${to}`);
  return token;
}
