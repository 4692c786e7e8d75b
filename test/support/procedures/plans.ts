/**
 * The studio's plan (issue 12.4) and its Stripe subscription (issue 12.3). On a server pointed at the stand-in
 * Stripe (role matrix), once a Checkout has given the studio its Stripe customer, the studio gets a paid Enterprise
 * subscription (through the stand-in's Checkout page, applied as its webhook would), so changing plan, cancelling,
 * resuming and the portal act on a real subscription. Elsewhere (no Stripe) only the refusals are exercised.
 */
import { eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import type { StudioProcedure } from '../studio-procedures.ts';
import type { TestServer } from '../platform.ts';
import type { Studio } from '../studios.ts';
import { requireBilling } from '../../../apps/server/src/modules/money/payments/stripe-billing-adapter.ts';
import { syncSubscription } from '../../../apps/server/src/modules/plans/billing/billing.service.ts';

export const procedures: StudioProcedure[] = [
  { path: 'plans.usage', kind: 'query', permission: 'plan:read', input: () => undefined },
  { path: 'plans.billing', kind: 'query', permission: 'plan:read', input: () => undefined },
  { path: 'plans.checkout', kind: 'mutation', permission: 'billing:manage', input: () => ({ plan: 'enterprise', interval: 'monthly' }) },
  {
    path: 'plans.confirmCheckout',
    kind: 'mutation',
    permission: 'billing:manage',
    input: (t) => ({ sessionId: t.extra.checkoutSessionId ?? 'cs_test_none' }),
  },
  { path: 'plans.portal', kind: 'query', permission: 'billing:manage', input: () => undefined },
  { path: 'plans.changePlan', kind: 'mutation', permission: 'billing:manage', input: () => ({ plan: 'enterprise', interval: 'yearly' }) },
  { path: 'plans.cancel', kind: 'mutation', permission: 'billing:manage', input: () => undefined },
  { path: 'plans.resume', kind: 'mutation', permission: 'billing:manage', input: () => undefined },
];

/** Subscribes the studio through the stand-in's Checkout page and applies the subscription; the session's id. */
export async function subscribeThroughStandin(server: TestServer, studio: Studio, choice = { plan: 'enterprise', interval: 'monthly' }): Promise<string> {
  const started = await studio.owner.mutate<{ url: string }>('plans.checkout', choice, studio.slug);
  if (!started.data) throw new Error(`plans.checkout: ${JSON.stringify(started.error)}`);
  const sessionId = new URL(started.data.url).pathname.split('/').at(-1)!;
  // The stand-in's page pays, then tries to deliver the events (no delivery is set up here: that answer is ignored).
  await fetch(`${started.data.url}/pay`, { method: 'POST', redirect: 'manual' });
  const billing = requireBilling(server.config);
  const { subscriptionId } = await billing.checkoutSubscription(sessionId);
  await syncSubscription(server.platform, billing, studio.id, subscriptionId!);
  return sessionId;
}

/** The Checkout Session that gave each studio its subscription (plans.confirmCheckout confirms it again). */
const sessions = new Map<string, string>();

export async function createTargets(server: TestServer, studio: Studio): Promise<Record<string, string>> {
  if (!server.config.STRIPE_SECRET_KEY || !server.config.STRIPE_API_BASE) return {};
  const [row] = await server.platform.controlDb.select().from(control.studios).where(eq(control.studios.id, studio.id));
  // Before the studio's first Checkout (plans.checkout's own case), it stays without a subscription.
  if (row?.stripeCustomerId && !(row.stripeSubscriptionId && row.billingStatus !== 'canceled'))
    sessions.set(studio.id, await subscribeThroughStandin(server, studio));
  const sessionId = sessions.get(studio.id);
  return sessionId ? { checkoutSessionId: sessionId } : {};
}
