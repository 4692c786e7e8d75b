/**
 * POST /api/stripe/webhook against the stand-in Stripe: a bad signature is refused with nothing applied; every
 * event delivered three times in shuffled order (some at once) leaves the account's state and the recorded
 * payments and refunds exactly as one delivery would; an unknown account is acknowledged and logged; without a
 * payment recorder, payment events are not acknowledged (Stripe retries) and nothing is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { control } from '@rsm/db';
import { createTestServer, type TestServer } from '../support/platform.ts';
import { createStudio, type Studio } from '../support/studios.ts';
import { startStripeStandin, type StripeEvent, type StripeStandin } from '../support/stripe-standin.ts';
import {
  registerPaymentRecorder,
  unregisterPaymentRecorder,
  type PaymentRefunded,
  type PaymentSucceeded,
  type StudioRef,
} from '../../apps/server/src/modules/money/payments/payment-hooks.ts';
import { requireStripe } from '../../apps/server/src/modules/money/payments/stripe-adapter.ts';

let standin: StripeStandin;
let server: TestServer;
let studio: Studio;
let accountId: string;
const succeeded: { studio: StudioRef; payment: PaymentSucceeded }[] = [];
const refunded: { studio: StudioRef; refund: PaymentRefunded }[] = [];

const post = async (payload: string, signature: string | undefined) =>
  server.app.inject({
    method: 'POST',
    url: '/api/stripe/webhook',
    headers: { 'content-type': 'application/json; charset=utf-8', ...(signature ? { 'stripe-signature': signature } : {}) },
    payload,
  });

beforeAll(async () => {
  standin = await startStripeStandin();
  server = await createTestServer({ ...standin.env, STRIPE_PLATFORM_FEE_BPS: '100' });
  standin.deliverTo(async (payload, signature) => (await post(payload, signature)).statusCode);
  // This file tests the webhook's side with a recorder of its own; the money domain's is tested in money-online-*.
  unregisterPaymentRecorder(server.platform);
  studio = await createStudio(server, { studioName: 'Webhook Sound' });
  const connected = await studio.owner.mutate<{ url: string }>('payments.connect', undefined, studio.slug);
  expect(connected.error, JSON.stringify(connected.error)).toBeUndefined();
  accountId = (
    await server.platform.controlDb.select().from(control.stripeConnectedAccounts).where(eq(control.stripeConnectedAccounts.studioId, studio.id))
  )[0]!.stripeAccountId;
});
afterAll(async () => {
  await server?.close();
  await standin?.close();
});

const events = () => server.platform.controlDb.select().from(control.stripeEvents);
const accountRow = async () =>
  (await server.platform.controlDb.select().from(control.stripeConnectedAccounts).where(eq(control.stripeConnectedAccounts.studioId, studio.id)))[0]!;

async function paidCheckout(kind: 'invoice' | 'booking_deposit', targetId: string, cents: number) {
  const session = await requireStripe(server.config).createCheckoutSession(accountId, {
    studioId: studio.id,
    kind,
    targetId,
    currency: 'EUR',
    lineItems: [{ name: targetId, unitAmountCents: cents, quantity: 1 }],
    successUrl: 'http://localhost:3000/ok',
    cancelUrl: 'http://localhost:3000/no',
    idempotencyKey: `${kind}-${targetId}`,
  });
  return standin.completeCheckout(session.id);
}

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('signatures', () => {
  it('refuses a missing, forged or foreign-secret signature with 400 and applies nothing', async () => {
    const evt = standin.finishOnboarding(accountId);
    const { payload, signature } = standin.sign(evt);
    const foreign = standin.sign(evt, 'whsec_someone_else').signature;
    const tampered = payload.replace('"charges_enabled":true', '"charges_enabled":false');
    for (const [body, sig] of [
      [payload, undefined],
      [payload, foreign],
      [tampered, signature],
      [payload, 't=1,v1=00'],
    ] as const) {
      const res = await post(body, sig);
      expect(res.statusCode).toBe(400);
    }
    expect(await events()).toEqual([]);
    expect((await accountRow()).chargesEnabled).toBe(false);
    // Larger than any Stripe event: refused before the signature is even computed.
    const huge = JSON.stringify({ ...evt, padding: 'x'.repeat(300 * 1024) });
    expect((await post(huge, standin.sign(JSON.parse(huge) as StripeEvent).signature)).statusCode).toBe(413);
    standin.state.accounts.get(accountId)!.charges_enabled = false; // back to before: the next test finishes onboarding itself
  });
});

describe('delivery', () => {
  let beforeRecorder: StripeEvent | undefined;
  it('without a registered recorder, a payment event is not acknowledged (503) and not marked applied', async () => {
    [beforeRecorder] = await paidCheckout('invoice', 'inv-before-recorder', 5_000);
    const completed = beforeRecorder;
    expect(await standin.deliver(completed!)).toBe(503);
    expect((await events()).find((e) => e.eventId === completed!.id)?.appliedAt ?? null).toBeNull();
  });

  it('applies every event exactly once when each is delivered three times, shuffled, some at once', async () => {
    registerPaymentRecorder(server.platform, {
      onPaymentSucceeded: async (s, payment) => void succeeded.push({ studio: s, payment }),
      onPaymentRefunded: async (s, refund) => void refunded.push({ studio: s, refund }),
    });
    const all: StripeEvent[] = [standin.finishOnboarding(accountId)];
    all.push(...(await paidCheckout('invoice', 'inv-42', 120_000)));
    const deposit = await paidCheckout('booking_deposit', 'session-7', 30_000);
    all.push(...deposit);
    // Two partial refunds of the deposit: each charge.refunded event is read back as the charge is now.
    const depositIntent = String(deposit[1]!.data.object.id);
    const stripe = requireStripe(server.config);
    await stripe.refund(accountId, { paymentIntentId: depositIntent, amountCents: 10_000, idempotencyKey: 'r1' });
    all.push(standin.refundedEvent(accountId, depositIntent));
    await stripe.refund(accountId, { paymentIntentId: depositIntent, amountCents: 5_000, idempotencyKey: 'r2' });
    all.push(standin.refundedEvent(accountId, depositIntent));

    const deliveries = shuffled([...all, ...all, ...all]);
    const statuses: number[] = [];
    for (let i = 0; i < deliveries.length; i += 3) {
      statuses.push(...(await Promise.all(deliveries.slice(i, i + 3).map((evt) => standin.deliver(evt)))));
    }
    expect(statuses.every((s) => s === 200)).toBe(true);

    expect(await accountRow()).toMatchObject({ chargesEnabled: true, detailsSubmitted: true, payoutsEnabled: true, requirementsDue: [], disabledReason: null });
    // Three payments (one sent before the recorder existed), each recorded once, from whichever event came first.
    expect(succeeded.map((s) => s.payment.targetId).sort()).toEqual(['inv-42', 'session-7']);
    const invoice = succeeded.find((s) => s.payment.targetId === 'inv-42')!;
    expect(invoice.studio).toEqual({ id: studio.id, stripeAccountId: accountId });
    expect(invoice.payment).toMatchObject({ kind: 'invoice', amountCents: 120_000, currency: 'EUR', applicationFeeCents: 1_200 });
    // Both refund events were read after both refunds: one effect, the refunded total.
    expect(refunded).toHaveLength(1);
    expect(refunded[0]!.refund).toMatchObject({
      kind: 'booking_deposit',
      targetId: 'session-7',
      paymentIntentId: depositIntent,
      amountRefundedCents: 15_000,
      currency: 'eur',
    });

    const rows = await events();
    const relevant = all.filter((e) => e.type !== 'charge.succeeded');
    for (const evt of relevant) expect(rows.find((r) => r.eventId === evt.id)?.appliedAt, evt.type).toBeTruthy();
    expect(rows.filter((r) => r.effectKey?.startsWith('payment:'))).toHaveLength(2);
  });

  it('records the payment sent before the recorder existed when Stripe retries it', async () => {
    expect(succeeded.some((s) => s.payment.targetId === 'inv-before-recorder')).toBe(false);
    expect(await standin.deliver(beforeRecorder!)).toBe(200);
    expect(await standin.deliver(beforeRecorder!)).toBe(200);
    expect(succeeded.filter((s) => s.payment.targetId === 'inv-before-recorder')).toHaveLength(1);
  });

  it('acknowledges an event of an account no studio is connected to, and logs it', async () => {
    const stranger = standin.state.createAccount({ type: 'standard' });
    const evt = standin.finishOnboarding(String(stranger.id));
    expect(await standin.deliver(evt)).toBe(200);
    expect(server.logs.some((line) => line.includes('no studio is connected') && line.includes(String(stranger.id)))).toBe(true);
    expect((await events()).some((e) => e.eventId === evt.id)).toBe(false);
  });

  it('the hosted checkout page pays the session, delivers its events and goes to the success URL', async () => {
    const session = await requireStripe(server.config).createCheckoutSession(accountId, {
      studioId: studio.id,
      kind: 'quote_deposit',
      targetId: 'quote-3',
      currency: 'EUR',
      lineItems: [{ name: 'Deposit', unitAmountCents: 9_900, quantity: 1 }],
      successUrl: 'http://localhost:3000/paid/{CHECKOUT_SESSION_ID}',
      cancelUrl: 'http://localhost:3000/no',
      idempotencyKey: 'hosted-1',
    });
    const page = await fetch(session.url!);
    expect(await page.text()).toContain('<button type="submit">Pay</button>');
    const paid = await fetch(`${standin.url}/checkout/${session.id}/pay`, { method: 'POST', redirect: 'manual' });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(`http://localhost:3000/paid/${session.id}`);
    expect(succeeded.filter((s) => s.payment.targetId === 'quote-3').map((s) => s.payment)).toEqual([
      expect.objectContaining({ kind: 'quote_deposit', amountCents: 9_900, checkoutSessionId: session.id }),
    ]);
  });

  it('never logs the signing secret or the API key', () => {
    const text = server.logs.join('\n');
    expect(text).not.toContain(standin.webhookSecret);
    expect(text).not.toContain(standin.secretKey);
  });

  it('rate-limits one address (before checking signatures), not the others', async () => {
    const from = (remoteAddress: string) =>
      server.app.inject({
        method: 'POST',
        url: '/api/stripe/webhook',
        remoteAddress,
        headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
        payload: '{}',
      });
    const statuses: number[] = [];
    for (let i = 0; i < 601; i++) statuses.push((await from('10.9.9.9')).statusCode);
    expect(statuses.slice(0, 600).every((s) => s === 400)).toBe(true);
    expect(statuses[600]).toBe(429);
    expect((await from('10.9.9.10')).statusCode).toBe(400);
  });
});
