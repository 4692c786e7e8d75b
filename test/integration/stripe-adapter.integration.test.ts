/**
 * The Stripe adapter through the real SDK against the stand-in Stripe: a studio's account and onboarding link,
 * a Checkout Session as a direct charge (Stripe-Account header, platform fee, metadata, cents), reading the
 * session and payment intent back, refunds whole and partial, and Stripe's refusals as domain errors.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../apps/server/src/config/env.ts';
import { requireStripe, stripeGateway, type StripeGateway } from '../../apps/server/src/modules/money/payments/stripe-adapter.ts';
import { AppError } from '../../apps/server/src/platform/errors.ts';
import { startStripeStandin, type StripeStandin } from '../support/stripe-standin.ts';

let standin: StripeStandin;
let stripe: StripeGateway;
const STUDIO = '6f1c2d3e-0000-4000-8000-000000000001';

beforeAll(async () => {
  standin = await startStripeStandin();
  stripe = requireStripe(loadConfig({ NODE_ENV: 'test', ...standin.env, STRIPE_PLATFORM_FEE_BPS: '250' }));
});
afterAll(async () => standin?.close());

const checkout = (accountId: string, overrides: Partial<Parameters<StripeGateway['createCheckoutSession']>[1]> = {}) =>
  stripe.createCheckoutSession(accountId, {
    studioId: STUDIO,
    kind: 'invoice',
    targetId: 'inv-1',
    currency: 'EUR',
    lineItems: [
      { name: 'Mixing, 2 songs', unitAmountCents: 45_000, quantity: 2 },
      { name: 'Mastering', unitAmountCents: 12_345, quantity: 1 },
    ],
    successUrl: 'http://localhost:3000/paid?session={CHECKOUT_SESSION_ID}',
    cancelUrl: 'http://localhost:3000/cancelled',
    idempotencyKey: `pay-${Math.random()}`,
    ...overrides,
  });

it('without a key there is no gateway, and actions that need one say so', () => {
  const config = loadConfig({ NODE_ENV: 'test' });
  expect(stripeGateway(config)).toBeNull();
  expect(() => requireStripe(config)).toThrow(/not set up on this server/);
});

it('refuses a stand-in base URL in production', () => {
  expect(() => loadConfig({ NODE_ENV: 'production', APP_URL: 'https://x.example', STRIPE_API_BASE: standin.url })).toThrow(/STRIPE_API_BASE/);
});

it('creates a Standard connected account once per studio, an onboarding link, and reads its status', async () => {
  const account = await stripe.createConnectedAccount({ id: STUDIO, name: 'Studio Lumière', email: 'owner@example.test' });
  const again = await stripe.createConnectedAccount({ id: STUDIO, name: 'Studio Lumière', email: 'owner@example.test' });
  expect(again.accountId).toBe(account.accountId);
  expect(account).toMatchObject({ chargesEnabled: false, detailsSubmitted: false });
  expect(account.requirementsDue.length).toBeGreaterThan(0);
  const created = standin.requests.filter((r) => r.path === '/v1/accounts' && r.method === 'POST');
  expect(created[0]?.body).toMatchObject({ type: 'standard', email: 'owner@example.test', metadata: { studio_id: STUDIO } });
  expect(created[0]?.idempotencyKey).toBe(`rsm-connect-${STUDIO}`);

  const link = await stripe.onboardingLink(account.accountId, { refreshUrl: 'http://localhost:3000/r', returnUrl: 'http://localhost:3000/back' });
  expect(link.url).toContain(`/connect/onboarding/${account.accountId}`);
  expect(link.expiresAt.getTime()).toBeGreaterThan(Date.now());

  standin.state.enableAccount(account.accountId);
  expect(await stripe.accountStatus(account.accountId)).toMatchObject({
    chargesEnabled: true,
    detailsSubmitted: true,
    requirementsDue: [],
    disabledReason: null,
  });
});

it('creates a Checkout Session as a direct charge on the studio’s account, with the platform fee and metadata', async () => {
  const { accountId } = await stripe.createConnectedAccount({ id: '6f1c2d3e-0000-4000-8000-000000000002', name: 'B', email: 'b@example.test' });
  const session = await checkout(accountId);
  expect(session).toMatchObject({ status: 'open', paymentStatus: 'unpaid', amountTotalCents: 102_345, currency: 'eur', paymentIntentId: null });
  expect(session.url).toBe(`${standin.url}/checkout/${session.id}`);

  const sent = standin.requests.findLast((r) => r.path === '/v1/checkout/sessions' && r.method === 'POST')!;
  expect(sent.stripeAccount).toBe(accountId);
  expect(sent.body).toMatchObject({
    mode: 'payment',
    // 2.5 % of 1,023.45 = 25.58625 → 2,558 cents, rounded down
    payment_intent_data: { application_fee_amount: '2558', metadata: { rsm_studio_id: STUDIO, rsm_kind: 'invoice', rsm_target_id: 'inv-1' } },
    metadata: { rsm_studio_id: STUDIO, rsm_kind: 'invoice', rsm_target_id: 'inv-1' },
    line_items: [
      { quantity: '2', price_data: { currency: 'eur', unit_amount: '45000', product_data: { name: 'Mixing, 2 songs' } } },
      { quantity: '1', price_data: { currency: 'eur', unit_amount: '12345', product_data: { name: 'Mastering' } } },
    ],
    success_url: 'http://localhost:3000/paid?session={CHECKOUT_SESSION_ID}',
  });

  // Only on the studio's account: the platform (no header) and another account cannot see it.
  await expect(stripe.checkoutSession('acct_0000000000000000', session.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });

  standin.completeCheckout(session.id);
  const paid = await stripe.checkoutSession(accountId, session.id);
  expect(paid).toMatchObject({ status: 'complete', paymentStatus: 'paid' });
  const intent = await stripe.paymentIntent(accountId, paid.paymentIntentId!);
  expect(intent).toMatchObject({ status: 'succeeded', amountReceivedCents: 102_345, applicationFeeCents: 2558, metadata: { rsm_kind: 'invoice' } });
});

it('refunds part, then the rest, on the connected account; more than what is left is refused', async () => {
  const { accountId } = await stripe.createConnectedAccount({ id: '6f1c2d3e-0000-4000-8000-000000000003', name: 'C', email: 'c@example.test' });
  const session = await checkout(accountId, {
    lineItems: [{ name: 'Deposit', unitAmountCents: 10_000, quantity: 1 }],
    kind: 'booking_deposit',
    targetId: 'session-9',
  });
  standin.completeCheckout(session.id);
  const intentId = (await stripe.checkoutSession(accountId, session.id)).paymentIntentId!;

  const part = await stripe.refund(accountId, { paymentIntentId: intentId, amountCents: 2_500, idempotencyKey: 'refund-1' });
  expect(part).toMatchObject({ amountCents: 2_500, currency: 'eur', paymentIntentId: intentId });
  const retried = await stripe.refund(accountId, { paymentIntentId: intentId, amountCents: 2_500, idempotencyKey: 'refund-1' });
  expect(retried.id).toBe(part.id);
  const sent = standin.requests.findLast((r) => r.path === '/v1/refunds')!;
  expect(sent).toMatchObject({ stripeAccount: accountId, body: { refund_application_fee: 'true', amount: '2500' } });

  const refusal = await stripe.refund(accountId, { paymentIntentId: intentId, amountCents: 9_000, idempotencyKey: 'refund-2' }).catch((e: unknown) => e);
  expect(refusal).toBeInstanceOf(AppError);
  expect(refusal).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/greater than unrefunded/) });

  const rest = await stripe.refund(accountId, { paymentIntentId: intentId, idempotencyKey: 'refund-3' });
  expect(rest.amountCents).toBe(7_500);
  expect(await stripe.charge(accountId, (await stripe.paymentIntent(accountId, intentId)).latestChargeId!)).toMatchObject({
    amountRefundedCents: 10_000,
    refunded: true,
  });
});

it('refuses bad checkout input before calling Stripe', async () => {
  const before = standin.requests.length;
  await expect(checkout('acct_x', { lineItems: [] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  await expect(checkout('acct_x', { lineItems: [{ name: 'x', unitAmountCents: 10.5, quantity: 1 }] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  await expect(checkout('acct_x', { currency: 'euro' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  expect(standin.requests.length).toBe(before);
});

it('maps a wrong key and an unreachable Stripe to clear domain errors', async () => {
  const wrongKey = requireStripe(loadConfig({ NODE_ENV: 'test', ...standin.env, STRIPE_SECRET_KEY: 'rk_live_wrong' }));
  await expect(wrongKey.accountStatus('acct_x')).rejects.toMatchObject({
    code: 'PAYMENT_PROVIDER',
    message: expect.stringMatching(/refused the server’s key/),
  });
  const down = requireStripe(loadConfig({ NODE_ENV: 'test', ...standin.env, STRIPE_API_BASE: 'http://127.0.0.1:9' }));
  await expect(down.accountStatus('acct_x')).rejects.toMatchObject({ code: 'PAYMENT_PROVIDER', message: expect.stringMatching(/could not be reached/) });
}, 60_000);
