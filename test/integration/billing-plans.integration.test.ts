/**
 * Settings → Plan's subscription procedures (issue 12.3): a downgrade is refused, with a clear message in the
 * studio's language, while the studio uses more than the smaller plan gives (nothing changes on Stripe); the
 * overview names the next invoice; one Stripe customer per studio; a read-only studio can still choose a plan;
 * without Stripe on the server every billing procedure answers NOT_CONFIGURED and the overview says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, expectRefused, insertMember } from '../support/studios.ts';
import type { StripeStandin } from '../support/stripe-standin.ts';
import { startServerWithStripe } from '../support/stripe-server.ts';
import { billingRow, checkout, deliverAll } from '../support/billing.ts';

let standin: StripeStandin;
let server: TestServer;

beforeAll(async () => {
  ({ standin, server } = await startServerWithStripe());
});
afterAll(async () => {
  await server?.close();
  await standin?.close();
});

interface Overview {
  billingAvailable: boolean;
  plan: string;
  subscribed: boolean;
  nextInvoice: { amountCents: number; currency: string; at: string } | null;
}

describe('plan changes through Stripe Billing', () => {
  it('refuses a downgrade while the studio uses more than the smaller plan gives, in its language, and changes nothing', async () => {
    const studio = await createStudio(server, { studioName: 'Crowded' });
    await checkout(standin, studio, 'pro');
    await deliverAll(standin, standin.takeBillingEvents());
    // Five seats taken: Starter gives three.
    for (let i = 0; i < 4; i++) await insertMember(server, studio.id, 'engineer');
    const before = await billingRow(server, studio.id);
    const refused = await studio.owner.mutate('plans.changePlan', { plan: 'starter', interval: 'monthly' }, studio.slug);
    expectRefused(refused, 'LIMIT_REACHED', 403);
    expect(refused.error?.message).toBe(
      'The studio uses more than the Starter plan allows: 5 seats taken (3 at most). Bring the usage down before moving to Starter.',
    );
    expect(await billingRow(server, studio.id)).toEqual(before);
    expect(standin.billing.subscription(before.stripeSubscriptionId!).schedule).toBeNull();
    await server.platform.controlDb.update(control.studios).set({ locale: 'fr' }).where(eq(control.studios.id, studio.id));
    const refusedFr = await studio.owner.mutate('plans.changePlan', { plan: 'starter', interval: 'monthly' }, studio.slug);
    expect(refusedFr.error?.message).toContain('Le studio utilise plus que la formule Starter ne permet : 5 places occupées (3 au plus)');
    // An upgrade is not limited.
    expect((await studio.owner.mutate<{ outcome: string }>('plans.changePlan', { plan: 'enterprise', interval: 'monthly' }, studio.slug)).data?.outcome).toBe(
      'upgraded',
    );
  });

  it('shows the next invoice, keeps one customer per studio, and refuses a second subscription', async () => {
    const studio = await createStudio(server, { studioName: 'Invoiced' });
    const trial = await studio.owner.query<Overview>('plans.billing', undefined, studio.slug);
    expect(trial.data).toMatchObject({ billingAvailable: true, subscribed: false, nextInvoice: null });
    // Two Checkouts started (one abandoned): one Stripe customer.
    await studio.owner.mutate('plans.checkout', { plan: 'starter', interval: 'monthly' }, studio.slug);
    const customer = (await billingRow(server, studio.id)).stripeCustomerId;
    await checkout(standin, studio, 'pro', 'yearly');
    expect((await billingRow(server, studio.id)).stripeCustomerId).toBe(customer);
    await deliverAll(standin, standin.takeBillingEvents());
    const overview = await studio.owner.query<Overview>('plans.billing', undefined, studio.slug);
    expect(overview.data).toMatchObject({ plan: 'pro', subscribed: true, nextInvoice: { amountCents: 99_000, currency: 'EUR' } });
    expectRefused(await studio.owner.mutate('plans.checkout', { plan: 'enterprise', interval: 'monthly' }, studio.slug), 'CONFLICT', 409);
    const portal = await studio.owner.query<{ url: string }>('plans.portal', undefined, studio.slug);
    expect(portal.data?.url).toContain(standin.url);
  });

  it('applies the subscription on the return from Checkout without waiting for the webhook; another studio’s session is not found', async () => {
    const studio = await createStudio(server, { studioName: 'Returning' });
    const other = await createStudio(server, { studioName: 'Nosy' });
    const started = await studio.owner.mutate<{ url: string }>('plans.checkout', { plan: 'pro', interval: 'monthly' }, studio.slug);
    const sessionId = new URL(started.data!.url).pathname.split('/').at(-1)!;
    // Not paid yet: nothing to apply.
    expect((await studio.owner.mutate('plans.confirmCheckout', { sessionId }, studio.slug)).data).toEqual({ subscribed: false });
    standin.billing.payCheckout(standin.state.objects.get(sessionId)!);
    standin.takeBillingEvents(); // never delivered
    const otherBefore = await billingRow(server, other.id);
    expectRefused(await other.owner.mutate('plans.confirmCheckout', { sessionId }, other.slug), 'NOT_FOUND', 404);
    expect(await billingRow(server, other.id)).toEqual(otherBefore);
    expect((await studio.owner.mutate('plans.confirmCheckout', { sessionId }, studio.slug)).data).toEqual({ subscribed: true });
    expect(await billingRow(server, studio.id)).toMatchObject({ plan: 'pro', billingStatus: 'active' });
  });

  it('lets a read-only studio (trial over) choose a plan, which lifts read-only at once', async () => {
    const studio = await createStudio(server, { studioName: 'Expired' });
    await server.platform.controlDb
      .update(control.studios)
      .set({ trialEndsAt: new Date(Date.now() - 1000) })
      .where(eq(control.studios.id, studio.id));
    expect((await studio.owner.query<{ standing: string }>('studio.get', undefined, studio.slug)).data?.standing).toBe('read_only');
    await checkout(standin, studio, 'starter');
    await deliverAll(standin, standin.takeBillingEvents());
    expect((await studio.owner.query<{ standing: string }>('studio.get', undefined, studio.slug)).data?.standing).toBe('active');
  });
});

describe('without Stripe on the server', () => {
  let bare: TestServer;
  beforeAll(async () => {
    bare = await createTestServer();
  });
  afterAll(async () => {
    await bare?.close();
  });

  it('answers NOT_CONFIGURED to every billing action, gives no portal link, and the overview says plans are set by the operator', async () => {
    const studio = await createStudio(bare, { studioName: 'No Stripe' });
    const overview = await studio.owner.query<Overview>('plans.billing', undefined, studio.slug);
    expect(overview.data).toMatchObject({ billingAvailable: false, subscribed: false, nextInvoice: null });
    const choice = { plan: 'pro', interval: 'monthly' };
    expectRefused(await studio.owner.mutate('plans.checkout', choice, studio.slug), 'NOT_CONFIGURED', 412);
    expectRefused(await studio.owner.mutate('plans.changePlan', choice, studio.slug), 'NOT_CONFIGURED', 412);
    expectRefused(await studio.owner.mutate('plans.cancel', undefined, studio.slug), 'NOT_CONFIGURED', 412);
    expectRefused(await studio.owner.mutate('plans.resume', undefined, studio.slug), 'NOT_CONFIGURED', 412);
    expectRefused(await studio.owner.mutate('plans.confirmCheckout', { sessionId: 'cs_test_x' }, studio.slug), 'NOT_CONFIGURED', 412);
    // Nothing to manage in a Customer Portal: no link.
    expect((await studio.owner.query<{ url: string | null }>('plans.portal', undefined, studio.slug)).data).toEqual({ url: null });
  });
});
