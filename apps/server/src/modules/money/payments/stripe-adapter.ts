/**
 * The one place that imports the `stripe` SDK (ENGINEERING.md, decision 8). Everything the product asks of
 * Stripe goes through `StripeGateway`, in plain shapes (cents, ids, booleans), with Stripe's errors turned into
 * domain errors. Studios' payments are direct charges on their own connected (Standard) account: every call
 * about a payment passes `stripeAccount` (ADR 0017). Its Stripe Billing half (our plans' subscriptions, on the
 * platform account) is stripe-billing-adapter.ts, on the same client.
 */
import type Stripe from 'stripe';

/**
 * The SDK (~20 MiB at import) loads with the first call, not with the server: most servers and tests never
 * talk to Stripe, and an upload's memory stays flat beside it.
 */
type StripeModule = typeof Stripe;
let sdk: StripeModule | null = null;
async function loadStripe(): Promise<StripeModule> {
  return (sdk ??= (await import('stripe')).default);
}
import type { Config } from '../../../config/env.ts';
import { AppError } from '../../../platform/errors.ts';
import type { AccountStatus, CheckoutRequest, CheckoutSessionView, ChargeView, PaymentIntentView, RefundView } from './payment-types.ts';
import { applicationFee, checkoutMetadata } from './checkout-terms.ts';

/**
 * Bounded: a slow Stripe makes a click fail after two 8 s attempts (~17 s with the SDK's backoff), never hang
 * a request. The retry is safe: the SDK gives every POST an idempotency key (ours where we set one).
 */
const TIMEOUT_MS = 8_000;
const MAX_RETRIES = 1;

export interface StripeGateway {
  createConnectedAccount(studio: { id: string; name: string; email: string }): Promise<AccountStatus>;
  onboardingLink(accountId: string, urls: { refreshUrl: string; returnUrl: string }): Promise<{ url: string; expiresAt: Date }>;
  accountStatus(accountId: string): Promise<AccountStatus>;
  createCheckoutSession(accountId: string, request: CheckoutRequest): Promise<CheckoutSessionView>;
  checkoutSession(accountId: string, sessionId: string): Promise<CheckoutSessionView>;
  /** Stripe's `checkout.sessions.expire`: an open session can no longer be paid. Refused (BAD_REQUEST) unless open. */
  expireCheckoutSession(accountId: string, sessionId: string): Promise<CheckoutSessionView>;
  paymentIntent(accountId: string, paymentIntentId: string): Promise<PaymentIntentView>;
  charge(accountId: string, chargeId: string): Promise<ChargeView>;
  /** Whole refund when `amountCents` is omitted; `idempotencyKey` makes a retried click refund once. */
  refund(accountId: string, input: { paymentIntentId: string; amountCents?: number; idempotencyKey: string }): Promise<RefundView>;
  /** Verifies a webhook's signature against every configured secret; throws BAD_REQUEST when none matches. */
  verifyEvent(rawBody: Buffer, signature: string | undefined): Promise<Stripe.Event>;
}

/** The SDK options: the real API, or (tests only, refused in production by env.ts) the stand-in at STRIPE_API_BASE. */
function clientOptions(config: Config): Stripe.StripeConfig {
  const options: Stripe.StripeConfig = { timeout: TIMEOUT_MS, maxNetworkRetries: MAX_RETRIES, telemetry: false, appInfo: { name: 'Recording Studio Manager' } };
  if (!config.STRIPE_API_BASE) return options;
  const base = new URL(config.STRIPE_API_BASE);
  return {
    ...options,
    host: base.hostname,
    port: base.port || (base.protocol === 'https:' ? 443 : 80),
    protocol: base.protocol === 'https:' ? 'https' : 'http',
  };
}

