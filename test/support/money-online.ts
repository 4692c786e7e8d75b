/**
 * Online money in tests: a server pointed at the stand-in Stripe (webhooks delivered to it with inject), a studio
 * with billing details and a client with an e-mail address, another studio, and helpers to connect the studio,
 * issue invoices into the server's own storage (where the recorder and the portal PDF route read), pay a Checkout
 * Session through the stand-in, and read the receipts in the outbox.
 */
import { and, eq } from 'drizzle-orm';
import { control, tenant } from '@rsm/db';
import { ensureConnectedAccount } from '../../apps/server/src/modules/money/payments/payments.service.ts';
import { requireStripe } from '../../apps/server/src/modules/money/payments/stripe-adapter.ts';
import { issueDocument } from '../../apps/server/src/modules/money/invoicing/issue.service.ts';
import { fileStorage } from '../../apps/server/src/platform/storage/storage.ts';
import type { TestServer } from './platform.ts';
import { startServerWithStripe } from './stripe-server.ts';
import { openBookingDb, type BookingDb } from './booking-db.ts';
import { completeBillingDetails, draft, freeLine, moneyContext, rateId } from './money.ts';
import type { StripeEvent, StripeStandin } from './stripe-standin.ts';

export interface OnlineMoney {
  standin: StripeStandin;
  server: TestServer;
  studio: BookingDb;
  other: BookingDb;
  clientId: string;
  rate: string;
  email: string;
  accountId: () => string;
  connect(): Promise<void>;
  issue(on: BookingDb, id: string): Promise<string>;
  issuedInvoice(netCents?: number): Promise<string>;
  paidCheckout(kind: 'invoice' | 'quote_deposit', targetId: string, cents: number, key: string): Promise<StripeEvent[]>;
  receipts(): Promise<(typeof control.mailOutbox.$inferSelect)[]>;
  close(): Promise<void>;
}

export async function startOnlineMoney(label: string): Promise<OnlineMoney> {
  const { standin, server } = await startServerWithStripe({ STRIPE_PLATFORM_FEE_BPS: '100' });
  const [studio, other] = await Promise.all([
    openBookingDb(server, `${label} Studio`, { connections: 5 }),
    openBookingDb(server, `Other ${label}`, { connections: 2 }),
  ]);
  await Promise.all([completeBillingDetails(studio.db), completeBillingDetails(other.db)]);
  const email = `payer-${label.toLowerCase().replace(/\W+/g, '-')}-${Date.now()}@example.test`;
  const [client] = await studio.db
    .insert(tenant.clients)
    .values({ name: 'Nina Payer', kind: 'person', email, addressLine1: '3 quai Ouest', postalCode: '69002', city: 'Lyon', country: 'FR' })
    .returning();
  const rate = await rateId(studio.db, 2000);
  let accountId = '';
  const issue = async (on: BookingDb, id: string) =>
    (await issueDocument(on.db, moneyContext(on), { storage: fileStorage(server.config) }, on.actor, id)).number;
  return {
    standin,
    server,
    studio,
    other,
    clientId: client!.id,
    rate,
    email,
    accountId: () => accountId,
    async connect() {
      if (accountId) return;
      const account = await ensureConnectedAccount(server.platform, { id: studio.studio.id, name: label }, 'owner@example.test');
      accountId = account.stripeAccountId;
      const status = await standin.deliver(standin.finishOnboarding(accountId));
      if (status !== 200) throw new Error(`account.updated answered ${status}`);
    },
    issue,
    async issuedInvoice(netCents = 50_000) {
      const id = await draft(studio, client!.id, [freeLine(rate, netCents, 1000, 'Mixing day')]);
      await issue(studio, id);
      return id;
    },
    async paidCheckout(kind, targetId, cents, key) {
      const session = await requireStripe(server.config).createCheckoutSession(accountId, {
        studioId: studio.studio.id,
        kind,
        targetId,
        currency: 'EUR',
        lineItems: [{ name: 'Payment', unitAmountCents: cents, quantity: 1 }],
        successUrl: 'http://localhost:3000/ok',
        cancelUrl: 'http://localhost:3000/no',
        idempotencyKey: key,
      });
      return standin.completeCheckout(session.id);
    },
    receipts: () =>
      server.platform.controlDb
        .select()
        .from(control.mailOutbox)
        .where(and(eq(control.mailOutbox.toAddress, email), eq(control.mailOutbox.template, 'payment-receipt'))),
    async close() {
      await Promise.all([studio.close(), other.close()]);
      await server.close();
      await standin.close();
    },
  };
}
