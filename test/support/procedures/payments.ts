/**
 * Settings → Payments: status for every member, connecting and refreshing for `money:manage`; online money
 * (`money.online.*`): a pay link and refunds. On a server pointed at the stand-in Stripe (role matrix), the studio
 * gets its connected account first, onboarded through the stand-in's page so it takes charges, an issued invoice
 * to pay and an online payment to refund; elsewhere (no Stripe configured) only the refusals are exercised.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { tenant } from '@rsm/db';
import type { StudioProcedure } from '../studio-procedures.ts';
import type { TestServer } from '../platform.ts';
import { withStudioDb, type Studio } from '../studios.ts';
import { completeBillingDetails, freeLine, insertClient, rateId } from '../money.ts';
import { ensureConnectedAccount } from '../../../apps/server/src/modules/money/payments/payments.service.ts';
import { storeStatus } from '../../../apps/server/src/modules/money/payments/connected-accounts.ts';
import { requireStripe } from '../../../apps/server/src/modules/money/payments/stripe-adapter.ts';
import { recordOnlinePayment } from '../../../apps/server/src/modules/money/payments/money-payment-recorder.ts';
import { createDraft, issueDocument } from '../../../apps/server/src/modules/money/invoicing/index.ts';
import { fileStorage } from '../../../apps/server/src/platform/storage/storage.ts';

const NONE = '00000000-0000-4000-8000-000000000000';

export const procedures: StudioProcedure[] = [
  { path: 'payments.status', kind: 'query', permission: 'studio:read', input: () => undefined },
  { path: 'payments.connect', kind: 'mutation', permission: 'money:manage', input: () => undefined },
  { path: 'payments.refresh', kind: 'mutation', permission: 'money:manage', input: () => undefined },
  { path: 'money.online.payLink', kind: 'mutation', permission: 'money:manage', input: (t) => ({ id: t.extra.payableInvoiceId ?? NONE, kind: 'invoice' }) },
  {
    path: 'money.online.refund',
    kind: 'mutation',
    permission: 'money:manage',
    input: (t) => ({ paymentId: t.extra.onlinePaymentId ?? NONE, amountCents: 100 }),
  },
];

export async function createTargets(server: TestServer, studio: Studio): Promise<Record<string, string>> {
  if (!server.config.STRIPE_SECRET_KEY || !server.config.STRIPE_API_BASE) return {};
  const account = await ensureConnectedAccount(server.platform, { id: studio.id, name: 'Target studio' }, studio.ownerEmail);
  const stripe = requireStripe(server.config);
  const base = server.config.STRIPE_API_BASE;
  // The stand-in's onboarding page enables the account (its webhook delivery is not set up here: that answer is ignored).
  await fetch(`${base}/connect/onboarding/${account.stripeAccountId}`, { method: 'POST', redirect: 'manual' });
  await storeStatus(server.platform.controlDb, await stripe.accountStatus(account.stripeAccountId), new Date());
  const zone = { studioId: studio.id, timeZone: 'Europe/Paris', locale: 'en' as const, currency: 'EUR' };
  const actor = { userId: randomUUID(), name: 'Fixture', email: 'fixture@example.test', role: 'owner' as const };
  const [payable, paid] = await withStudioDb(server, studio.id, async (db) => {
    await completeBillingDetails(db);
    const clientId = await insertClient(db, 'Paying client');
    const rate = await rateId(db, 2000);
    const ids: string[] = [];
    for (const cents of [10_000, 20_000]) {
      const id = await createDraft(db, zone, actor, { kind: 'invoice', clientId, notes: '', lines: [freeLine(rate, cents)], depositInvoiceIds: [] });
      await issueDocument(db, zone, { storage: fileStorage(server.config) }, actor, id);
      ids.push(id);
    }
    return ids;
  });
  // One online payment, taken through the stand-in's checkout page and recorded as the webhook would.
  const session = await stripe.createCheckoutSession(account.stripeAccountId, {
    studioId: studio.id,
    kind: 'invoice',
    targetId: paid!,
    currency: 'EUR',
    lineItems: [{ name: 'Invoice', unitAmountCents: 1_000, quantity: 1 }],
    successUrl: 'http://localhost/ok',
    cancelUrl: 'http://localhost/no',
    idempotencyKey: `fixture-${paid}`,
  });
  await fetch(`${base}/checkout/${session.id}/pay`, { method: 'POST', redirect: 'manual' });
  const intentId = (await stripe.checkoutSession(account.stripeAccountId, session.id)).paymentIntentId!;
  await recordOnlinePayment(
    server.platform,
    { id: studio.id, stripeAccountId: account.stripeAccountId },
    {
      kind: 'invoice',
      targetId: paid!,
      amountCents: 1_000,
      currency: 'EUR',
      paymentIntentId: intentId,
      checkoutSessionId: session.id,
      applicationFeeCents: null,
      eventId: 'fixture',
    },
  );
  const onlinePaymentId = await withStudioDb(server, studio.id, async (db) => {
    const [row] = await db.select({ id: tenant.payments.id }).from(tenant.payments).where(eq(tenant.payments.providerPaymentId, intentId));
    return row!.id;
  });
  return { stripeAccountId: account.stripeAccountId, payableInvoiceId: payable!, onlinePaymentId };
}