/** Stripe's refusals as domain errors: the message says what to do, and never carries the key. */
export function toDomainError(error: unknown): never {
  if (error instanceof AppError) throw error;
  // A Stripe error comes from the SDK, so the SDK is loaded whenever one is thrown.
  const Stripe = sdk;
  if (Stripe && error instanceof Stripe.errors.StripeError) {
    const detail = { stripeCode: error.code ?? error.type };
    if (error instanceof Stripe.errors.StripeAuthenticationError || error instanceof Stripe.errors.StripePermissionError) {
      throw new AppError('PAYMENT_PROVIDER', 'Stripe refused the server’s key: online payment is misconfigured on this server.', detail);
    }
    if (error instanceof Stripe.errors.StripeRateLimitError) {
      throw new AppError('OVERLOADED', 'Stripe is busy. Please retry in a moment.', { retryAfterSeconds: 5 });
    }
    if (error instanceof Stripe.errors.StripeConnectionError || error instanceof Stripe.errors.StripeAPIError) {
      throw new AppError('PAYMENT_PROVIDER', 'Stripe could not be reached. Please retry in a moment.', detail);
    }
    if (error.statusCode === 404) throw new AppError('NOT_FOUND', `Stripe does not know this object (${error.message})`, { what: 'stripe object' });
    if (error instanceof Stripe.errors.StripeInvalidRequestError || error instanceof Stripe.errors.StripeCardError) {
      throw new AppError('BAD_REQUEST', `Stripe refused the request: ${error.message}`, detail);
    }
    throw new AppError('PAYMENT_PROVIDER', `Stripe answered with an error: ${error.message}`, detail);
  }
  throw error;
}

export async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    return toDomainError(error);
  }
}

function accountStatusOf(account: Stripe.Account): AccountStatus {
  return {
    accountId: account.id,
    chargesEnabled: account.charges_enabled ?? false,
    payoutsEnabled: account.payouts_enabled ?? false,
    detailsSubmitted: account.details_submitted ?? false,
    requirementsDue: account.requirements?.currently_due ?? [],
    disabledReason: account.requirements?.disabled_reason ?? null,
  };
}

const idOf = (value: string | { id: string } | null | undefined): string | null => (value == null ? null : typeof value === 'string' ? value : value.id);

function sessionView(session: Stripe.Checkout.Session): CheckoutSessionView {
  return {
    id: session.id,
    url: session.url ?? null,
    status: session.status ?? null,
    paymentStatus: session.payment_status,
    amountTotalCents: session.amount_total ?? 0,
    currency: session.currency ?? '',
    paymentIntentId: idOf(session.payment_intent),
    metadata: { ...(session.metadata ?? {}) },
  };
}

function paymentIntentView(intent: Stripe.PaymentIntent): PaymentIntentView {
  return {
    id: intent.id,
    status: intent.status,
    amountCents: intent.amount,
    amountReceivedCents: intent.amount_received,
    currency: intent.currency,
    applicationFeeCents: intent.application_fee_amount ?? null,
    latestChargeId: idOf(intent.latest_charge),
    metadata: { ...intent.metadata },
  };
}

function createGateway(config: Config, secretKey: string): StripeGateway {
  const stripeClient = () => sdkClient(config, secretKey);
  const secrets = [config.STRIPE_WEBHOOK_SECRET, config.STRIPE_CONNECT_WEBHOOK_SECRET].filter((s): s is string => !!s);
  return {
    createConnectedAccount: (studio) =>
      call(async () => {
        // The idempotency key makes two quick clicks (or a retry after a timeout) create one account, not two.
        const account = await (
          await stripeClient()
        ).accounts.create(
          { type: 'standard', email: studio.email, business_profile: { name: studio.name }, metadata: { studio_id: studio.id } },
          { idempotencyKey: `rsm-connect-${studio.id}` },
        );
        return accountStatusOf(account);
      }),
    onboardingLink: (accountId, urls) =>
      call(async () => {
        const link = await (
          await stripeClient()
        ).accountLinks.create({ account: accountId, type: 'account_onboarding', refresh_url: urls.refreshUrl, return_url: urls.returnUrl });
        return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
      }),
    accountStatus: (accountId) => call(async () => accountStatusOf(await (await stripeClient()).accounts.retrieve(accountId))),
    createCheckoutSession: (accountId, request) =>
      call(async () => {
        const metadata = checkoutMetadata(request);
        const fee = applicationFee(request.lineItems, config.STRIPE_PLATFORM_FEE_BPS);
        const session = await (
          await stripeClient()
        ).checkout.sessions.create(
          {
            mode: 'payment',
            line_items: request.lineItems.map((item) => ({
              quantity: item.quantity,
              price_data: { currency: request.currency.toLowerCase(), unit_amount: item.unitAmountCents, product_data: { name: item.name } },
            })),
            // The same metadata on the payment intent: payment_intent.succeeded then names the studio and the target too.
            payment_intent_data: { ...(fee > 0 ? { application_fee_amount: fee } : {}), metadata },
            metadata,
            client_reference_id: `${request.kind}:${request.targetId}`,
            ...(request.customerEmail ? { customer_email: request.customerEmail } : {}),
            ...(request.locale ? { locale: request.locale } : {}),
            success_url: request.successUrl,
            cancel_url: request.cancelUrl,
          },
          { stripeAccount: accountId, idempotencyKey: request.idempotencyKey },
        );
        return sessionView(session);
      }),
    checkoutSession: (accountId, sessionId) =>
      call(async () => sessionView(await (await stripeClient()).checkout.sessions.retrieve(sessionId, {}, { stripeAccount: accountId }))),
    expireCheckoutSession: (accountId, sessionId) =>
      call(async () => sessionView(await (await stripeClient()).checkout.sessions.expire(sessionId, {}, { stripeAccount: accountId }))),
    paymentIntent: (accountId, paymentIntentId) =>
      call(async () => paymentIntentView(await (await stripeClient()).paymentIntents.retrieve(paymentIntentId, {}, { stripeAccount: accountId }))),
    charge: (accountId, chargeId) =>
      call(async () => {
        const charge = await (await stripeClient()).charges.retrieve(chargeId, {}, { stripeAccount: accountId });
        return {
          id: charge.id,
          paymentIntentId: idOf(charge.payment_intent),
          amountCents: charge.amount,
          amountRefundedCents: charge.amount_refunded,
          currency: charge.currency,
          refunded: charge.refunded,
          metadata: { ...charge.metadata },
        };
      }),
    refund: (accountId, input) =>
      call(async () => {
        // On a direct charge the refund comes out of the studio's balance; the platform fee goes back with it.
        const refund = await (
          await stripeClient()
        ).refunds.create(
          { payment_intent: input.paymentIntentId, ...(input.amountCents !== undefined ? { amount: input.amountCents } : {}), refund_application_fee: true },
          { stripeAccount: accountId, idempotencyKey: input.idempotencyKey },
        );
        return {
          id: refund.id,
          amountCents: refund.amount,
          currency: refund.currency,
          status: refund.status ?? 'pending',
          paymentIntentId: idOf(refund.payment_intent),
        };
      }),
    async verifyEvent(rawBody, signature) {
      if (secrets.length === 0) throw new AppError('NOT_CONFIGURED', 'Stripe webhooks are not set up on this server (STRIPE_WEBHOOK_SECRET).');
      if (!signature) throw new AppError('BAD_REQUEST', 'Missing Stripe-Signature header');
      const stripe = await stripeClient();
      const { errors } = await loadStripe();
      for (const secret of secrets) {
        try {
          return stripe.webhooks.constructEvent(rawBody, signature, secret);
        } catch (error) {
          if (!(error instanceof errors.StripeSignatureVerificationError)) throw error;
        }
      }
      throw new AppError('BAD_REQUEST', 'The Stripe signature does not match this payload');
    },
  };
}

const clients = new WeakMap<Config, Promise<Stripe>>();

/** The SDK client of this configuration (for the adapter's other half, stripe-billing-adapter.ts): one per config. */
export function sdkClient(config: Config, secretKey: string): Promise<Stripe> {
  let client = clients.get(config);
  if (!client) clients.set(config, (client = loadStripe().then((S) => new S(secretKey, clientOptions(config)))));
  return client;
}

const gateways = new WeakMap<Config, StripeGateway>();

/** The gateway for this configuration, or null when no key is set: callers then say "not set up", never pretend. */
export function stripeGateway(config: Config): StripeGateway | null {
  if (!config.STRIPE_SECRET_KEY) return null;
  let gateway = gateways.get(config);
  if (!gateway) gateways.set(config, (gateway = createGateway(config, config.STRIPE_SECRET_KEY)));
  return gateway;
}

/** As above, for actions that cannot go on without Stripe: a clear refusal instead of a silent no-op. */
export function requireStripe(config: Config): StripeGateway {
  const gateway = stripeGateway(config);
  if (!gateway) throw new AppError('NOT_CONFIGURED', 'Online payment is not set up on this server (no STRIPE_SECRET_KEY).');
  return gateway;
}

export type StripeEvent = Stripe.Event;
